import os from 'node:os';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { RolloutBot } from '../../src/app';
import type { BotRequest } from '../../src/core/request';
import { createOutboxWorker } from '../../src/comms/delivery';
import { ConsoleSender } from './console-sender';
import { renderText } from './render-text';
import { saveFile } from './save-file';

/** Words that end the console, in every language it speaks. */
export const EXIT_WORDS: ReadonlySet<string> = new Set(['exit', 'quit', 'lopeta', 'avsluta']);

/** The console is one channel of one workspace on this machine. */
const CONSOLE_CHANNEL = 'console:local';

/**
 * The bot in a terminal, as `username` (ROLLOUT_USER, else the local login name): one line in,
 * the rendered reply out. Works with piped input too; returns at the end of input, at an exit
 * word, or when the output is closed (`| head`), once every line read has been answered. Files
 * the core hands over (the `my data` export) are saved in `dir`.
 */
export async function runConsole(bot: RolloutBot, input: Readable, output: Writable, username = os.userInfo().username, dir = process.cwd()): Promise<void> {
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  const rl = readline.createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const base: Omit<BotRequest, 'text'> = {
    platform: 'console',
    workspace: 'console:local',
    channel: CONSOLE_CHANNEL,
    user: `console:${username}`,
    userName: username,
    locale: process.env.LANG,
    personal: true,
  };

  // A reader that went away (`| head`) ends the console quietly; any other output fault is
  // reported once the lines already read are done.
  let outputGone = false;
  let outputFault: Error | undefined;
  output.on('error', (err: NodeJS.ErrnoException) => {
    if (!outputGone && err.code !== 'EPIPE') outputFault = err;
    outputGone = true;
    rl.close();
  });
  const write = (text: string) => {
    if (!outputGone) output.write(text);
  };

  // Console channels get their announcements printed right after the reply that queued them.
  const worker = createOutboxWorker(bot.deps, [new ConsoleSender({ write })]);
  if (interactive) {
    write(`${await welcome(bot, base)}\n`);
    rl.setPrompt('rollout> ');
    rl.prompt();
  }
  // Lines are answered one at a time, in order, even when piped input arrives all at once.
  for await (const line of rl) {
    if (outputGone) break;
    if (EXIT_WORDS.has(line.trim().toLowerCase())) break;
    if (!line.trim()) {
      if (interactive) rl.prompt();
      continue;
    }
    const response = await bot.handle({ ...base, text: line });
    const t = bot.t(response.locale);
    const parts = response.views.map((v) => renderText(t, v));
    if (response.file) parts.push(saveFile(response.file, dir, t));
    write(`${parts.join('\n\n')}\n\n`);
    await worker.drain();
    if (interactive && !outputGone) rl.prompt();
  }
  rl.close();
  // Nothing more is read: an input still open (a pipe, the terminal) must not keep the process alive.
  input.destroy();
  if (outputFault) throw outputFault;
}

/** One line for a person at a terminal: who they are here and the next step to take. */
async function welcome(bot: RolloutBot, base: Omit<BotRequest, 'text'>): Promise<string> {
  const t = bot.t(await bot.locale(base));
  const rollout = await bot.deps.store.rolloutForChannel(CONSOLE_CHANNEL);
  return rollout ? t('console:welcome_rollout', { user: base.userName, rollout: rollout.name }) : t('console:welcome_new', { user: base.userName });
}
