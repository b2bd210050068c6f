import { ActivityHandler, CardFactory, CloudAdapter, MessageFactory } from '@microsoft/agents-hosting';
import express from 'express';
import pino from 'pino';
import { createCore } from '../src/compose';
import { serveOnLoopback, startRealApp } from './real-app';
import { serveToParent, type BenchServer } from './bench-process';
import type { AdaptiveCard } from '../adapters/teams/card-elements';
import { renderCard } from '../adapters/teams/render-adaptive-card';
import { replyWithCard } from '../adapters/teams/send-card';
import { CHANNEL, LEENA, TEAM, TENANT } from '../test/adapters/teams/support/activities';

/**
 * One Teams server under load, in its own process so that the load generator does not steal its
 * CPU: `ours` is the real app (startServer + createCore on a temporary SQLite file, `teams: {}`),
 * `bare` is the Agents SDK alone (CloudAdapter + an ActivityHandler that replies with a constant
 * text), `bare-card` the same replying with a constant card the size of the bot's `next` answer,
 * `bare-card-direct` that card sent the way the adapter sends its replies (`replyWithCard`); all
 * behind the same route, body parser and auth middleware. Both reply through the parent's fake
 * Bot Connector. Tells the parent its port (and, when asked, its CPU time) over IPC and stops when told to.
 */

function startOurs(): Promise<BenchServer> {
  return startRealApp(
    { platform: 'teams', workspace: `teams:${TENANT}:${TEAM}`, channel: `teams:${CHANNEL}`, user: `teams:${LEENA.id}` },
    { production: false, teams: {} },
  );
}

/**
 * A constant card as big as the rollout bot's answer to `next`: rendered once at start-up, so
 * that the bare bot pays what the SDK charges for carrying a card and nothing else.
 */
async function constantCard(): Promise<AdaptiveCard> {
  const bot = createCore({ databaseUrl: ':memory:', defaultLocale: 'en', logger: pino({ level: 'silent' }) });
  const ask = { platform: 'teams' as const, workspace: 'teams:bench', channel: 'teams:bench', user: 'teams:bench' };
  await bot.handle({ ...ask, text: 'init Bench' });
  const response = await bot.handle({ ...ask, text: 'next', locale: 'en' });
  await bot.deps.store.close();
  return renderCard(response.views, bot.t(response.locale));
}

/** `bare`: text through `sendActivity`; `bare-card`: the card through `sendActivity`; `bare-card-direct`: the card through our `replyWithCard`. */
async function startBare(mode: string): Promise<BenchServer> {
  const adapter = new CloudAdapter({});
  const card = mode === 'bare' ? undefined : await constantCard();
  const handler = new ActivityHandler().onMessage(async (context, next) => {
    if (card && mode === 'bare-card-direct') await replyWithCard(context, card);
    else await context.sendActivity(card ? MessageFactory.attachment(CardFactory.adaptiveCard(card)) : 'ok');
    await next();
  });
  const app = express();
  app.post('/api/messages', (req, res, next) => adapter.authorizeRequest(req, res, next), express.json({ limit: '256kb' }), async (req, res) => {
    await adapter.process(req, res, (context) => handler.run(context));
  });
  return serveOnLoopback(app);
}

async function main(): Promise<void> {
  const [mode] = process.argv.slice(2);
  serveToParent(mode === 'ours' ? await startOurs() : await startBare(mode));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
