import type { CoreDeps } from '../app';
import { cleanRequest } from '../core/clean-text';
import { coreError } from '../core/errors';
import { toLocale, type Locale } from '../core/locale';
import type { BotAction, BotRequest, BotResponse } from '../core/request';
import type { View } from '../core/views';
import type { CommandContext, CommandResult } from './context';
import { helpFor } from './help';
import { advancePhase } from './phase';
import { nextQuestionLocale } from './questions';
import { COMMAND_WORDS, COMMANDS } from './registry';
import { errorView, fail, isResult, loadRollout, notice, viewsFor } from './support';
import { changeTask, updatedView } from './task-change';
import { announcementView, sendAnnouncement } from './announcement-flow';
import { next } from './next';
import { didYouMean } from '../domain/task-ref';
import { splitFirst } from './words';
import { StoreUnavailableError } from '../ports/store-unavailable';

/** Longest text accepted from a user; longer input is refused before anything else happens. */
export const MAX_TEXT = 2000;

/** Turns one request into views. Expected outcomes are views; only faults are logged as errors. */
export async function handleRequest(deps: CoreDeps, raw: BotRequest): Promise<BotResponse> {
  const request = cleanRequest(raw);
  const ctx = await contextFor(deps, request);
  let result: CommandResult;
  try {
    result = request.action ? await keepView(ctx, request.action, await runAction(ctx, request.action)) : await runText(ctx, request.text ?? '');
  } catch (err) {
    deps.logger.error({ err, platform: request.platform, workspace: request.workspace, user: request.user }, 'request failed');
    // A locked or full database is a fault too, but one worth naming: trying again later helps.
    result = { views: [errorView(ctx, coreError(err instanceof StoreUnavailableError ? 'store.unavailable' : 'internal.error'))] };
  }
  return {
    locale: ctx.locale,
    views: result.views,
    visibility: result.visibility ?? 'private',
    changed: result.changed ?? false,
    ...(result.update ? { update: result.update } : {}),
    ...(result.duplicate ? { duplicate: true } : {}),
    ...(result.file ? { file: result.file } : {}),
  };
}

/** The language the core would answer this user in, for an adapter's own texts (modal titles...). */
export async function localeFor(deps: CoreDeps, request: Pick<BotRequest, 'user' | 'locale'>): Promise<Locale> {
  return pickLocale(deps, request, await deps.store.userLocale(request.user));
}

/** The user's own choice, else their platform locale, else the configured default. */
function pickLocale(deps: CoreDeps, request: Pick<BotRequest, 'locale'>, chosen: Locale | undefined): Locale {
  return chosen ?? toLocale(request.locale) ?? deps.defaultLocale;
}

/** A user's own page: for each rollout of the workspace, their next tasks and the progress per phase. */
export async function handleHome(deps: CoreDeps, raw: Omit<BotRequest, 'text' | 'action'>): Promise<BotResponse> {
  const request = cleanRequest(raw);
  const ctx = await contextFor(deps, request);
  const views: View[] = [];
  for (const rollout of await deps.store.listRollouts(request.workspace)) {
    const loaded = await loadRollout(ctx, rollout.id);
    if (isResult(loaded)) continue;
    const built = await viewsFor(ctx, loaded);
    views.push(built.next(true), built.overview());
  }
  if (views.length === 0) views.push(notice(ctx.t('notices.home_empty'), 'info'));
  return { locale: ctx.locale, views, visibility: 'private', changed: false };
}

async function contextFor(deps: CoreDeps, request: BotRequest): Promise<CommandContext> {
  const chosen = await deps.store.userLocale(request.user);
  let locale = pickLocale(deps, request, chosen);
  // A plain question asked in a language answers in that language, unless the user chose one.
  if (request.text && !chosen && !COMMAND_WORDS.has(splitFirst(request.text)[0].toLowerCase())) {
    locale = nextQuestionLocale(request.text) ?? locale;
  }
  if (request.userName) await deps.store.rememberUserName(request.user, request.userName.slice(0, 200));
  return {
    deps,
    request,
    locale,
    t: deps.translations.t(locale),
    meta: {
      actor: request.user,
      platform: request.platform,
      at: deps.clock.now().toISOString(),
      ...(request.requestId ? { requestId: request.requestId, requestScope: `${request.workspace}\u0000${request.channel}` } : {}),
    },
  };
}

async function runText(ctx: CommandContext, raw: string): Promise<CommandResult> {
  if (raw.length > MAX_TEXT) return fail(ctx, 'input.too_long', { max: MAX_TEXT });
  const text = raw.trim();
  const [first, rest] = splitFirst(text);
  // `seuraava?` and `status?` are asked as questions: the mark is not part of the command word.
  const word = first.replace(/^\//, '').replace(/(?<=.)[?？]+$/, '').toLowerCase();
  if (!word) return helpFor(ctx, COMMANDS);
  const command = COMMAND_WORDS.get(word);
  if (command) return command.run(ctx, rest);
  // Two-word commands (`my data`, `omat tiedot`).
  const [second, afterSecond] = splitFirst(rest);
  const twoWords = second ? COMMAND_WORDS.get(`${word} ${second.toLowerCase()}`) : undefined;
  if (twoWords) return twoWords.run(ctx, afterSecond);
  if (nextQuestionLocale(text)) return next.run(ctx, '');
  const suggestion = didYouMean(word, [...COMMAND_WORDS.keys()]);
  return fail(ctx, 'command.unknown', { command: first.slice(0, 40), suggestion: suggestion ?? '' });
}

/**
 * A refused click still answers with the view the button sat on, as it is now, so the card or
 * message keeps its checklist beside the error instead of being replaced by the error alone.
 */
async function keepView(ctx: CommandContext, action: BotAction, result: CommandResult): Promise<CommandResult> {
  if (result.update || result.duplicate || (!action.from && !action.batch)) return result;
  const loaded = await loadRollout(ctx, action.rolloutId);
  if (isResult(loaded)) return result;
  if (action.name === 'send' && action.batch) {
    const preview = await announcementView(ctx, loaded, action.batch);
    return preview ? { ...result, update: preview } : result;
  }
  if (!action.from) return result;
  const views = await viewsFor(ctx, loaded);
  const phase = action.phase && loaded.playbook.phaseIndex.has(action.phase) ? action.phase : loaded.state.rollout.phase;
  return { ...result, update: updatedView(views, action.from, phase, action.page) };
}

async function runAction(ctx: CommandContext, action: BotAction): Promise<CommandResult> {
  const loaded = await loadRollout(ctx, action.rolloutId);
  if (isResult(loaded)) return loaded;
  switch (action.name) {
    case 'done':
    case 'undo':
      if (!action.task) return fail(ctx, 'action.invalid');
      return changeTask(ctx, loaded, action.task, { op: action.name }, action.from, action.page);
    case 'skip':
      if (!action.task) return fail(ctx, 'action.invalid');
      if (!action.reason?.trim()) return fail(ctx, 'task.reason_required', { usage: ctx.t('commands.skip.usage') });
      return changeTask(ctx, loaded, action.task, { op: 'skip', reason: action.reason.trim() }, action.from, action.page);
    case 'advance':
      return advancePhase(ctx, loaded, action.reason?.trim() || undefined, action.phase);
    case 'send':
      if (!action.batch) return fail(ctx, 'action.invalid');
      return sendAnnouncement(ctx, loaded, action.batch);
    case 'page': {
      const views = await viewsFor(ctx, loaded);
      const phase = action.phase && loaded.playbook.phaseIndex.has(action.phase) ? action.phase : loaded.state.rollout.phase;
      return { views: [], update: views.checklist(phase, action.page) };
    }
  }
}
