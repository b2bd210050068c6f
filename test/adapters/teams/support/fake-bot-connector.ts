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

/**
 * A local stand-in for the Bot Connector service (`serviceUrl`), on 127.0.0.1. It answers the
 * routes a bot uses to reply, post, update and delete, records every call, and never fails.
 */
export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  /** Record calls (off in benchmarks, where only throughput matters). */
  recording = true;
  /** Replies and posts answered so far, recorded or not. */
  replies = 0;
  private server?: http.Server;
  private counter = 0;
  private failures: Array<{ status: number; headers: Record<string, string> }> = [];
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
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
  }

  /** The next call fails with this status (429 with `retry-after`, 503...). */
  failNext(status: number, headers: Record<string, string> = {}): void {
    this.failures.push({ status, headers });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      const match = ROUTE.exec(path);
      const method = req.method ?? 'GET';
      const operation = match ? this.operation(method, Boolean(match[1]), Boolean(match[2])) : undefined;
      if (!match || !operation) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound"}}');
        return;
      }
      const failure = this.failures.shift();
      if (failure) {
        res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers }).end('{"error":{"code":"Throttled"}}');
        return;
      }
      this.counter += 1;
      const id = `fake-${this.counter}`;
      if (operation === 'replyToActivity' || operation === 'sendToConversation') this.replies += 1;
      if (this.recording) {
        const raw = Buffer.concat(chunks).toString('utf8');
        this.calls.push({
          method,
          operation,
          conversationId: match[1] ? lenientDecode(match[1]) : undefined,
          activityId: match[2] ? lenientDecode(match[2]) : undefined,
          authorization: req.headers.authorization,
          body: raw ? JSON.parse(raw) : undefined,
        });
      }
      const answer = operation === 'createConversation' ? { id: `a:fake-conversation-${this.counter}`, activityId: id } : { id };
      res.writeHead(operation === 'createConversation' ? 201 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  }

  private operation(method: string, hasConversation: boolean, hasActivity: boolean): string | undefined {
    if (!hasConversation) return method === 'POST' ? 'createConversation' : undefined;
    if (method === 'POST') return hasActivity ? 'replyToActivity' : 'sendToConversation';
    if (method === 'PUT' && hasActivity) return 'updateActivity';
    if (method === 'DELETE' && hasActivity) return 'deleteActivity';
    return undefined;
  }
}
