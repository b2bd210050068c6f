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
}

export interface FakeUser {
  locale?: string;
  name?: string;
}

/** Fields the Web API client sends JSON-encoded inside a form body. */
const JSON_FIELDS = ['blocks', 'view', 'attachments'];

/**
 * A local stand-in for the Slack Web API and for response_url: answers the methods the bot
 * uses like Slack does, records every call, and can be told to be slow. Bolt reaches it through
 * `slackApiUrl`; response_urls in test payloads point at `responseUrl(id)`.
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Milliseconds to wait before answering, per method (e.g. a slow `users.info`). */
  readonly delays = new Map<string, number>();
  /** When true, nothing is recorded (benchmarks). */
  quiet = false;
  /** Answers to give instead of the normal one, per method, first in first out (429s, errors). */
  readonly failures = new Map<string, Array<{ status: number; headers?: Record<string, string>; body: Record<string, unknown> }>>();
  /** What `apps.connections.open` hands out (Socket Mode): a WebSocket URL on this server. */
  socketUrl?: string;
  /** Told of every call as it arrives, also when quiet (benchmarks time the answers). */
  onCall?: (call: RecordedCall) => void;
  private server?: http.Server;
  private port = 0;
  private ts = 1732362000;
  private waiters: Array<{ check: () => boolean; resolve: () => void }> = [];

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
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
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Calls of a method (and for response_url, of one target), oldest first. */
  of(method: string, target?: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && (target === undefined || c.target === target));
  }

  /** Waits until `count` calls match; the bot answers after its ack, so tests wait for the reply. */
  async waitFor(method: string, count = 1, target?: string, timeoutMs = 5000): Promise<RecordedCall[]> {
    const check = () => this.of(method, target).length >= count;
    if (!check()) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${count} x ${method}${target ? ` (${target})` : ''}; got ${this.of(method, target).length}`)), timeoutMs);
        this.waiters.push({ check, resolve: () => (clearTimeout(timer), resolve()) });
      });
    }
    return this.of(method, target);
  }

  reset(): void {
    this.calls.length = 0;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = parseBody(raw, String(req.headers['content-type'] ?? ''));
    const url = req.url ?? '';
    const delay = this.delays.get(url.startsWith('/response/') ? 'response_url' : url.replace('/api/', ''));
    if (delay) await new Promise((r) => setTimeout(r, delay));

    if (url.startsWith('/response/')) {
      this.record({ method: 'response_url', target: url.slice('/response/'.length), body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = url.replace(/^\/api\//, '').split('?')[0];
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '') || (body.token as string | undefined);
    this.record({ method, token, body });
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'application/json; charset=utf-8', ...failure.headers }).end(JSON.stringify(failure.body));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(this.answer(method, body)));
  }

  private record(call: RecordedCall): void {
    this.onCall?.(call);
    if (this.quiet) return;
    this.calls.push(call);
    this.waiters = this.waiters.filter((w) => (w.check() ? (w.resolve(), false) : true));
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const ts = `${this.ts++}.000100`;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://kunta-esimerkki.slack.com/', team: 'Kunta', user: 'rollout', team_id: 'T0ROLLOUT', user_id: 'U0ROLLBOT', bot_id: 'B0ROLLOUT1' };
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts, message: { text: body.text, ts, bot_id: 'B0ROLLOUT1' } };
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts };
      case 'views.publish':
      case 'views.open':
        return { ok: true, view: { id: `V${this.ts}`, ...(body.view as object) } };
      case 'users.info': {
        const id = String(body.user);
        const user = this.users.get(id) ?? {};
        return { ok: true, user: { id, name: user.name ?? id.toLowerCase(), locale: user.locale ?? 'en-US', profile: { display_name: user.name ?? '' } } };
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
