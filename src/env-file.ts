import fs from 'node:fs';
import util from 'node:util';
import { StartupError } from './core/startup-error';

/** `NAME=value`, `export NAME=value`, `NAME = "value"`; a quoted value may run over several lines. */
const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*(.*)$/;
const QUOTES = ['"', "'", '`'];

/**
 * The 1-based number of the first line that is neither blank, a comment nor an assignment, or
 * undefined when every line is one. Node's own parser skips such lines silently, so a typo such
 * as `DEFAULT_LOCALE: sv` would otherwise go unnoticed.
 */
export function firstMalformedLine(text: string): number | undefined {
  const lines = text.split(/\r?\n/);
  let openQuote: string | undefined;
  for (const [index, line] of lines.entries()) {
    if (openQuote) {
      if (line.includes(openQuote)) openQuote = undefined;
      continue;
    }
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const match = ASSIGNMENT.exec(line);
    if (!match) return index + 1;
    const value = match[1];
    const quote = QUOTES.find((q) => value.startsWith(q));
    if (quote && value.indexOf(quote, 1) < 0) openQuote = quote;
  }
  return undefined;
}

/**
 * Reads `file` (the working directory's `.env`) into `env` with Node's own parser, the one
 * `process.loadEnvFile` uses. A missing file is fine; a malformed or unreadable one stops
 * start-up with one line. Variables already in `env` win over the file. Returns whether a file
 * was read.
 */
export function loadEnvFile(file: string, env: NodeJS.ProcessEnv = process.env): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    throw new StartupError(`Cannot read ${file} (${code ?? String(err)}): make it a readable file of NAME=value lines, or remove it.`);
  }
  const bad = firstMalformedLine(text);
  if (bad !== undefined) {
    throw new StartupError(`${file} line ${bad} is not of the form NAME=value: correct or remove that line (.env.example lists the variables).`);
  }
  if (typeof util.parseEnv !== 'function') {
    throw new StartupError(`Reading ${file} needs Node.js 20.12 or newer: update Node.js, or set the variables in the environment.`);
  }
  for (const [name, value] of Object.entries(util.parseEnv(text))) {
    if (env[name] === undefined && value !== undefined) env[name] = value;
  }
  return true;
}
