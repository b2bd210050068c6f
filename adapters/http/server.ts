import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { RolloutBot } from '../../src/app';
import type { AppConfig } from '../../src/config';
import type { Logger } from '../../src/ports/logger.port';
import type { MessageSender } from '../../src/ports/message-sender.port';
import { mountWeb } from '../web/mount-web';

export interface RunningServer {
  port: number;
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
 * Teams at `POST /api/messages`, and `GET /healthz` answering 200 once everything is mounted.
 * Each adapter parses its own body: Bolt needs the raw bytes to check Slack's signature.
 */
export async function startServer(bot: RolloutBot, config: AppConfig, logger: Logger): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  let ready = false;
  app.get('/healthz', (_req, res) => {
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'starting' });
  });

  const mounted: Mounted[] = [mountWeb(app, bot, logger)];
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

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '0.0.0.0', () => resolve());
  });
  ready = true;
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, slack: Boolean(config.slack), teams: Boolean(config.teams) }, 'server listening');

  return {
    port,
    senders: mounted.flatMap((m) => (m.sender ? [m.sender] : [])),
    async close() {
      ready = false;
      for (const m of mounted) await m.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
