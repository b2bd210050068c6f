import path from 'node:path';
import pino from 'pino';
import { createOutboxWorker, scheduleGoLives } from '../src/comms/delivery';
import { createCore } from '../src/compose';
import { readConfig } from '../src/config';
import { ContentError } from '../src/core/content-error';
import { StartupError } from '../src/core/startup-error';
import { loadEnvFile } from '../src/env-file';
import { scheduleHousekeeping } from '../src/housekeeping';
import { scheduleReminders } from '../src/comms/daily-reminders';
import { runConsole } from './console/run-console';

/**
 * Composition root. With Slack or Teams configured it serves HTTP; with neither it runs the
 * console adapter in this terminal on the embedded SQLite file.
 */
async function main(): Promise<number> {
  // `.env` in the working directory, as `.env.example` suggests; the real environment wins.
  loadEnvFile(path.resolve('.env'));
  const config = readConfig();
  const useServer = Boolean(config.slack || config.teams);
  // The console owns stdout for replies, so its logs go to stderr and only when asked for.
  const logger = pino(
    { level: useServer || process.env.LOG_LEVEL ? config.logLevel : 'warn' },
    useServer ? pino.destination(1) : pino.destination(2),
  );
  const bot = createCore({
    databaseUrl: config.databaseUrl, defaultLocale: config.defaultLocale, templateOverridesDir: config.templatesDir, logger,
    readCacheEntries: config.readCacheEntries, publicUrl: config.publicUrl, dashboardSecret: config.dashboardSecret,
  });

  if (!useServer) {
    const goLives = scheduleGoLives(bot.deps);
    const housekeeping = scheduleHousekeeping(bot.deps, { auditRetentionDays: config.auditRetentionDays });
    const reminders = scheduleReminders(bot.deps, { time: config.reminderTime ?? '09:00', platforms: ['console'] });
    await runConsole(bot, process.stdin, process.stdout, config.consoleUser);
    goLives.stop();
    housekeeping.stop();
    reminders.stop();
    await bot.deps.store.close();
    return 0;
  }

  // Loaded only when serving: the console needs neither Bolt nor the Agents SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startServer } = require('./http/server') as typeof import('./http/server');
  const server = await startServer(bot, config, logger).catch((err: NodeJS.ErrnoException) => {
    throw portProblem(err, config.port) ?? err;
  });
  const worker = createOutboxWorker(bot.deps, server.senders);
  bot.deps.onQueued = () => worker.wake();
  await worker.start();
  const goLives = scheduleGoLives(bot.deps);
  const housekeeping = scheduleHousekeeping(bot.deps, { auditRetentionDays: config.auditRetentionDays });
  const directPlatforms = server.senders.filter((s) => s.directMessages).map((s) => s.platform);
  const reminders = scheduleReminders(bot.deps, { time: config.reminderTime ?? '09:00', platforms: directPlatforms });
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    goLives.stop();
    housekeeping.stop();
    reminders.stop();
    await worker.stop();
    await server.close();
    await bot.deps.store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return -1;
}

/** A port the server cannot listen on is a setting to change, said in one line. */
function portProblem(err: NodeJS.ErrnoException, port: number): StartupError | undefined {
  if (err.code === 'EADDRINUSE') return new StartupError(`PORT=${port} is already in use by another program: stop it, or set PORT to a free port.`);
  if (err.code === 'EACCES') return new StartupError(`PORT=${port} needs privileges this process does not have: set PORT to a port above 1023.`);
  return undefined;
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    // What the operator can fix is said in its own words; only a fault shows its stack.
    const message = err instanceof StartupError || err instanceof ContentError ? err.message : err instanceof Error ? err.stack ?? err.message : String(err);
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  },
);
