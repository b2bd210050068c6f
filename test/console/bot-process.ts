import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.join(__dirname, '../..');
export const MAIN = path.join(ROOT, 'dist/adapters/main.js');

export interface BotRun {
  code: number | null;
  out: string;
  err: string;
}

/** A new empty folder for one suite; removes itself with `remove()`. */
export function tempFolder(prefix: string): { dir: string; remove: () => void } {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does it)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs the real bot process in `cwd` with piped input, as `printf ... | npm start` would, with
 * only PATH and HOME from this environment besides `env`.
 */
export function runBot(cwd: string, lines: string[], env: Record<string, string>): BotRun {
  const result = spawnSync(process.execPath, [MAIN], {
    cwd,
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    timeout: 15000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
