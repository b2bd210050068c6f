import { App, webApi } from '@slack/bolt';
import type { Express } from 'express';
import type { RolloutBot } from '../../src/app';
import { ConfigError, type SlackConfig } from '../../src/config';
import { SecretBox } from '../../src/core/secret-box';
import type { Logger } from '../../src/ports/logger.port';
import { MAX_BODY_BYTES } from '../http/limits';
import type { Mounted } from '../http/server';
import type { ResponseUrlPoster } from './response-url';
import { boltLogger } from './bolt-logger';
import { CheckedReceiver } from './checked-receiver';
import { SlackInstallationStore } from './installation-store';
import { registerInteractions } from './register-interactions';
import { registerMessages } from './register-messages';
import { ACK_BUDGET_MS, SlackRuntime } from './slack-runtime';
import { renderMessage } from './render-block-kit';
import { createSlackSender, type SlackSenderOptions } from './slack-sender';

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
  // `my data` uploads the person's export into their DM with the app.
  'files:write',
  'channels:read',
  'groups:read',
  // The outbox reads a role channel's history after a crash, to find a message that got through.
  'channels:history',
  'groups:history',
];

export const EVENTS_PATH = '/slack/events';

export interface MountSlackOptions {
  /** How to post to a response_url; node's http client by default. */
  postResponse?: ResponseUrlPoster;
  /** How long a slash command waits for the core before it acks empty and answers later (default ACK_BUDGET_MS). */
  ackBudgetMs?: number;
}

/**
 * Attaches the Slack app to the shared HTTP server: `POST /slack/events` for commands,
 * interactions and events (plus `/slack/install` and `/slack/oauth_redirect` in OAuth mode),
 * all verified against the signing secret by Bolt's ExpressReceiver. With SLACK_APP_TOKEN the app
 * connects out over Socket Mode instead, for development behind a firewall. The result carries the
 * outbox's sender for Slack channels in every mode (in OAuth mode it takes each workspace's token
 * from the installations, which live in the core store as platform records).
 */
export async function mountSlack(app: Express, bot: RolloutBot, config: SlackConfig, logger: Logger, options: MountSlackOptions = {}): Promise<Mounted> {
  const rt = new SlackRuntime(bot, logger, { postResponse: options.postResponse, ackBudgetMs: options.ackBudgetMs ?? ACK_BUDGET_MS });
  const log = boltLogger(logger);
  // A short retry budget: a reply that arrives minutes late helps nobody; 429s still honour Retry-After.
  const clientOptions: webApi.WebClientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
  };

  if (config.appToken) return mountSocketMode(rt, config, clientOptions, log);

  if (config.oauth && !config.secretKeys) throw new ConfigError('Slack OAuth mode stores each workspace\'s bot token: set ENCRYPTION_KEY.');
  const installations = config.oauth && config.secretKeys
    ? new SlackInstallationStore(bot.deps.store, new SecretBox(config.secretKeys.current, config.secretKeys.previous), () => bot.deps.clock.now())
    : undefined;
  const receiver = new CheckedReceiver({
    signingSecret: config.signingSecret,
    app,
    endpoints: EVENTS_PATH,
    logger: log,
    // Counted while read, for bodies sent without a Content-Length (the server checks that one).
    bodyLimit: MAX_BODY_BYTES,
    ...(config.oauth && installations
      ? {
          clientId: config.oauth.clientId,
          clientSecret: config.oauth.clientSecret,
          stateSecret: config.oauth.stateSecret,
          scopes: BOT_SCOPES,
          installationStore: installations,
          installerOptions: { installPath: '/slack/install', redirectUriPath: '/slack/oauth_redirect', clientOptions },
        }
      : {}),
  }, (reason) => logger.warn({ reason }, 'slack: signed request of an unknown shape refused with 400'));
  const identity = config.botToken ? await botIdentity(config.botToken, { ...clientOptions, logger: log }, logger) : undefined;
  const boltApp = new App({
    receiver,
    logger: log,
    clientOptions,
    convoStore: false,
    ...(config.botToken ? { token: config.botToken, ...identity, tokenVerificationEnabled: identity === undefined } : {}),
  });
  register(boltApp, rt);
  logger.info({ mode: config.oauth ? 'oauth' : 'single-workspace', path: EVENTS_PATH }, 'slack mounted');
  const sender = installations
    ? createSlackSender({ tokenFor: (workspace) => installations.botToken(workspace), apiUrl: config.apiUrl, render: renderFor(bot) })
    : createSlackSender({ token: config.botToken, apiUrl: config.apiUrl, render: renderFor(bot) });
  return {
    sender,
    async stop() {
      // Nothing of its own to close: installations live in the core store, which main.ts closes.
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
    sender: createSlackSender({ token: config.botToken, apiUrl: config.apiUrl, render: renderFor(rt.bot) }),
    async stop() {
      await boltApp.stop();
    },
  };
}

/** Block Kit of a reminder's views in its reader's language, for the sender. */
function renderFor(bot: RolloutBot): SlackSenderOptions['render'] {
  return (views, locale) => {
    const { blocks, text } = renderMessage(views, bot.t(locale));
    return { blocks, text };
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
