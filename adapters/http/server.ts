import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { RolloutBot } from '../../src/app';
import type { AppConfig } from '../../src/config';
import type { Logger } from '../../src/ports/logger.port';
import type { MessageSender } from '../../src/ports/message-sender.port';
import { checkHealth } from './healthz';
import { HEADERS_TIMEOUT_MS, MAX_BODY_BYTES, MAX_CONNECTIONS, REQUEST_TIMEOUT_MS, TIMEOUT_CHECK_MS } from './limits';
import { mountWeb } from '../web/mount-web';

export interface RunningServer {
  port: number;
  /** The address listened on: 127.0.0.1 while Teams is served without authentication, else all interfaces. */
  address: string;
  /** Outbox senders of the mounted platforms. */
  senders: MessageSender[];
  close(): Promise<void>;
}

/** A platform adapter attached to the shared HTTP server. */
export interface Mounted {
  stop(): Promise<void>;
  /** Delivers the outbox to this platform's channels. */
  sender?: MessageSender;
}

/**
 * One HTTP server for every platform: Slack at `POST /slack/events` (plus the OAuth routes),
 * Teams at `POST /api/messages`, and `GET /healthz` answering 200 once everything is mounted and
 * the store takes writes with no outbox message stuck (503 with the reasons otherwise, see healthz.ts).
 * Each adapter parses its own body: Bolt needs the raw bytes to check Slack's signature. Bodies,
 * header and request times and connections are limited (`limits.ts`) before any of that.
 */
export async function startServer(bot: RolloutBot, config: AppConfig, logger: Logger): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // A body larger than any platform sends is refused before a byte of it is read, and the
  // connection closed, so nobody can make the server buffer it (Bolt would read 4 MB first).
  app.use((req, res, next) => {
    if (Number(req.headers['content-length'] ?? 0) <= MAX_BODY_BYTES) return next();
    res.set('connection', 'close').status(413).json({ error: 'body too large' });
  });
  let ready = false;
  const mounted: Mounted[] = [];
  app.get('/healthz', (_req, res) => {
    const platforms = mounted.flatMap((m) => (m.sender ? [m.sender.platform] : []));
    void checkHealth(bot, platforms, ready).then(({ code, body }) => res.status(code).json(body));
  });

  mounted.push(mountWeb(app, bot, logger));
  // Each platform's SDK is loaded only when that platform is configured. A plain require keeps
  // this CommonJS (jest cannot run a dynamic import() without experimental flags).
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (config.slack) {
    const { mountSlack } = require('../slack/mount-slack') as typeof import('../slack/mount-slack');
    mounted.push(await mountSlack(app, bot, config.slack, logger));
  }
  if (config.teams) {
    const { mountTeams } = require('../teams/mount-teams') as typeof import('../teams/mount-teams');
    mounted.push(await mountTeams(app, bot, config.teams, logger, config.production));
  }
  /* eslint-enable @typescript-eslint/no-require-imports */

  const server = http.createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
    app,
  );
  server.maxConnections = MAX_CONNECTIONS;
  // Unauthenticated Teams (TEAMS_ENABLED=1) is for tools on this machine: nothing else may reach it.
  const host = config.teams && !config.teams.credentials ? '127.0.0.1' : '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, host, () => resolve());
  });
  ready = true;
  const { port, address } = server.address() as AddressInfo;
  logger.info({ port, address, slack: Boolean(config.slack), teams: Boolean(config.teams) }, 'server listening');

  return {
    port,
    address,
    senders: mounted.flatMap((m) => (m.sender ? [m.sender] : [])),
    async close() {
      ready = false;
      for (const m of mounted) await m.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
