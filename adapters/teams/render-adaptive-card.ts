import type { ChecklistView, View } from '../../src/core/views';
import type { Translate } from '../../src/i18n/i18n';
import { card, container, messageParagraphs, text, type AdaptiveCard, type CardElement } from './card-elements';
import { renderAnnouncement, renderChannels, renderOutbox } from './render-comms-views';
import { renderError, renderHelp, renderLog, renderNotice, renderOverview, renderReminder, renderRoles, renderSchedule } from './render-info-views';
import { CARD_BUDGET_BYTES, CHECKLIST_BUDGET_BYTES, renderChecklist, renderGate, renderNext } from './render-rollout-views';

/**
 * Pure rendering of the core's neutral views into one Adaptive Card 1.5. Labels come from
 * `ui:*` / `teams:*` through `t`; everything else is the views' own (already translated) text.
 */

/** The card elements of one view; `idPrefix` keeps input ids unique when a card holds several views. */
export function renderView(view: View, t: Translate, idPrefix = ''): CardElement[] {
  switch (view.kind) {
    case 'checklist':
      return renderChecklist(view, t, idPrefix);
    case 'next':
      return renderNext(view, t, idPrefix);
    case 'gate':
      return renderGate(view, t, idPrefix);
    case 'overview':
      return renderOverview(view, t);
    case 'schedule':
      return renderSchedule(view, t);
    case 'reminder':
      return renderReminder(view, t, idPrefix);
    case 'roles':
      return renderRoles(view, t);
    case 'log':
      return renderLog(view, t);
    case 'help':
      return renderHelp(view);
    case 'notice':
      return renderNotice(view);
    case 'error':
      return renderError(view);
    case 'channels':
      return renderChannels(view, t);
    case 'announcement':
      return renderAnnouncement(view, t);
    case 'outbox':
      return renderOutbox(view, t);
    default:
      return assertNever(view);
  }
}

function assertNever(view: never): never {
  throw new Error(`No Adaptive Card renderer for view ${JSON.stringify(view)}`);
}

/** Least a checklist gets, whatever else shares its card: a page of a dozen tasks. */
const MIN_CHECKLIST_BYTES = 8_000;

/**
 * All views of one response in one card, one container each, separated. A checklist gets the
 * size budget the other views leave (`status` sends the overview with it), so the card stays
 * under Teams' limit and the checklist pages only when it must.
 */
export function renderCard(views: readonly View[], t: Translate): AdaptiveCard {
  const others = views.map((view, i) => (view.kind === 'checklist' ? undefined : renderView(view, t, `v${i}-`)));
  const used = Buffer.byteLength(JSON.stringify(others.filter(Boolean)));
  const checklists = views.filter((view) => view.kind === 'checklist').length;
  const budget = Math.max(MIN_CHECKLIST_BYTES, Math.min(CHECKLIST_BUDGET_BYTES, Math.floor((CARD_BUDGET_BYTES - used) / Math.max(1, checklists))));
  const parts = views.map((view, i) => others[i] ?? renderChecklist(view as ChecklistView, t, `v${i}-`, budget));
  return card(parts.map((items, i) => container(items, i > 0 ? { separator: true, spacing: 'Medium' } : {})));
}

const isMessage = (v: View) => v.kind === 'notice' || v.kind === 'error';

/**
 * The card an `Action.Execute` is answered with: the view the button sat on, as it is now, with
 * the response's notices and errors on top (one card per invoke response). Without an update it
 * is the response's views alone.
 */
export function renderUpdateCard(views: readonly View[], update: View | undefined, t: Translate): AdaptiveCard {
  if (!update) return renderCard(views, t);
  const rest = views.filter((v) => v !== update && v.kind !== update.kind);
  return renderCard([...rest.filter(isMessage), update, ...rest.filter((v) => !isMessage(v))], t);
}

/** The greeting when the bot is added to a personal chat, a group chat or a team. */
export function renderWelcomeCard(personal: boolean, t: Translate): AdaptiveCard {
  return card([
    text(t('teams:welcome_title'), { weight: 'Bolder', size: 'Medium' }),
    text(t(personal ? 'teams:welcome_personal' : 'teams:welcome_channel')),
  ]);
}

/** Plain text from the outbox (an announcement, a status message) as a card; never parsed as Markdown. */
export function renderTextCard(value: string): AdaptiveCard {
  return card(messageParagraphs(value));
}
