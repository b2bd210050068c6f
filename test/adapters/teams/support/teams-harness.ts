import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { RolloutBot } from '../../../../src/app';
import { createCore } from '../../../../src/compose';
import type { AppConfig, TeamsConfig } from '../../../../src/config';
import type { Logger } from '../../../../src/ports/logger.port';
import { startServer, type RunningServer } from '../../../../adapters/http/server';
import { FakeBotConnector } from './fake-bot-connector';

export interface TeamsHarness {
  bot: RolloutBot;
  server: RunningServer;
  connector: FakeBotConnector;
  databaseFile: string;
  /** Base URL of the bot's HTTP server. */
  url: string;
  /** POSTs an activity to `/api/messages`, as the Bot Connector would. */
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/**
 * The real server (`startServer` + `createCore`) on a temporary SQLite file and a free port,
 * with a fake Bot Connector for the replies. `teams: {}` is the unauthenticated local mode.
 */
export async function startTeamsHarness(teams: TeamsConfig = {}, logger: Logger = pino({ level: 'silent' })): Promise<TeamsHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-teams-'));
  const databaseFile = path.join(dir, 'rollout.db');
  const bot = createCore({ databaseUrl: databaseFile, defaultLocale: 'fi', logger });
  const config: AppConfig = { port: 0, databaseUrl: databaseFile, defaultLocale: 'fi', production: false, logLevel: 'silent', teams };
  const connector = await new FakeBotConnector().start();
  const server = await startServer(bot, config, logger);
  const url = `http://127.0.0.1:${server.port}`;
  return {
    bot,
    server,
    connector,
    databaseFile,
    url,
    async post(activity, headers = {}) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body };
    },
    async close() {
      await server.close();
      await connector.stop();
      await bot.deps.store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
