import type { ComponentChildren } from 'preact';
import { LOCALES, type Locale } from '../../src/core/locale';
import type { Translate } from '../../src/i18n/i18n';
import { configuredTimeZone } from '../../src/domain/working-days';

/** Where a page is and how to link from it, keeping the chosen language in every link. */
export interface PageContext {
  t: Translate;
  locale: Locale;
  /** `/dashboard/<token>`, or undefined on pages without a link (403, tab configuration). */
  base?: string;
  /** This page under `base`: `''`, `phase/deploy`, `audit`... */
  path: string;
  /** Query parameters of this page other than `lang`. */
  query?: Record<string, string>;
}

export function href(ctx: PageContext, path: string, query: Record<string, string> = {}, locale: Locale = ctx.locale): string {
  const params = new URLSearchParams({ ...query, lang: locale });
  return `${ctx.base ?? '/dashboard'}/${path}?${params.toString()}`;
}

const LANGUAGE_NAMES: Record<Locale, string> = { fi: 'Suomeksi', sv: 'På svenska', en: 'In English' };

export type Tab = 'overview' | 'checklist' | 'audit' | 'announcements' | 'portfolio';

interface ShellProps {
  ctx: PageContext;
  title: string;
  /** Heading above the tabs (the rollout's name). */
  heading: string;
  tab?: Tab;
  /** Phase key of the checklist tab. */
  checklistPhase?: string;
  children: ComponentChildren;
}

/** The frame of every page: language, title, skip link, language switch, tabs, main content. */
export function Shell({ ctx, title, heading, tab, checklistPhase, children }: ShellProps) {
  const { t } = ctx;
  const tabs: Array<[Tab, string, string]> = checklistPhase
    ? [
        ['overview', '', t('web:tabs.overview')],
        ['checklist', `phase/${checklistPhase}`, t('web:tabs.checklist')],
        ['audit', 'audit', t('web:tabs.audit')],
        ['announcements', 'announcements', t('web:tabs.announcements')],
      ]
    : [];
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} – ${heading}`}</title>
        <link rel="stylesheet" href="/dashboard/static/dashboard.css" />
      </head>
      <body>
        <a class="skip" href="#main">{t('web:skip')}</a>
        <header class="top">
          <p class="brand">{t('web:brand')}</p>
          <nav aria-label={t('web:language')} class="langs">
            <ul>
              {LOCALES.map((l) => (
                <li key={l}>
                  <a href={href(ctx, ctx.path, ctx.query, l)} lang={l} hreflang={l} aria-current={l === ctx.locale ? 'true' : undefined}>{LANGUAGE_NAMES[l]}</a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <p class="rollout-name">{heading}</p>
        {tabs.length > 0 && (
          <nav aria-label={t('web:tabs.label')} class="tabs">
            <ul>
              {tabs.map(([key, path, label]) => (
                <li key={key}>
                  <a href={href(ctx, path)} aria-current={key === tab ? 'page' : undefined}>{label}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <main id="main" tabIndex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
        <footer class="foot">
          <p>{t('web:read_only')}</p>
        </footer>
      </body>
    </html>
  );
}

/** A progress bar with its numbers in words next to it. */
export function ProgressBar({ ctx, id, label, done, applicable, percent }: { ctx: PageContext; id: string; label: string; done: number; applicable: number; percent: number }) {
  return (
    <span class="progress">
      <progress id={id} max={100} value={percent} aria-label={label} />
      <span>{ctx.t('web:progress', { done, applicable, percent })}</span>
    </span>
  );
}

const TAGS: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** `1.3.2027` style dates and times in the reader's language and the configured time zone. */
export function formatDateTime(locale: Locale, iso: string): string {
  const key = `${locale}\u0000${configuredTimeZone()}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(TAGS[locale], { timeZone: configuredTimeZone(), day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit' });
    formats.set(key, format);
  }
  return format.format(new Date(iso));
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date `YYYY-MM-DD` as `d.m.yyyy`. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d}.${m}.${y}`;
}
