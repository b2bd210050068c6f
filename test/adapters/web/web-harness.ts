import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { RolloutBot } from '../../../src/app';
import { createCore } from '../../../src/compose';
import type { AppConfig } from '../../../src/config';
import { startServer, type RunningServer } from '../../../adapters/http/server';
import { FakeSlackApi } from '../slack/fake-slack-api';
import { SIGNING_SECRET, SlackDriver, type SentMessage } from '../slack/slack-harness';

/**
 * The real server with the real Slack app (against the local fake Web API) and the web
 * dashboard, on a temporary SQLite file and a free port; `PUBLIC_URL` is the server's own address.
 */
export class WebHarness extends SlackDriver {
  private constructor(readonly bot: RolloutBot, readonly server: RunningServer, fake: FakeSlackApi, readonly dir: string) {
    super(() => `http://127.0.0.1:${server.port}/slack/events`, fake);
  }

  /** Days the bot's clock is behind the real one: tests build a history over several days. */
  static daysBehind = 0;

  static async start(options: { publicUrl?: boolean } = {}): Promise<WebHarness> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-web-'));
    const databaseUrl = path.join(dir, 'rollout.db');
    const logger = pino({ level: process.env.WEB_TEST_LOG ?? 'silent' });
    const fake = await new FakeSlackApi().start();
    const clock = { now: () => new Date(Date.now() - WebHarness.daysBehind * 86_400_000) };
    const bot = createCore({ databaseUrl, defaultLocale: 'en', logger, clock });
    const config: AppConfig = {
      port: 0, databaseUrl, defaultLocale: 'en', production: false, logLevel: 'silent',
      slack: { signingSecret: SIGNING_SECRET, botToken: 'xoxb-e2e-token', apiUrl: fake.apiUrl },
    };
    const server = await startServer(bot, config, logger);
    // The port is known only now; main.ts passes PUBLIC_URL from the configuration instead.
    if (options.publicUrl !== false) bot.deps.publicUrl = `http://127.0.0.1:${server.port}`;
    return new WebHarness(bot, server, fake, dir);
  }

  get origin(): string {
    return `http://127.0.0.1:${this.server.port}`;
  }

  async close(): Promise<void> {
    await this.server.close();
    await this.fake.close();
    await this.bot.deps.store.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Every text of a Slack message (its blocks and its fallback text) in one string. */
export function messageText(message: SentMessage): string {
  return JSON.stringify(message);
}

/** The dashboard links in a message the bot sent, in order, each once (blocks and fallback text repeat them). */
export function linksIn(message: SentMessage): string[] {
  return [...new Set([...messageText(message).matchAll(/https?:\/\/127\.0\.0\.1:\d+\/dashboard\/[A-Za-z0-9_.\-/]+/g)].map((m) => m[0]))];
}
