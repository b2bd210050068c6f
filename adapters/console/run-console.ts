import os from 'node:os';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { RolloutBot } from '../../src/app';
import type { BotRequest } from '../../src/core/request';
import { createOutboxWorker } from '../../src/comms/delivery';
import { ConsoleSender } from './console-sender';
import { renderText } from './render-text';
import { saveFile } from './save-file';

/**
 * The bot in a terminal, as the local user: one line in, the rendered reply out. Works with
 * piped input too; returns at the end of input once every line has been answered. Files the
 * core hands over are saved in `dir`.
 */
export async function runConsole(bot: RolloutBot, input: Readable, output: Writable, username = os.userInfo().username, dir = process.cwd()): Promise<void> {
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  const rl = readline.createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const base: Omit<BotRequest, 'text'> = {
    platform: 'console',
    workspace: 'console:local',
    channel: 'console:local',
    user: `console:${username}`,
    userName: username,
    locale: process.env.LANG,
    personal: true,
  };
  // Console channels get their announcements printed right after the reply that queued them.
  const worker = createOutboxWorker(bot.deps, [new ConsoleSender(output)]);
  if (interactive) {
    rl.setPrompt('rollout> ');
    rl.prompt();
  }
  // Lines are answered one at a time, in order, even when piped input arrives all at once.
  for await (const line of rl) {
    if (!line.trim()) {
      if (interactive) rl.prompt();
      continue;
    }
    const response = await bot.handle({ ...base, text: line });
    const t = bot.t(response.locale);
    const parts = response.views.map((v) => renderText(t, v));
    // A file (the `my data` export) is saved in the working directory.
    if (response.file) parts.push(saveFile(response.file, dir, t));
    const text = parts.join('\n\n');
    output.write(`${text}\n\n`);
    await worker.drain();
    if (interactive) rl.prompt();
  }
}
