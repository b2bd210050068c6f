import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import express from 'express';
import pino from 'pino';
import { createCore } from '../src/compose';
import type { AppConfig } from '../src/config';
import { startServer } from '../adapters/http/server';
import { serveToParent, type BenchServer } from './bench-process';

/**
 * One server under load, in its own process so that the load generator does not steal its CPU:
 * `ours` is the real app (startServer + createCore on a temporary SQLite file, Web API faked by
 * the parent), `bare` is Bolt on an ExpressReceiver whose slash command handler only acks.
 * Tells the parent its port (and, when asked, its CPU time) over IPC and stops when told to.
 */
export const BENCH_TEAM = 'T0BENCH01';
export const BENCH_CHANNEL = 'C0BENCH01';
export const BENCH_USER = 'U0BENCH01';

async function startOurs(secret: string, apiUrl: string): Promise<BenchServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slack-bench-'));
  const databaseUrl = path.join(dir, 'rollout.db');
  const logger = pino({ level: 'silent' });
  const bot = createCore({ databaseUrl, defaultLocale: 'en', logger });
  // The bench user starts a rollout in the bench channel and so is its lead.
  await bot.handle({ platform: 'slack', workspace: `slack:${BENCH_TEAM}`, channel: `slack:${BENCH_CHANNEL}`, user: `slack:${BENCH_USER}`, text: 'init Bench' });
  const config: AppConfig = {
    port: 0,
    databaseUrl,
    defaultLocale: 'en',
    production: true,
    logLevel: 'silent',
    slack: { signingSecret: secret, botToken: 'xoxb-bench', apiUrl },
  };
  const server = await startServer(bot, config, logger);
  return {
    port: server.port,
    async stop() {
      await server.close();
      await bot.deps.store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startBare(secret: string): Promise<BenchServer> {
  const app = express();
  const receiver = new ExpressReceiver({ signingSecret: secret, app, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const bolt = new App({ receiver, token: 'xoxb-bench', botId: 'B0BENCH01', botUserId: 'U0BENCHBOT', tokenVerificationEnabled: false, logLevel: LogLevel.ERROR });
  bolt.command(/^\/.+/, async ({ ack }) => {
    await ack();
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Entry point of the forked process: `node slack-bench-server.js ours|bare <secret> <apiUrl>`. */
export async function serveBench(args: string[] = process.argv.slice(2)): Promise<void> {
  const [mode, secret, apiUrl] = args;
  serveToParent(mode === 'bare' ? await startBare(secret) : await startOurs(secret, apiUrl));
}

if (require.main === module) {
  serveBench().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
