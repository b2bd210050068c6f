import { webApi } from '@slack/bolt';
import type { MessageSender, OutgoingMessage, SendResult } from '../../src/ports/message-sender.port';
import { escapeMrkdwn } from './mrkdwn';

/** Slack allows about one message a second per channel, with short bursts. */
export const SLACK_MIN_INTERVAL_MS = 1100;

/** Slack's errors that another try will not fix: the outbox reports them instead of retrying. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'msg_too_long',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'restricted_action',
  'message_not_found',
  'cant_update_message',
]);

/** A failed Web API call as the outbox wants it: rate limits with their wait, faults worth retrying, the rest final. */
export function sendFailure(err: unknown): SendResult {
  const e = err as { code?: string; message?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  const message = e?.message ?? String(err);
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return { ok: false, retryable: true, retryAfterMs: Math.max(0, (e.retryAfter ?? 1) * 1000), error: message };
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown';
      return { ok: false, retryable: !PERMANENT.has(code), error: code };
    }
    case 'slack_webapi_http_error':
      return { ok: false, retryable: (e.statusCode ?? 500) >= 500 || e.statusCode === 408, error: message };
    default:
      return { ok: false, retryable: true, error: message };
  }
}

/**
 * The outbox's sender for Slack channels (single-workspace mode). Its own Web API client never
 * retries and never waits out a 429 by itself: the durable outbox owns the retry policy.
 * The idempotency key rides along as message metadata, so a repeat can be recognised in Slack.
 */
export function createSlackSender(token: string, apiUrl?: string): MessageSender {
  const client = new webApi.WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
  });
  const native = (channel: string) => channel.replace(/^slack:/, '');
  const metadata = (m: OutgoingMessage) => ({ event_type: 'rollout_outbox', event_payload: { idempotency_key: m.idempotencyKey, kind: m.kind } });
  return {
    platform: 'slack',
    minIntervalMs: SLACK_MIN_INTERVAL_MS,
    async post(message) {
      try {
        const res = await client.chat.postMessage({ channel: native(message.channel), text: escapeMrkdwn(message.text), metadata: metadata(message), unfurl_links: false });
        return { ok: true, messageId: String(res.ts) };
      } catch (err) {
        return sendFailure(err);
      }
    },
    async update(message) {
      try {
        const res = await client.chat.update({ channel: native(message.channel), ts: message.messageId, text: escapeMrkdwn(message.text), metadata: metadata(message) });
        return { ok: true, messageId: String(res.ts ?? message.messageId) };
      } catch (err) {
        return sendFailure(err);
      }
    },
  };
}
