import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

/** One request the bot made: a Web API method call or a post to a response_url. */
export interface RecordedCall {
  /** `chat.postMessage`, ..., or `response_url` for posts to a response_url. */
  method: string;
  /** For response_url posts: the id in the URL the test handed out. */
  target?: string;
  token?: string;
  body: Record<string, unknown>;
  /** `Date.now()` when it arrived. */
  at: number;
}

export interface FakeUser {
  locale?: string;
  name?: string;
  /** A workspace admin (`is_admin`). */
  admin?: boolean;
}

/** A message Slack accepted into a channel, as `conversations.history` shows it. */
export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  metadata?: { event_type?: string; event_payload?: { idempotency_key?: string; kind?: string } };
  /** Texts of later `chat.update`s, oldest first. */
  edits: string[];
  at: number;
}

/** A scripted answer instead of the normal one (429s, 5xx, platform errors). */
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * What to do with a `chat.postMessage`: `before` holds it without accepting it (Slack never
 * got it through); `after` accepts it into the channel's history and then never answers (Slack
 * posted it, the answer got lost).
 */
export type HoldMode = 'before' | 'after';

/** A file uploaded through `files.getUploadURLExternal`, the upload URL and `files.completeUploadExternal`. */
export interface UploadedFile {
  id: string;
  filename: string;
  /** The bytes posted to the upload URL, as text; undefined until they arrive. */
  content?: string;
  /** Set by `files.completeUploadExternal`: where it was shared, and its title. */
  channel?: string;
  title?: string;
  completed: boolean;
}

/**
 * A fault injected into one `chat.postMessage`: a 429 (Retry-After 1 s), a 500 or 503 before
 * the message is accepted, a 500 after it was accepted, the connection reset before or after
 * accepting, or no answer at all (the client times out) before or after accepting.
 */
export type PostFault = 'ratelimited' | 'error-500' | 'error-503' | 'error-500-after' | 'reset-before' | 'reset-after' | 'hang-before' | 'hang-after';

export const POST_FAULTS: readonly PostFault[] = ['ratelimited', 'error-500', 'error-503', 'error-500-after', 'reset-before', 'reset-after', 'hang-before', 'hang-after'];

/** Fields the Web API client sends JSON-encoded inside a form body. */
const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata', 'files'];

/**
 * A local stand-in for the Slack Web API and for response_url: answers the methods the bot
 * uses like Slack does, records every call, keeps each channel's accepted messages (for
 * `conversations.history` and for counting deliveries), and can be told to be slow, to fail,
 * to rate-limit each channel like Slack (429 + Retry-After) and to hold `chat.postMessage`.
 * Bolt reaches it through `slackApiUrl`; response_urls in test payloads point at `responseUrl(id)`.
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Milliseconds to wait before answering, per method (e.g. a slow `users.info`). */
  readonly delays = new Map<string, number>();
  /** When true, calls are not kept in `calls` (benchmarks); messages are still kept. */
  quiet = false;
  /** Answers to give instead of the normal one, per method, first in first out (429s, errors). */
  readonly failures = new Map<string, ScriptedAnswer[]>();
  /** Holds `chat.postMessage` to these channels (native ids), or to every channel under `*`. */
  readonly holds = new Map<string, HoldMode>();
  /** Slack's pace per channel: a `chat.postMessage` sooner than this after the last accepted one gets 429 + Retry-After. */
  perChannelIntervalMs = 0;
  /** 429s answered by the per-channel limiter. */
  rateLimited = 0;
  /** Accepted messages per channel (native id), oldest first. */
  readonly messages = new Map<string, StoredMessage[]>();
  /** Files by id, in the order their upload URLs were handed out. */
  readonly files = new Map<string, UploadedFile>();
  /** What `apps.connections.open` hands out (Socket Mode): a WebSocket URL on this server. */
  socketUrl?: string;
  /** Told of every call as it arrives, also when quiet (benchmarks time the answers). */
  onCall?: (call: RecordedCall) => void;
  /** Told of every message accepted into a channel. */
  onMessage?: (message: StoredMessage) => void;
  /** Picks a fault for each `chat.postMessage` (native channel id), or none; see `PostFault`. */
  postFault?: (channel: string) => PostFault | undefined;
  /** Faults injected so far, by kind. */
  readonly faultCounts = new Map<PostFault, number>();
  private server?: http.Server;
  private port = 0;
  private seq = 0;
  private held: http.ServerResponse[] = [];
  private waiters: Array<{ check: () => boolean; resolve: () => void }> = [];

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** The underlying server, for a Socket Mode fake to take WebSocket upgrades on. */
  get httpServer(): http.Server {
    return this.server!;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.releaseHeld();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Calls of a method (and for response_url, of one target), oldest first. */
  of(method: string, target?: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && (target === undefined || c.target === target));
  }

  /** Messages accepted into a channel (native id, `C123`), oldest first. */
  delivered(channel: string): StoredMessage[] {
    return this.messages.get(channel) ?? [];
  }

  /** How many accepted messages carry each idempotency key, over every channel. */
  keyCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const list of this.messages.values()) {
      for (const m of list) {
        const key = m.metadata?.event_payload?.idempotency_key;
        if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    return counts;
  }

  /** Waits until `count` calls match; the bot answers after its ack, so tests wait for the reply. */
  async waitFor(method: string, count = 1, target?: string, timeoutMs = 5000): Promise<RecordedCall[]> {
    await this.until(() => this.of(method, target).length >= count, timeoutMs, () => `${count} x ${method}${target ? ` (${target})` : ''}; got ${this.of(method, target).length}`);
    return this.of(method, target);
  }

  /** Waits until `check` holds (re-checked on every call and accepted message). */
  async until(check: () => boolean, timeoutMs = 5000, what: () => string = () => 'a condition'): Promise<void> {
    if (check()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.check !== check);
        reject(new Error(`timed out waiting for ${what()}`));
      }, timeoutMs);
      this.waiters.push({ check, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** Answers the held `chat.postMessage` requests with an error (their client is usually gone). */
  releaseHeld(): void {
    for (const res of this.held.splice(0)) {
      if (!res.writableEnded && !res.destroyed) res.writeHead(500).end();
    }
  }

  reset(): void {
    this.calls.length = 0;
    this.messages.clear();
    this.rateLimited = 0;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if ((req.url ?? '').startsWith('/upload/')) return this.upload(req, Buffer.concat(chunks), res);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = parseBody(raw, String(req.headers['content-type'] ?? ''));
    const url = req.url ?? '';
    const delay = this.delays.get(url.startsWith('/response/') ? 'response_url' : url.replace('/api/', ''));
    if (delay) await new Promise((r) => setTimeout(r, delay));

    if (url.startsWith('/response/')) {
      this.record({ method: 'response_url', target: url.slice('/response/'.length), body, at: Date.now() });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = url.replace(/^\/api\//, '').split('?')[0];
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '') || (body.token as string | undefined);
    this.record({ method, token, body, at: Date.now() });
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'application/json; charset=utf-8', ...failure.headers }).end(JSON.stringify(failure.body));
      return;
    }
    if (method === 'chat.postMessage') {
      // The client gave up before the request was read (its timeout): Slack never got it.
      if (req.socket.destroyed) return;
      const channel = String(body.channel);
      const wait = this.rateLimitWait(channel);
      if (wait > 0) {
        this.rateLimited++;
        // Slack's Retry-After is whole seconds.
        const retryAfter = String(Math.max(1, Math.ceil(wait / 1000)));
        res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': retryAfter }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const fault = this.postFault?.(channel);
      if (fault) {
        this.faultCounts.set(fault, (this.faultCounts.get(fault) ?? 0) + 1);
        this.injectFault(fault, channel, body, res);
        return;
      }
      const hold = this.holds.get(channel) ?? this.holds.get('*');
      if (hold === 'before') {
        this.held.push(res);
        return;
      }
      const answer = this.post(channel, body);
      if (hold === 'after') {
        this.held.push(res);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(this.answer(method, body)));
  }

  /** The upload URL of a file: multipart form data with the bytes in the field `body`, as the Web API client posts them. */
  private async upload(req: http.IncomingMessage, raw: Buffer, res: http.ServerResponse): Promise<void> {
    const id = (req.url ?? '').slice('/upload/'.length);
    const file = this.files.get(id);
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': String(req.headers['content-type'] ?? '') } }).formData().catch(() => undefined);
    const body = form?.get('body');
    if (!file || req.method !== 'POST' || !body || typeof body === 'string') {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad upload');
      return;
    }
    file.content = await body.text();
    this.record({ method: 'upload', target: id, body: { length: file.content.length }, at: Date.now() });
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${file.content.length}`);
  }

  private injectFault(fault: PostFault, channel: string, body: Record<string, unknown>, res: http.ServerResponse): void {
    const json = { 'content-type': 'application/json; charset=utf-8' };
    if (fault.endsWith('-after')) this.post(channel, body);
    switch (fault) {
      case 'ratelimited':
        this.rateLimited++;
        res.writeHead(429, { ...json, 'retry-after': '1' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      case 'error-500':
      case 'error-500-after':
        res.writeHead(500, json).end(JSON.stringify({ ok: false, error: 'internal_error' }));
        return;
      case 'error-503':
        res.writeHead(503, json).end(JSON.stringify({ ok: false, error: 'service_unavailable' }));
        return;
      case 'reset-before':
      case 'reset-after':
        res.socket?.resetAndDestroy();
        return;
      case 'hang-before':
      case 'hang-after':
        this.held.push(res);
        return;
    }
  }

  /** Milliseconds the channel must still wait under the per-channel limit; 0 when it may post. */
  private rateLimitWait(channel: string): number {
    if (this.perChannelIntervalMs <= 0) return 0;
    const last = this.delivered(channel).at(-1);
    return last ? Math.max(0, last.at + this.perChannelIntervalMs - Date.now()) : 0;
  }

  private record(call: RecordedCall): void {
    this.onCall?.(call);
    if (!this.quiet) this.calls.push(call);
    this.wake();
  }

  private wake(): void {
    this.waiters = this.waiters.filter((w) => (w.check() ? (w.resolve(), false) : true));
  }

  /** A Slack-like ts: now in seconds, with a sequence number to keep it unique. */
  private nextTs(): string {
    return `${Math.floor(Date.now() / 1000)}.${String(++this.seq % 1_000_000).padStart(6, '0')}`;
  }

  /** Accepts a message into the channel's history. */
  private post(channel: string, body: Record<string, unknown>): Record<string, unknown> {
    const ts = this.nextTs();
    const message: StoredMessage = { channel, ts, text: String(body.text ?? ''), edits: [], at: Date.now(), ...(body.metadata ? { metadata: body.metadata as StoredMessage['metadata'] } : {}) };
    const list = this.messages.get(channel) ?? [];
    list.push(message);
    this.messages.set(channel, list);
    this.onMessage?.(message);
    this.wake();
    return { ok: true, channel, ts, message: { text: body.text, ts, bot_id: 'B0ROLLOUT1' } };
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://kunta-esimerkki.slack.com/', team: 'Kunta', user: 'rollout', team_id: 'T0ROLLOUT', user_id: 'U0ROLLBOT', bot_id: 'B0ROLLOUT1' };
      case 'chat.update': {
        const message = this.delivered(String(body.channel)).find((m) => m.ts === body.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.edits.push(String(body.text ?? ''));
        this.wake();
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'conversations.history':
        return this.history(body);
      case 'views.publish':
      case 'views.open':
        return { ok: true, view: { id: `V${++this.seq}`, ...(body.view as object) } };
      case 'users.info': {
        const id = String(body.user);
        const user = this.users.get(id) ?? {};
        return { ok: true, user: { id, name: user.name ?? id.toLowerCase(), locale: user.locale ?? 'en-US', is_admin: user.admin ?? false, is_owner: false, profile: { display_name: user.name ?? '' } } };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users).replace(/^U/, '')}` } };
      case 'files.getUploadURLExternal': {
        const id = `F${++this.seq}`;
        this.files.set(id, { id, filename: String(body.filename), completed: false });
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const done = (body.files as Array<{ id: string; title?: string }>).map(({ id, title }) => {
          const file = this.files.get(id);
          if (!file || file.content === undefined) return undefined;
          Object.assign(file, { completed: true, channel: body.channel_id as string | undefined, title });
          return { id, title };
        });
        return done.every(Boolean) ? { ok: true, files: done } : { ok: false, error: 'file_not_found' };
      }
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'not_allowed_token_type' };
      case 'oauth.v2.access':
        return {
          ok: true,
          app_id: 'A0ROLLOUT1',
          authed_user: { id: 'U0ANNA001' },
          scope: 'commands,chat:write',
          token_type: 'bot',
          access_token: 'xoxb-installed-token',
          bot_user_id: 'U0ROLLBOT',
          team: { id: 'T0OAUTH01', name: 'Kunta OAuth' },
          enterprise: null,
          is_enterprise_install: false,
        };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** `conversations.history`: newest first, from `oldest` on, metadata only when asked for, paged by cursor. */
  private history(body: Record<string, unknown>): Record<string, unknown> {
    const channel = String(body.channel);
    if (!this.messages.has(channel)) return { ok: true, messages: [], has_more: false };
    const oldest = body.oldest === undefined ? -Infinity : Number(body.oldest);
    const inclusive = body.inclusive === 'true' || body.inclusive === true;
    const withMetadata = body.include_all_metadata === 'true' || body.include_all_metadata === true;
    const all = this.delivered(channel)
      .filter((m) => (inclusive ? Number(m.ts) >= oldest : Number(m.ts) > oldest))
      .reverse();
    const limit = Number(body.limit ?? 100);
    const start = Number(body.cursor ?? 0);
    const page = all.slice(start, start + limit).map((m) => ({
      type: 'message',
      ts: m.ts,
      text: m.edits.at(-1) ?? m.text,
      bot_id: 'B0ROLLOUT1',
      ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
    }));
    const more = start + limit < all.length;
    return { ok: true, messages: page, has_more: more, ...(more ? { response_metadata: { next_cursor: String(start + limit) } } : {}) };
  }
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const form = parseQuery(raw) as Record<string, unknown>;
  for (const field of JSON_FIELDS) {
    if (typeof form[field] === 'string') form[field] = JSON.parse(form[field] as string);
  }
  return form;
}
