import { isLead } from '../domain/permissions';
import { issueLink, linkUrl, LINKS_REVOKED_BEFORE } from '../web-links/dashboard-links';
import { LINK_DAYS } from '../web-links/link-token';
import type { CommandContext, CommandDef, CommandResult } from './context';
import { fail, isResult, loadRollout, mutate, notice, refuse } from './support';

const PORTFOLIO = new Set(['portfolio', 'all', 'salkku', 'kaikki', 'portfölj', 'alla']);
const REVOKE = new Set(['revoke', 'mitätöi', 'återkalla']);

/**
 * `dashboard`: a signed, expiring, read-only link to the rollout's web dashboard.
 * `dashboard portfolio`: every rollout of the workspace (leads, and Slack workspace admins).
 * `dashboard revoke`: the lead invalidates every link given so far.
 */
export const dashboard: CommandDef = {
  name: 'dashboard',
  aliases: { en: ['dashboard'], fi: ['kojelauta', 'tilannekuva'], sv: ['översikt', 'instrumentpanel'] },
  async run(ctx, args) {
    const word = args.trim().toLowerCase();
    if (word && !PORTFOLIO.has(word) && !REVOKE.has(word)) return fail(ctx, 'command.usage', { usage: ctx.t('commands.dashboard.usage') });
    if (REVOKE.has(word)) return revoke(ctx);
    if (!ctx.deps.publicUrl) return fail(ctx, 'dashboard.unavailable');
    if (PORTFOLIO.has(word)) return portfolio(ctx);
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const url = linkUrl(ctx.deps, await issueLink(ctx.deps, 'rollout', loaded.state.rollout.id))!;
    return { views: [notice(ctx.t('notices.dashboard_link', { name: loaded.state.rollout.name, url, days: LINK_DAYS }), 'info')] };
  },
};

/**
 * Leads of any rollout of the workspace get the portfolio, and so do the workspace's admins where
 * the platform says who they are (Slack: `users.info`; Teams tells a bot no such thing).
 */
async function portfolio(ctx: CommandContext): Promise<CommandResult> {
  const rollouts = await ctx.deps.store.listRollouts(ctx.request.workspace);
  if (rollouts.length === 0) return fail(ctx, 'rollout.none');
  let leads = ctx.request.workspaceAdmin === true;
  for (const rollout of rollouts) {
    if (leads) break;
    const state = await ctx.deps.store.load(rollout.id);
    if (state && isLead(state, ctx.request.user)) leads = true;
  }
  if (!leads) return fail(ctx, 'dashboard.portfolio_leads');
  const url = linkUrl(ctx.deps, await issueLink(ctx.deps, 'portfolio', ctx.request.workspace))!;
  return { views: [notice(ctx.t('notices.portfolio_link', { url, days: LINK_DAYS, rollouts: rollouts.length }), 'info')] };
}

async function revoke(ctx: CommandContext): Promise<CommandResult> {
  const loaded = await loadRollout(ctx);
  if (isResult(loaded)) return loaded;
  const outcome = await mutate(ctx, loaded, (state) => {
    if (!isLead(state, ctx.request.user)) return refuse('auth.lead_only');
    return { ok: true, changes: [{ type: 'rollout.setting', key: LINKS_REVOKED_BEFORE, value: ctx.meta.at }], value: null };
  });
  if (isResult(outcome)) return outcome;
  return { views: [notice(ctx.t('notices.dashboard_revoked', { name: loaded.state.rollout.name }))], changed: outcome.changed };
}
