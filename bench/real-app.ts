import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import pino from 'pino';
import { createCore } from '../src/compose';
import type { AppConfig } from '../src/config';
import type { BotRequest } from '../src/core/request';
import { startServer } from '../adapters/http/server';
import type { BenchServer } from './bench-process';

/**
 * The real app as a benchmark serves it: `startServer` and `createCore` on a temporary SQLite
 * file, with a rollout that `lead` starts in their channel (and so leads), and the platforms of
 * `platforms`. Stopping it closes the server and the store and removes the file.
 */
export async function startRealApp(lead: Omit<BotRequest, 'text'>, platforms: Pick<AppConfig, 'production' | 'slack' | 'teams'>): Promise<BenchServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${lead.platform}-bench-`));
  const databaseUrl = path.join(dir, 'rollout.db');
  const logger = pino({ level: 'silent' });
  const bot = createCore({ databaseUrl, defaultLocale: 'en', logger });
  await bot.handle({ ...lead, text: 'init Bench' });
  const server = await startServer(bot, { port: 0, databaseUrl, defaultLocale: 'en', logLevel: 'silent', ...platforms }, logger);
  return {
    port: server.port,
    async stop() {
      await server.close();
      await bot.deps.store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A bare app of a benchmark on a free port of 127.0.0.1; stopping drops its kept-alive connections. */
export async function serveOnLoopback(app: Express): Promise<BenchServer> {
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
