import type { webApi } from '@slack/bolt';
import type { BotResponse } from '../../src/core/request';
import type { Translate } from '../../src/i18n/i18n';
import type { SlackMessage } from './block-kit-types';
import { renderMessage } from './render-block-kit';
import { postToResponseUrl, type ResponseUrlMessage, type ResponseUrlPoster } from './response-url';

type WebClient = webApi.WebClient;

/**
 * Where a reply goes, by what the person did:
 * - `command`: `/rollout`, answered in the ack when the core is fast, else through its
 *   response_url (both work in every channel, also where the bot is not a member).
 * - `message`: an @mention or a DM, answered with chat.postMessage / chat.postEphemeral.
 * - `action`: a button or a modal on a message; `update` replaces that message in place.
 * - `home`: a button on the App Home; the home tab is republished after the change.
 */
export type Surface =
  | { kind: 'command'; responseUrl: string }
  | { kind: 'message'; channel: string; user: string; personal: boolean; threadTs?: string }
  | { kind: 'action'; user: string; responseUrl?: string; channel?: string; ts?: string; ephemeral?: boolean }
  | { kind: 'home'; user: string };

export interface ReplyDeps {
  client: WebClient;
  t: Translate;
  /** How to post to a response_url (node's http client by default). */
  postResponse?: ResponseUrlPoster;
  /** Republishes the App Home of a user (after a change made there). */
  publishHome?: (user: string) => Promise<void>;
}

const post = (deps: ReplyDeps): ResponseUrlPoster => deps.postResponse ?? postToResponseUrl;

/** Sends what the core answered. A duplicate delivery sends nothing. */
export async function deliver(response: BotResponse, surface: Surface, deps: ReplyDeps): Promise<void> {
  if (response.duplicate) return;
  const { t } = deps;
  if (surface.kind === 'home') {
    if (response.changed || response.update) await deps.publishHome?.(surface.user);
    // The home tab shows the new state itself and cannot hold an ephemeral message: only an
    // error is worth a message, in the user's DM with the app.
    const errors = response.views.filter((v) => v.kind === 'error');
    if (errors.length > 0) await deps.client.chat.postMessage({ channel: surface.user, ...renderMessage(errors, t) });
    return;
  }
  // A refused click leaves the shared message as it is (the core's unchanged view is for cards
  // that only the clicker sees, as in Teams); the clicker gets the error ephemerally below.
  if (surface.kind === 'action' && response.update && (response.changed || response.views.every((v) => v.kind !== 'error'))) {
    const update = response.update;
    await replaceOriginal(surface, renderMessage([update], t), deps);
    // Anything else (a notice, an error) is for the clicker only; a copy of the updated view is not repeated.
    const others = response.views.filter((v) => v !== update && v.kind !== update.kind);
    if (others.length > 0) await sendEphemeral(surface, renderMessage(others, t), deps);
    return;
  }
  if (surface.kind === 'command') {
    const answer = commandAnswer(response, t);
    if (answer) await post(deps)(surface.responseUrl, answer);
    return;
  }
  if (response.views.length === 0) return;
  const message = renderMessage(response.views, t);
  if (surface.kind === 'action') return sendEphemeral(surface, message, deps);
  const thread = surface.threadTs ? { thread_ts: surface.threadTs } : {};
  if (surface.personal || response.visibility === 'channel') {
    await deps.client.chat.postMessage({ channel: surface.channel, ...thread, ...message });
  } else {
    await deps.client.chat.postEphemeral({ channel: surface.channel, user: surface.user, ...thread, ...message });
  }
}

/**
 * A slash command's answer: the body of the ack when the core was fast, else a post to the
 * command's response_url. Undefined when there is nothing to say (a duplicate, no views).
 */
export function commandAnswer(response: BotResponse, t: Translate): ResponseUrlMessage | undefined {
  if (response.duplicate || response.views.length === 0) return undefined;
  return { response_type: response.visibility === 'channel' ? 'in_channel' : 'ephemeral', ...renderMessage(response.views, t) };
}

/** The clicked message changes in place: through its response_url (also ephemeral ones), else chat.update. */
async function replaceOriginal(surface: Extract<Surface, { kind: 'action' }>, message: SlackMessage, deps: ReplyDeps): Promise<void> {
  if (surface.responseUrl) {
    return post(deps)(surface.responseUrl, { replace_original: true, ...message });
  }
  if (surface.channel && surface.ts && !surface.ephemeral) {
    await deps.client.chat.update({ channel: surface.channel, ts: surface.ts, ...message });
  }
}

async function sendEphemeral(surface: Extract<Surface, { kind: 'action' }>, message: SlackMessage, deps: ReplyDeps): Promise<void> {
  if (surface.responseUrl) {
    return post(deps)(surface.responseUrl, { response_type: 'ephemeral', replace_original: false, ...message });
  }
  if (surface.channel) {
    await deps.client.chat.postEphemeral({ channel: surface.channel, user: surface.user, ...message });
  } else {
    await deps.client.chat.postMessage({ channel: surface.user, ...message });
  }
}
