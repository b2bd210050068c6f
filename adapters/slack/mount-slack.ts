import { App, ExpressReceiver, webApi } from '@slack/bolt';
import type { Express } from 'express';
import type { RolloutBot } from '../../src/app';
import type { SlackConfig } from '../../src/config';
import type { Logger } from '../../src/ports/logger.port';
import { DEFAULT_DATABASE_URL } from '../../src/store/open-store';
import type { Mounted } from '../http/server';
import type { ResponseUrlPoster } from './response-url';
import { boltLogger } from './bolt-logger';
import { SlackInstallationStore, type InstallationRecords } from './installation-store';
import { registerInteractions } from './register-interactions';
import { registerMessages } from './register-messages';
import { SlackRuntime } from './slack-runtime';
import { createSlackSender } from './slack-sender';
import { SqliteInstallationRecords } from './sqlite-installation-records';

/** The bot scopes the app asks for; `manifest/slack/manifest.yml` lists the same (a test checks). */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'users:read',
  'app_mentions:read',
  'im:history',
  'im:read',
  'im:write',
  'channels:read',
  'groups:read',
];

export const EVENTS_PATH = '/slack/events';

export interface MountSlackOptions {
  /** Where OAuth installations are kept; by default a table in the DATABASE_URL file. */
  installationRecords?: InstallationRecords;
  /** The database of the installation table (until SlackConfig carries it: see README). */
  databaseUrl?: string;
  /** How to post to a response_url; node's http client by default. */
  postResponse?: ResponseUrlPoster;
}

/**
 * Attaches the Slack app to the shared HTTP server: `POST /slack/events` for commands,
 * interactions and events (plus `/slack/install` and `/slack/oauth_redirect` in OAuth mode),
 * all verified against the signing secret by Bolt's ExpressReceiver. With SLACK_APP_TOKEN the app
 * connects out over Socket Mode instead, for development behind a firewall. With a bot token the
 * result carries the outbox's sender for Slack channels.
 */
export async function mountSlack(app: Express, bot: RolloutBot, config: SlackConfig, logger: Logger, options: MountSlackOptions = {}): Promise<Mounted> {
  const rt = new SlackRuntime(bot, logger, options.postResponse);
  const log = boltLogger(logger);
  // A short retry budget: a reply that arrives minutes late helps nobody; 429s still honour Retry-After.
  const clientOptions: webApi.WebClientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
  };

  if (config.appToken) return mountSocketMode(rt, config, clientOptions, log);

  let records: InstallationRecords | undefined;
  if (config.oauth) {
    records = options.installationRecords ?? new SqliteInstallationRecords(options.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  }
  const receiver = new ExpressReceiver({
    signingSecret: config.signingSecret,
    app,
    endpoints: EVENTS_PATH,
    logger: log,
    ...(config.oauth && records
      ? {
          clientId: config.oauth.clientId,
          clientSecret: config.oauth.clientSecret,
          stateSecret: config.oauth.stateSecret,
          scopes: BOT_SCOPES,
          installationStore: new SlackInstallationStore(records),
          installerOptions: { installPath: '/slack/install', redirectUriPath: '/slack/oauth_redirect', clientOptions },
        }
      : {}),
  });
  const identity = config.botToken ? await botIdentity(config.botToken, clientOptions, logger) : undefined;
  const boltApp = new App({
    receiver,
    logger: log,
    clientOptions,
    convoStore: false,
    ...(config.botToken ? { token: config.botToken, ...identity, tokenVerificationEnabled: identity === undefined } : {}),
  });
  register(boltApp, rt);
  logger.info({ mode: config.oauth ? 'oauth' : 'single-workspace', path: EVENTS_PATH }, 'slack mounted');
  return {
    ...(config.botToken ? { sender: createSlackSender(config.botToken, config.apiUrl) } : {}),
    async stop() {
      await records?.close();
    },
  };
}

function register(boltApp: App, rt: SlackRuntime): void {
  registerMessages(boltApp, rt);
  registerInteractions(boltApp, rt);
  // The one funnel for what escapes a listener (the listeners already turn core faults into replies).
  boltApp.error(async (error) => {
    rt.logger.error({ err: error, code: error.code }, 'slack listener failed');
  });
}

async function mountSocketMode(rt: SlackRuntime, config: SlackConfig, clientOptions: webApi.WebClientOptions, log: ReturnType<typeof boltLogger>): Promise<Mounted> {
  if (!config.botToken) {
    throw new Error('Socket Mode (SLACK_APP_TOKEN) is for development in one workspace: set SLACK_BOT_TOKEN instead of the OAuth variables, or unset SLACK_APP_TOKEN.');
  }
  const boltApp = new App({ token: config.botToken, appToken: config.appToken, socketMode: true, logger: log, clientOptions, convoStore: false });
  register(boltApp, rt);
  await boltApp.start();
  rt.logger.info({ mode: 'socket' }, 'slack connected over socket mode');
  return {
    sender: createSlackSender(config.botToken, config.apiUrl),
    async stop() {
      await boltApp.stop();
    },
  };
}

/**
 * Asks Slack who the bot is once at start-up, so that no request waits for `auth.test` and a
 * wrong token shows in the log at once. If Slack cannot be reached, Bolt checks on first use.
 */
async function botIdentity(token: string, clientOptions: webApi.WebClientOptions, logger: Logger): Promise<{ botId?: string; botUserId?: string } | undefined> {
  const client = new webApi.WebClient(token, { ...clientOptions, retryConfig: { retries: 0 }, timeout: 3000 });
  try {
    const res = await client.auth.test();
    return { ...(res.bot_id ? { botId: res.bot_id } : {}), ...(res.user_id ? { botUserId: res.user_id } : {}) };
  } catch (err) {
    logger.warn({ err }, 'slack auth.test failed at start-up; Bolt will verify the token on the first request');
    return undefined;
  }
}
