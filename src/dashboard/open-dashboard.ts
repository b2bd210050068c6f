import type { CoreDeps } from '../app';
import type { Locale } from '../core/locale';
import type { LoadedPlaybook } from '../domain/playbook';
import type { Rollout } from '../domain/rollout';
import type { Translate } from '../i18n/i18n';
import { RolloutViews, userIdsOf } from '../views/build-views';
import { checkLink } from '../web-links/dashboard-links';

/** What a reader of one rollout's dashboard may see, in their language. */
export interface RolloutDashboard {
  scope: 'rollout';
  deps: CoreDeps;
  locale: Locale;
  t: Translate;
  playbook: LoadedPlaybook;
  /** Built for nobody in particular: a link gives read access, never buttons. */
  views: RolloutViews;
}

export interface PortfolioDashboard {
  scope: 'portfolio';
  deps: CoreDeps;
  locale: Locale;
  t: Translate;
  workspace: string;
  rollouts: Rollout[];
}

export type DashboardOpening = RolloutDashboard | PortfolioDashboard | { scope: 'denied'; reason: 'invalid' | 'expired' | 'revoked' };

/** Checks a link's token and reads what it opens. Never changes anything. */
export async function openDashboard(deps: CoreDeps, token: string, locale: Locale): Promise<DashboardOpening> {
  const check = await checkLink(deps, token);
  if (!check.ok) return { scope: 'denied', reason: check.reason };
  const t = deps.translations.t(locale);
  if (check.claims.scope === 'portfolio') {
    return { scope: 'portfolio', deps, locale, t, workspace: check.claims.subject, rollouts: await deps.store.listRollouts(check.claims.subject) };
  }
  const state = (await deps.store.load(check.claims.subject))!;
  const playbook = deps.playbooks.get(state.rollout.playbookId);
  if (!playbook) throw new Error(`Rollout ${state.rollout.id} uses playbook ${state.rollout.playbookId}, which is not loaded`);
  const names = await deps.store.userNames(userIdsOf(state));
  return { scope: 'rollout', deps, locale, t, playbook, views: new RolloutViews(playbook, state, locale, t, '', names) };
}
