import { coreError, type CoreError, type ErrorCode } from '../core/errors';
import type { ErrorView, NoticeView } from '../core/views';
import type { LoadedPlaybook } from '../domain/playbook';
import type { RolloutState } from '../domain/rollout';
import { localDate } from '../domain/working-days';
import type { Decision } from '../ports/rollout-store.port';
import { RolloutViews, userIdsOf } from '../views/build-views';
import type { CommandContext, CommandResult } from './context';

/** A translated error that says what happened and what to do next. */
export function errorView(ctx: CommandContext, error: CoreError): ErrorView {
  const params = { ...error.params };
  const hintKey = params.suggestion ? `hints.${error.code}_suggest` : `hints.${error.code}`;
  const hint = ctx.t(hintKey, params);
  return { kind: 'error', code: error.code, text: ctx.t(`errors.${error.code}`, params), ...(hint && hint !== hintKey ? { hint } : {}) };
}

export function fail(ctx: CommandContext, code: ErrorCode | CoreError, params?: Record<string, string | number>): CommandResult {
  return { views: [errorView(ctx, typeof code === 'string' ? coreError(code, params) : code)] };
}

export function notice(text: string, tone: NoticeView['tone'] = 'success'): NoticeView {
  return { kind: 'notice', tone, text };
}

export interface Loaded {
  state: RolloutState;
  playbook: LoadedPlaybook;
}

/**
 * The rollout this request is about: the channel's own, else the workspace's only one.
 * With several and no binding the user is told to pick one with `use`.
 */
export async function loadRollout(ctx: CommandContext, rolloutId?: string): Promise<Loaded | CommandResult> {
  const { store } = ctx.deps;
  let id = rolloutId;
  if (!id) {
    const bound = await store.rolloutForChannel(ctx.request.channel);
    if (bound && bound.workspace === ctx.request.workspace) id = bound.id;
  }
  if (!id) {
    const all = await store.listRollouts(ctx.request.workspace);
    if (all.length === 0) return fail(ctx, 'rollout.none');
    if (all.length > 1) return fail(ctx, 'rollout.ambiguous', { names: all.map((r) => r.name).join(', ') });
    id = all[0].id;
  }
  const state = await store.load(id);
  // A rollout id from a button must belong to the workspace the click came from; a personal chat
  // belongs to the whole tenant (`teams:<tenant>`), so a button there (a reminder) reaches the rollouts of its teams.
  const within = (workspace: string) => workspace === ctx.request.workspace || (Boolean(rolloutId) && ctx.request.personal === true && workspace.startsWith(`${ctx.request.workspace}:`));
  if (!state || !within(state.rollout.workspace)) return fail(ctx, 'action.stale');
  return { state, playbook: playbookOf(ctx, state) };
}

export function playbookOf(ctx: CommandContext, state: RolloutState): LoadedPlaybook {
  const playbook = ctx.deps.playbooks.get(state.rollout.playbookId);
  if (!playbook) throw new Error(`Rollout ${state.rollout.id} uses playbook ${state.rollout.playbookId}, which is not loaded`);
  return playbook;
}

export function isResult<T extends object>(value: T | CommandResult): value is CommandResult {
  return 'views' in value;
}

/** Views of a rollout for the asker, with the display names of everyone it mentions. */
export async function viewsFor(ctx: CommandContext, loaded: Loaded): Promise<RolloutViews> {
  const names = await ctx.deps.store.userNames(userIdsOf(loaded.state));
  return new RolloutViews(loaded.playbook, loaded.state, ctx.locale, ctx.t, ctx.request.user, names, localDate(ctx.deps.clock.now()));
}

/**
 * Runs a pure decision against the latest state in one atomic store call. On success returns
 * the state after the change; otherwise the finished result (error, or nothing for a duplicate).
 */
export async function mutate<T>(
  ctx: CommandContext,
  loaded: Loaded,
  decide: (state: RolloutState, playbook: LoadedPlaybook) => Decision<T>,
): Promise<{ loaded: Loaded; value: T; changed: boolean } | CommandResult> {
  const result = await ctx.deps.store.transact(loaded.state.rollout.id, ctx.meta, (state) => decide(state, loaded.playbook));
  if (!result.ok) {
    if ('duplicate' in result) return { views: [], duplicate: true };
    return fail(ctx, result.error);
  }
  return { loaded: { state: result.state, playbook: loaded.playbook }, value: result.value, changed: result.changed };
}

export function refuse<T>(code: ErrorCode, params?: Record<string, string | number>): Decision<T> {
  return { ok: false, error: coreError(code, params) };
}

/** Display form of a task in messages: `3.2 Viestipohjat`. */
export function taskLabel(ctx: CommandContext, task: { ref: string; phase: string; title: Record<string, string> }, playbook: LoadedPlaybook, currentPhase: string): string {
  // "Ota käyttöön 3.4" would read as an order: the phase is named as a phase.
  const phase = playbook.phases[playbook.phaseIndex.get(task.phase)!].name[ctx.locale];
  const prefix = task.phase === currentPhase ? task.ref : ctx.t('ui:task_in_phase', { phase, ref: task.ref });
  return `${prefix} ${task.title[ctx.locale]}`;
}

/** Names of the roles that may change a task, for "only … may" messages. */
export function whoMay(ctx: CommandContext, playbook: LoadedPlaybook, role: string): string {
  const name = (key: string) => playbook.roles.find((r) => r.key === key)?.name[ctx.locale] ?? key;
  return role === 'lead' ? name('lead') : `${name(role)}, ${name('lead')}`;
}
