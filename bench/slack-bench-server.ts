import { App, ExpressReceiver, LogLevel, type RespondArguments } from '@slack/bolt';
import express from 'express';
import pino from 'pino';
import { createCore } from '../src/compose';
import { serveOnLoopback, startRealApp } from './real-app';
import { commandAnswer } from '../adapters/slack/reply';
import { translateCommand } from '../adapters/slack/translate';
import { serveToParent, type BenchServer } from './bench-process';

/**
 * One server under load, in its own process so that the load generator does not steal its CPU:
 * `ours` is the real app (startServer + createCore on a temporary SQLite file, Web API faked by
 * the parent), `bare` is Bolt on an ExpressReceiver whose slash command handler only acks, and
 * `bare-answer` the same acking with a constant answer: the bot's answer to the scenario's first
 * command, rendered once at start-up, so that it pays for carrying an answer and nothing else.
 * Tells the parent its port (and, when asked, its CPU time) over IPC and stops when told to.
 */
export const BENCH_TEAM = 'T0BENCH01';
export const BENCH_CHANNEL = 'C0BENCH01';
export const BENCH_USER = 'U0BENCH01';

function startOurs(secret: string, apiUrl: string): Promise<BenchServer> {
  return startRealApp(
    { platform: 'slack', workspace: `slack:${BENCH_TEAM}`, channel: `slack:${BENCH_CHANNEL}`, user: `slack:${BENCH_USER}` },
    { production: true, slack: { signingSecret: secret, botToken: 'xoxb-bench', apiUrl } },
  );
}

/** What the rollout bot answers to `/rollout <text>` in a fresh rollout, as the ack body. */
async function constantAnswer(text: string): Promise<RespondArguments | undefined> {
  const bot = createCore({ databaseUrl: ':memory:', defaultLocale: 'en', logger: pino({ level: 'silent' }) });
  await bot.handle({ platform: 'slack', workspace: `slack:${BENCH_TEAM}`, channel: `slack:${BENCH_CHANNEL}`, user: `slack:${BENCH_USER}`, text: 'init Bench' });
  const response = await bot.handle(translateCommand({ team_id: BENCH_TEAM, channel_id: BENCH_CHANNEL, user_id: BENCH_USER, text }, { locale: 'en-US' }));
  await bot.deps.store.close();
  return commandAnswer(response, bot.t(response.locale)) as RespondArguments | undefined;
}

async function startBare(secret: string, answer?: RespondArguments): Promise<BenchServer> {
  const app = express();
  const receiver = new ExpressReceiver({ signingSecret: secret, app, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const bolt = new App({ receiver, token: 'xoxb-bench', botId: 'B0BENCH01', botUserId: 'U0BENCHBOT', tokenVerificationEnabled: false, logLevel: LogLevel.ERROR });
  bolt.command(/^\/.+/, async ({ ack }) => {
    await ack(answer);
  });
  return serveOnLoopback(app);
}

/** Entry point of the forked process: `node slack-bench-server.js ours|bare|bare-answer <secret> <apiUrl> [command text]`. */
export async function serveBench(args: string[] = process.argv.slice(2)): Promise<void> {
  const [mode, secret, apiUrl, text] = args;
  if (mode === 'ours') serveToParent(await startOurs(secret, apiUrl));
  else serveToParent(await startBare(secret, mode === 'bare-answer' ? await constantAnswer(text ?? 'next') : undefined));
}

if (require.main === module) {
  serveBench().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
