import { Shell, type PageContext } from './page-shell';

/** A tampered, expired or revoked link: what happened and how to get a new one. */
export function DeniedPage({ ctx, reason }: { ctx: PageContext; reason: 'invalid' | 'expired' | 'revoked' }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t(`web:denied.${reason}`)} heading={t('web:denied.heading')}>
      <p>{t('web:denied.how')}</p>
      <ul>
        <li>{t('web:denied.slack')}</li>
        <li>{t('web:denied.teams')}</li>
      </ul>
      <p>{t('web:denied.portfolio')}</p>
    </Shell>
  );
}

export function NotFoundPage({ ctx }: { ctx: PageContext }) {
  return (
    <Shell ctx={ctx} title={ctx.t('web:not_found.title')} heading={ctx.t('web:denied.heading')}>
      <p>{ctx.t('web:not_found.text')}</p>
    </Shell>
  );
}

/**
 * The Teams configurable tab's configuration page: the lead pastes the channel's dashboard link
 * and Teams saves it as the tab's content. The Teams JS SDK and the page's script are served from
 * this server, so the Content-Security-Policy stays `script-src 'self'`.
 */
export function TabConfigPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('web:tab.title')} heading={t('web:tab.heading')}>
      <form id="tab-config" data-origin-error={t('web:tab.wrong_link')}>
        <p>{t('web:tab.how')}</p>
        <label for="link">{t('web:tab.label')}</label>
        <input id="link" name="link" type="url" required aria-describedby="link-help link-error" size={60} />
        <p id="link-help" class="muted">{t('web:tab.help')}</p>
        <p id="link-error" class="error-text" role="alert" aria-live="polite"></p>
      </form>
      <script src="/dashboard/static/teams-js.js"></script>
      <script src="/dashboard/static/tab-config.js"></script>
    </Shell>
  );
}
