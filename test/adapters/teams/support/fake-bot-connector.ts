import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  /** `replyToActivity`, `sendToConversation`, `updateActivity`, `deleteActivity` or `createConversation`. */
  operation: string;
  conversationId?: string;
  activityId?: string;
  authorization?: string;
  body: unknown;
  /** The status answered: 2xx, or a scripted failure. */
  status: number;
  /** The activity id answered, for successful calls. */
  id?: string;
  /** When it arrived (ms since the epoch). */
  at: number;
}

/**
 * A scripted answer: a status, with headers such as `retry-after`; or `drop`, the connection
 * reset with no answer, `before` the activity is accepted or `after` (accepted and recorded as
 * a call: the bot's answer is lost).
 */
export interface ScriptedFailure {
  status: number;
  headers?: Record<string, string>;
  drop?: 'before' | 'after';
}

/** The parts of an activity the tests look at. */
export interface SentActivity {
  type?: string;
  text?: string;
  replyToId?: string;
  conversation?: { id?: string };
  attachments?: Array<{ contentType?: string; content?: unknown }>;
}

/** Conversation ids arrive raw (`19:x@thread.tacv2;messageid=1`) or URL-encoded: accept both. */
function lenientDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const ROUTE = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?\/?$/;
const TEAM_CHANNELS = /^\/v3\/teams\/([^/]+)\/conversations\/?$/;

/** A channel of a team as `GET v3/teams/{teamId}/conversations` lists it (the General channel has no name). */
export interface TeamChannel {
  id: string;
  name?: string | null;
}

/** `19:x@thread.tacv2;messageid=1` -> `19:x@thread.tacv2`: the channel a call went to, whichever thread. */
export function baseOf(conversationId: string | undefined): string {
  return (conversationId ?? '').split(';messageid=')[0];
}

/**
 * A local stand-in for the Bot Connector service (`serviceUrl`), on 127.0.0.1. It answers the
 * routes a bot uses to reply, post, update and delete and records every call. It fails only when
 * told to: the next call (`failNext`), or the next calls to one conversation (`script`), such as
 * a 429 with Retry-After and then 5xx answers.
 */
export class FakeBotConnector {
  /** Calls answered with success, oldest first. */
  readonly calls: ConnectorCall[] = [];
  /** Calls answered with a scripted failure, oldest first. */
  readonly failed: ConnectorCall[] = [];
  /** Record calls (off in benchmarks, where only throughput matters). */
  recording = true;
  /** Replies and posts answered so far, recorded or not. */
  replies = 0;
  /** TCP connections the bot opened to it so far: with keep-alive, a handful however many calls. */
  connections = 0;
  private server?: http.Server;
  private counter = 0;
  private failures: ScriptedFailure[] = [];
  /** Failures for calls to one conversation (base id), in order. */
  private readonly scripts = new Map<string, ScriptedFailure[]>();
  url = '';
  /** The channels of each team, for `GET v3/teams/{teamId}/conversations`; an unknown team is a 404. */
  readonly teams = new Map<string, TeamChannel[]>();
  /** Team ids the bot asked for channels, in order. */
  readonly channelLookups: string[] = [];

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on('connection', () => (this.connections += 1));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Activities the bot sent (replies and posts), oldest first. */
  sent(): SentActivity[] {
    return this.calls.filter((c) => c.operation === 'replyToActivity' || c.operation === 'sendToConversation').map((c) => c.body as SentActivity);
  }

  /** Adaptive Cards the bot sent, oldest first. */
  cards(): unknown[] {
    return this.sent().flatMap((a) => (a.attachments ?? []).filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x) => x.content));
  }

  clear(): void {
    this.calls.length = 0;
    this.failed.length = 0;
  }

  /** The next call fails with this status (429 with `retry-after`, 503...). */
  failNext(status: number, headers: Record<string, string> = {}): void {
    this.failures.push({ status, headers });
  }

  /** The next calls to this conversation (any thread of it) fail in turn, as given. */
  script(conversationId: string, ...failures: ScriptedFailure[]): void {
    this.scripts.set(conversationId, [...(this.scripts.get(conversationId) ?? []), ...failures]);
  }

  /** Successful calls of one operation to one conversation (any thread of it). */
  count(conversationId: string, operation: 'replyToActivity' | 'sendToConversation' | 'updateActivity'): number {
    return this.to(conversationId).filter((c) => c.operation === operation).length;
  }

  /** Successful calls to one conversation (any thread of it), oldest first. */
  to(conversationId: string): ConnectorCall[] {
    return this.calls.filter((c) => baseOf(c.conversationId) === conversationId);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      const team = TEAM_CHANNELS.exec(path);
      if (team && req.method === 'GET') {
        this.teamChannels(lenientDecode(team[1]), res);
        return;
      }
      const match = ROUTE.exec(path);
      const method = req.method ?? 'GET';
      const operation = match ? this.operation(method, Boolean(match[1]), Boolean(match[2])) : undefined;
      if (!match || !operation) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound"}}');
        return;
      }
      const conversationId = match[1] ? lenientDecode(match[1]) : undefined;
      const at = Date.now();
      const call = (status: number, id?: string): ConnectorCall => {
        const raw = Buffer.concat(chunks).toString('utf8');
        return {
          ...(id ? { id } : {}),
          at,
          method,
          operation,
          conversationId,
          activityId: match[2] ? lenientDecode(match[2]) : undefined,
          authorization: req.headers.authorization,
          body: raw ? JSON.parse(raw) : undefined,
          status,
        };
      };
      const failure = this.failures.shift() ?? this.scripts.get(baseOf(conversationId))?.shift();
      if (failure?.drop === 'before') {
        res.socket?.resetAndDestroy();
        return;
      }
      if (failure && !failure.drop) {
        if (this.recording) this.failed.push(call(failure.status));
        const code = failure.status === 429 ? 'Throttled' : 'ServiceError';
        res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers }).end(JSON.stringify({ error: { code } }));
        return;
      }
      this.counter += 1;
      const id = `fake-${this.counter}`;
      if (operation === 'replyToActivity' || operation === 'sendToConversation') this.replies += 1;
      const status = operation === 'createConversation' ? 201 : 200;
      // An update answers with the id of the activity it changed, as the Bot Connector does.
      const answered = operation === 'updateActivity' && match[2] ? lenientDecode(match[2]) : id;
      if (this.recording) this.calls.push(call(status, answered));
      if (failure?.drop === 'after') {
        res.socket?.resetAndDestroy();
        return;
      }
      const answer = operation === 'createConversation' ? { id: `a:fake-conversation-${this.counter}`, activityId: id } : { id: answered };
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  }

  private teamChannels(teamId: string, res: http.ServerResponse): void {
    this.channelLookups.push(teamId);
    const failure = this.failures.shift();
    const channels = this.teams.get(teamId);
    if (failure || !channels) {
      res.writeHead(failure?.status ?? 404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound"}}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ conversations: channels }));
  }

  private operation(method: string, hasConversation: boolean, hasActivity: boolean): string | undefined {
    if (!hasConversation) return method === 'POST' ? 'createConversation' : undefined;
    if (method === 'POST') return hasActivity ? 'replyToActivity' : 'sendToConversation';
    if (method === 'PUT' && hasActivity) return 'updateActivity';
    if (method === 'DELETE' && hasActivity) return 'deleteActivity';
    return undefined;
  }
}
