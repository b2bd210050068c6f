import type { View } from '../../src/core/views';
import type { Translate } from '../../src/i18n/i18n';
import { card, container, messageParagraphs, text, type AdaptiveCard, type CardElement } from './card-elements';
import { renderAnnouncement, renderChannels, renderOutbox } from './render-comms-views';
import { renderError, renderHelp, renderLog, renderNotice, renderOverview, renderRoles } from './render-info-views';
import { renderChecklist, renderGate, renderNext } from './render-rollout-views';

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

/** All views of one response in one card, one container each, separated. */
export function renderCard(views: readonly View[], t: Translate): AdaptiveCard {
  return card(views.map((view, i) => container(renderView(view, t, `v${i}-`), i > 0 ? { separator: true, spacing: 'Medium' } : {})));
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
