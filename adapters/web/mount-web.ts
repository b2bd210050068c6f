import path from 'node:path';
import express, { type Request, type Response, type NextFunction } from 'express';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { RolloutBot } from '../../src/app';
import { isLocale, type Locale, LOCALES } from '../../src/core/locale';
import { auditData } from '../../src/dashboard/audit-data';
import { auditRows, checklistRows } from '../../src/dashboard/export-rows';
import { openDashboard, type RolloutDashboard } from '../../src/dashboard/open-dashboard';
import { overviewData } from '../../src/dashboard/overview-data';
import { portfolioRows } from '../../src/dashboard/portfolio-data';
import type { Logger } from '../../src/ports/logger.port';
import { projectRoot } from '../../src/project-root';
import type { Mounted } from '../http/server';
import { AnnouncementsPage } from './announcements-page';
import { AuditPage } from './audit-page';
import { auditCsv, checklistCsv, exportJson } from './export-files';
import { DeniedPage, NotFoundPage, TabConfigPage } from './plain-pages';
import type { PageContext } from './page-shell';
import { PortfolioPage } from './portfolio-page';
import { OverviewPage, PhasePage } from './rollout-pages';

/** Teams shows the dashboard in a channel tab; no other site may frame it. */
const FRAME_ANCESTORS = "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft";
const CSP = `default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; base-uri 'none'; form-action 'self'; ${FRAME_ANCESTORS}`;
const ANNOUNCEMENTS_SHOWN = 200;
const TEAMS_SDK_CDN = 'https://res.cdn.office.net';

/** Headers of every dashboard response: tokens are in URLs, so no referrer and no caching. */
function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
  });
  next();
}

/** `?lang=` when valid, else the browser's `Accept-Language`, else the bot's default. */
function localeOf(req: Request, fallback: Locale): Locale {
  const asked = req.query.lang;
  if (isLocale(asked)) return asked;
  const header = req.get('accept-language');
  if (!header || header.trim() === '*') return fallback;
  const accepted = req.acceptsLanguages(...LOCALES);
  return accepted && isLocale(accepted) ? accepted : fallback;
}

function html(res: Response, status: number, page: VNode): void {
  res.status(status).type('html').send(`<!DOCTYPE html>${renderToString(page)}`);
}

/**
 * The read-only web dashboard under `/dashboard`: pages rendered on the server from the core's
 * data, opened by signed expiring links the bot gives (`dashboard`, `export`), plus the Teams
 * tab's configuration page. Nothing here changes state; every query value is checked.
 */
export function mountWeb(app: express.Express, bot: RolloutBot, logger: Logger): Mounted {
  const router = express.Router({ caseSensitive: true, strict: false });
  router.use(securityHeaders);
  const staticDir = path.join(projectRoot(), 'adapters', 'web', 'static');
  router.get('/static/dashboard.css', (_req, res) => res.type('css').sendFile(path.join(staticDir, 'dashboard.css')));
  router.get('/static/tab-config.js', (_req, res) => res.type('js').sendFile(path.join(staticDir, 'tab-config.js')));
  router.get('/static/teams-js.js', (_req, res) => res.type('js').sendFile(require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js')));

  const context = (req: Request, path: string, query: Record<string, string> = {}, base?: string): PageContext => {
    const locale = localeOf(req, bot.deps.defaultLocale);
    return { t: bot.t(locale), locale, path, query, ...(base ? { base } : {}) };
  };

  router.get('/tab-config', (req, res) => {
    // The Teams JS SDK fetches the list of Teams' own domains from Microsoft's CDN (it falls back to a built-in list).
    res.set('Content-Security-Policy', `${CSP}; connect-src ${TEAMS_SDK_CDN}`);
    html(res, 200, TabConfigPage({ ctx: context(req, 'tab-config') }));
  });

  /** Opens the link's dashboard; answers 403 itself when the link does not open. */
  async function open(req: Request, res: Response, page: string, query: Record<string, string> = {}) {
    const token = String(req.params.token);
    const base = `/dashboard/${encodeURIComponent(token)}`;
    const ctx = context(req, page, query, base);
    const opened = await openDashboard(bot.deps, token, ctx.locale);
    if (opened.scope === 'denied') {
      html(res, 403, DeniedPage({ ctx, reason: opened.reason }));
      return undefined;
    }
    return { ctx, opened };
  }

  const rolloutPage = (page: (req: Request) => string, render: (d: RolloutDashboard, ctx: PageContext, req: Request, res: Response) => Promise<void>, query: (req: Request) => Record<string, string> = () => ({})) =>
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const got = await open(req, res, page(req), query(req));
        if (!got) return;
        if (got.opened.scope !== 'rollout') return html(res, 404, NotFoundPage({ ctx: got.ctx }));
        await render(got.opened, got.ctx, req, res);
      } catch (err) {
        next(err);
      }
    };

  const currentPhase = (d: RolloutDashboard) => d.views.state.rollout.phase;
  const one = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : undefined);

  router.get('/:token', async (req, res, next) => {
    try {
      const got = await open(req, res, '');
      if (!got) return;
      const { ctx, opened } = got;
      if (opened.scope === 'portfolio') return html(res, 200, PortfolioPage({ ctx, rows: await portfolioRows(opened) }));
      html(res, 200, OverviewPage({ ctx, data: await overviewData(opened), name: opened.views.state.rollout.name }));
    } catch (err) {
      next(err);
    }
  });
  router.get('/:token/phase/:phase', rolloutPage((req) => `phase/${encodeURIComponent(String(req.params.phase))}`, async (d, ctx, req, res) => {
    const phase = String(req.params.phase);
    if (!d.playbook.phaseIndex.has(phase)) return html(res, 404, NotFoundPage({ ctx }));
    html(res, 200, PhasePage({ ctx, d, checklist: d.views.checklist(phase) }));
  }));
  const auditQuery = (req: Request): Record<string, string> => Object.fromEntries(
    (['phase', 'person', 'page'] as const).flatMap((k) => (one(req.query[k]) ? [[k, one(req.query[k])!]] : [])),
  );
  router.get('/:token/audit', rolloutPage(() => 'audit', async (d, ctx, req, res) => {
    const q = auditQuery(req);
    const data = await auditData(d, { phase: q.phase, person: q.person, page: Number(q.page ?? 1) });
    html(res, 200, AuditPage({ ctx, data, name: d.views.state.rollout.name, checklistPhase: currentPhase(d) }));
  }, auditQuery));
  router.get('/:token/announcements', rolloutPage(() => 'announcements', async (d, ctx, _req, res) => {
    const summary = await bot.deps.outbox.summary(d.views.state.rollout.id, ANNOUNCEMENTS_SHOWN);
    html(res, 200, AnnouncementsPage({ ctx, summary, channels: d.views.state.channels, name: d.views.state.rollout.name, checklistPhase: currentPhase(d) }));
  }));
  router.get('/:token/export/:file', rolloutPage((req) => `export/${encodeURIComponent(String(req.params.file))}`, async (d, ctx, req, res) => {
    const file = String(req.params.file);
    const rollout = { id: d.views.state.rollout.id, name: d.views.state.rollout.name };
    const at = bot.deps.clock.now().toISOString();
    const name = `${rollout.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 60) || 'rollout'}-${file}`;
    const send = (type: string, body: string) => {
      res.status(200).type(type).set('Content-Disposition', `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(name)}`).send(body);
    };
    switch (file) {
      case 'checklist.csv': return send('text/csv; charset=utf-8', checklistCsv(ctx.t, await checklistRows(d)));
      case 'audit.csv': return send('text/csv; charset=utf-8', auditCsv(ctx.t, await auditRows(d)));
      case 'checklist.json': return send('application/json; charset=utf-8', exportJson(ctx.locale, rollout, 'checklist', await checklistRows(d), at));
      case 'audit.json': return send('application/json; charset=utf-8', exportJson(ctx.locale, rollout, 'audit', await auditRows(d), at));
      default: return html(res, 404, NotFoundPage({ ctx }));
    }
  }));
  router.use((req: Request, res: Response) => html(res, 404, NotFoundPage({ ctx: context(req, '') })));
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err }, 'dashboard page failed');
    res.status(500).type('text/plain').send(bot.t(localeOf(req, bot.deps.defaultLocale))('web:failed'));
  });
  app.use('/dashboard', router);
  return { stop: async () => undefined };
}
