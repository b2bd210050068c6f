import { webApi } from '@slack/bolt';
import type { Locale } from '../../src/core/locale';
import type { View } from '../../src/core/views';
import type { MessageSender, OutgoingMessage, SendResult } from '../../src/ports/message-sender.port';
import type { KnownBlock } from './block-kit-types';
import { messageMrkdwn } from './mrkdwn';

/**
 * Slack allows about one message a second per channel, with short bursts. The outbox counts this
 * interval from Slack's answer to the previous message, so two messages reach Slack at least
 * 1 s plus a round trip apart: no margin on top is needed (see the fan-out benchmark).
 */
export const SLACK_MIN_INTERVAL_MS = 1000;

/** The metadata event type our outbox messages carry, with the idempotency key in its payload. */
export const OUTBOX_EVENT_TYPE = 'rollout_outbox';

/** How long a Web API call of the outbox may take before it counts as a (retryable) failure. */
export const SLACK_SENDER_TIMEOUT_MS = 15_000;

/** `conversations.history` pages read when looking for a message after a crash (200 messages each). */
const HISTORY_PAGES = 5;

/** Slack's errors that another try will not fix: the outbox reports them instead of retrying. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_arguments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
  'team_access_not_granted',
  'ekm_access_denied',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  /** Ours: the workspace has no installation (OAuth mode), so there is no token to post with. */
  'not_installed',
]);

/** Platform errors after which Slack may still have posted the message. */
const MAYBE_POSTED = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/**
 * A failed Web API call as the outbox wants it: a 429 with its Retry-After, 5xx and network
 * faults worth another try, Slack's permanent errors (`channel_not_found`, `not_in_channel`,
 * `is_archived`, `invalid_auth`, ...) final. Unknown platform errors are retried: the outbox
 * gives up after its attempts and reports. A timeout, a reset connection, a 5xx or Slack's own
 * internal error may come after Slack posted the message: those are `uncertain`, and the outbox
 * looks the message up before it sends it again.
 */
export function sendFailure(err: unknown): SendResult {
  const e = err as { code?: string; message?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  const message = e?.message ?? String(err);
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return { ok: false, retryable: true, retryAfterMs: Math.max(0, (e.retryAfter ?? 1) * 1000), error: 'ratelimited' };
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown';
      return { ok: false, retryable: !PERMANENT.has(code), ...(MAYBE_POSTED.has(code) ? { uncertain: true } : {}), error: code };
    }
    case 'slack_webapi_http_error': {
      const status = e.statusCode ?? 500;
      const retryable = status >= 500 || status === 408;
      return { ok: false, retryable, ...(retryable ? { uncertain: true } : {}), error: `http_${status}` };
    }
    default:
      // slack_webapi_request_error (network, timeout) and anything unexpected.
      return { ok: false, retryable: true, uncertain: true, error: message };
  }
}

export interface SlackSenderOptions {
  /** Single-workspace mode (and Socket Mode): the one bot token. */
  token?: string;
  /** OAuth mode: the bot token of a workspace (`slack:T123`), from the installation store. */
  tokenFor?: (workspace: string) => Promise<string | undefined>;
  /** Web API base URL ending in `/api/`. */
  apiUrl?: string;
  /** How long one Web API call may take (SLACK_SENDER_TIMEOUT_MS; tests make it short). */
  timeoutMs?: number;
  /** Block Kit of a reminder's views in its reader's language (its Done buttons); without it a reminder is its text. */
  render?: (views: View[], locale: Locale) => { blocks: KnownBlock[]; text: string };
}

/**
 * The outbox's sender for Slack channels, in every mode: one token, or per message the token of
 * `message.workspace` from the installations. Its Web API clients never retry and never wait out
 * a 429 by themselves: the durable outbox owns the retry policy. The idempotency key rides along
 * as message metadata, so after a crash `findDelivered` can tell from the channel's history
 * whether a message got through.
 */
export function createSlackSender(options: SlackSenderOptions): MessageSender {
  const clients = new Map<string, webApi.WebClient>();
  const clientFor = async (workspace: string): Promise<webApi.WebClient | undefined> => {
    const token = options.token ?? (await options.tokenFor?.(workspace));
    if (!token) return undefined;
    let client = clients.get(token);
    if (!client) {
      // A reinstall hands out a new token; forgetting old clients now and then keeps this small.
      if (clients.size >= 1000) clients.clear();
      client = new webApi.WebClient(token, {
        ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 0 },
        timeout: options.timeoutMs ?? SLACK_SENDER_TIMEOUT_MS,
        // The outbox logs every failure with its entry; the client's own warnings would repeat them.
        logLevel: webApi.LogLevel.ERROR,
      });
      clients.set(token, client);
    }
    return client;
  };
  const notInstalled = (m: OutgoingMessage): SendResult => ({ ok: false, retryable: false, error: `not_installed: no Slack installation for ${m.workspace}` });
  const native = (channel: string) => channel.replace(/^slack:/, '');
  const metadata = (m: OutgoingMessage) => ({ event_type: OUTBOX_EVENT_TYPE, event_payload: { idempotency_key: m.idempotencyKey, kind: m.kind } });

  /** Where a message goes: a channel as it is; a reminder into the person's direct messages with the app (`conversations.open`, `im:write`). */
  const target = async (client: webApi.WebClient, message: OutgoingMessage): Promise<string> => {
    if (message.kind !== 'reminder') return native(message.channel);
    const opened = await client.conversations.open({ users: native(message.channel) });
    return String(opened.channel?.id);
  };

  return {
    platform: 'slack',
    minIntervalMs: SLACK_MIN_INTERVAL_MS,
    directMessages: true,

    async post(message) {
      try {
        const client = await clientFor(message.workspace);
        if (!client) return notInstalled(message);
        const channel = await target(client, message);
        const rendered = message.views && message.locale && options.render ? options.render(message.views, message.locale) : undefined;
        const res = await client.chat.postMessage({
          channel, text: rendered?.text ?? messageMrkdwn(message.text), ...(rendered ? { blocks: rendered.blocks } : {}),
          metadata: metadata(message), unfurl_links: false, unfurl_media: false,
        });
        return { ok: true, messageId: String(res.ts) };
      } catch (err) {
        return sendFailure(err);
      }
    },

    async update(message) {
      try {
        const client = await clientFor(message.workspace);
        if (!client) return notInstalled(message);
        const res = await client.chat.update({ channel: native(message.channel), ts: message.messageId, text: messageMrkdwn(message.text), metadata: metadata(message) });
        return { ok: true, messageId: String(res.ts ?? message.messageId) };
      } catch (err) {
        return sendFailure(err);
      }
    },

    /**
     * After an attempt that may have reached Slack (a lost answer, a crash mid-send): reads the
     * channel's history since `since` (newest first, a few pages) for a message whose metadata
     * carries this idempotency key. Needs `channels:history` / `groups:history` and the bot in
     * the channel. When Slack cannot be asked it throws; `permanent` marks errors that asking
     * again will not fix (`not_in_channel`, `missing_scope`...), so the outbox gives up at once.
     */
    async findDelivered(message, since) {
      try {
        return await findInHistory(message, since);
      } catch (err) {
        const failure = sendFailure(err);
        throw Object.assign(new Error(failure.ok ? 'lookup failed' : `conversations.history: ${failure.error}`), { permanent: !failure.ok && !failure.retryable });
      }
    },
  };

  async function findInHistory(message: OutgoingMessage, since: string): Promise<string | undefined> {
    const client = await clientFor(message.workspace);
    // No installation: not there, and the post that follows fails with not_installed.
    if (!client) return undefined;
    const oldest = Number.isNaN(Date.parse(since)) ? undefined : (Date.parse(since) / 1000).toFixed(6);
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const res = await client.conversations.history({
        channel: await target(client, message),
        include_all_metadata: true,
        limit: 200,
        ...(oldest ? { oldest, inclusive: true } : {}),
        ...(cursor ? { cursor } : {}),
      });
      const hit = res.messages?.find((m) => m.metadata?.event_type === OUTBOX_EVENT_TYPE && (m.metadata.event_payload as { idempotency_key?: unknown } | undefined)?.idempotency_key === message.idempotencyKey);
      if (hit?.ts) return hit.ts;
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) return undefined;
    }
    return undefined;
  }
}
