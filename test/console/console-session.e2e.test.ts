import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { MAIN, runBot, tempFolder } from './bot-process';

let dir: string;
let remove: () => void;
beforeAll(() => ({ dir, remove } = tempFolder('rollout-session-')));
afterAll(() => remove());

/** Every terminal session still running when a test ends (it failed) is ended with it. */
const sessions = new Set<ChildProcess>();
afterEach(() => {
  for (const child of sessions) child.kill('SIGKILL');
  sessions.clear();
});

/**
 * The real bot in a pseudo-terminal (util-linux `script`), as a person starts it: its input is a
 * TTY that stays open until the test ends it, so only the bot itself can end the session.
 */
function inTerminal(env: Record<string, string>) {
  const command = [process.execPath, MAIN].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'dumb', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  sessions.add(child);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      sessions.delete(child);
      resolve(code);
    }),
  );
  return {
    output: () => out,
    type: (line: string) => child.stdin.write(`${line}\r`),
    /** Waits until the screen shows `text`, or fails naming what it showed. */
    async waitFor(text: string, timeoutMs = 10000): Promise<void> {
      const until = Date.now() + timeoutMs;
      while (!out.includes(text)) {
        if (Date.now() > until) throw new Error(`"${text}" never appeared; the terminal showed:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** The exit code, or null if the bot was still running after `timeoutMs` (then it is ended). */
    async exitCode(timeoutMs = 10000): Promise<number | null | 'still running'> {
      const timeout = new Promise<'still running'>((r) => setTimeout(() => r('still running'), timeoutMs).unref());
      const result = await Promise.race([exited, timeout]);
      return result;
    },
  };
}

describe('console in a terminal', () => {
  it.each([
    ['exit', 'en_US.UTF-8', 'Rollout bot in the terminal (user @maija). Start a rollout with "init <name>"'],
    ['quit', 'en_US.UTF-8', 'Rollout bot in the terminal (user @maija). Start a rollout with "init <name>"'],
    ['lopeta', 'fi_FI.UTF-8', 'Käyttöönottobotti päätteessä (käyttäjä @maija). Aloita käyttöönotto kirjoittamalla "aloita <nimi>"'],
    ['avsluta', 'sv_SE.UTF-8', 'Införandeboten i terminalen (användare @maija). Starta ett införande med "starta <namn>"'],
  ])('greets with the next step in the LANG language, and "%s" ends it', async (word, lang, welcome) => {
    const term = inTerminal({ DATABASE_URL: path.join(dir, `${word}.db`), LANG: lang, ROLLOUT_USER: 'maija' });
    await term.waitFor(welcome);
    await term.waitFor('rollout> ');
    term.type(word);
    expect(await term.exitCode()).toBe(0);
  });

  it('names the rollout and points to "next" once there is one', async () => {
    const db = path.join(dir, 'named.db');
    const first = inTerminal({ DATABASE_URL: db, LANG: 'en_US.UTF-8', ROLLOUT_USER: 'maija' });
    await first.waitFor('rollout> ');
    first.type('init Kotikunta');
    await first.waitFor('Rollout "Kotikunta" started');
    first.type('EXIT');
    expect(await first.exitCode()).toBe(0);

    const second = inTerminal({ DATABASE_URL: db, LANG: 'en_US.UTF-8', ROLLOUT_USER: 'maija' });
    await second.waitFor('Rollout bot in the terminal (user @maija, rollout "Kotikunta"). Type "next" for the next step');
    second.type('exit');
    expect(await second.exitCode()).toBe(0);
  });
});

describe('console with piped input', () => {
  it('stops reading at an exit word and greets no one', () => {
    const run = runBot(dir, ['init Demo', 'quit', 'status'], { DATABASE_URL: path.join(dir, 'piped.db'), LANG: 'en_US.UTF-8' });
    expect(run.code).toBe(0);
    expect(run.out).toContain('Rollout "Demo" started');
    expect(run.out).not.toContain('Rollout bot in the terminal');
    expect(run.out).not.toMatch(/▶ 1\. Investigate/); // status was never answered
  });

  it('ends quietly when the reader goes away (| head)', () => {
    const help = Array.from({ length: 300 }, () => 'help').join('\\n');
    const script = `printf '${help}\\n' | '${process.execPath}' '${MAIN}' | head -n 2; echo "bot exit: \${PIPESTATUS[1]}" >&2`;
    const result = spawnSync('bash', ['-c', script], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: path.join(dir, 'head.db'), LANG: 'en_US.UTF-8' },
      timeout: 20000,
    });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Rollout bot commands');
    expect(lines).toHaveLength(3);
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.stderr.trim()).toBe('bot exit: 0');
  });

  it('acts as ROLLOUT_USER, with that user\'s roles and permissions', () => {
    const env = { DATABASE_URL: path.join(dir, 'users.db'), LANG: 'en_US.UTF-8' };
    const lead = runBot(dir, ['init Demo', 'role add it @maija'], { ...env, ROLLOUT_USER: 'leena' });
    expect(lead.out).toContain('maija now has the role IT and integration.');

    const maija = runBot(dir, ['done 1', 'done 2.1'], { ...env, ROLLOUT_USER: 'maija' });
    expect(maija.code).toBe(0);
    expect(maija.out).toContain('You cannot change 1 Scope the transactions to offer: only Rollout lead may.');
    expect(maija.out).toContain('✅ 2.1 Compare the light e-service and the data-exchange interface is done.');

    const log = runBot(dir, ['log 3'], { ...env, ROLLOUT_USER: 'leena' });
    expect(log.out).toMatch(/@maija .*2\.1/);
  });

  it('prints an edit of the living status message as one short line', () => {
    const run = runBot(dir, ['init Demo', 'channel communications #viestinta en', 'done 1', 'done 2.1', 'done 2.2'], {
      DATABASE_URL: path.join(dir, 'status.db'),
      LANG: 'en_US.UTF-8',
    });
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    // The status message is posted whole once, then every change edits it.
    expect(lines.filter((l) => l.startsWith('📣 #viestinta'))).toHaveLength(1);
    const edits = lines.filter((l) => l.startsWith('✎ #viestinta'));
    expect(edits).toHaveLength(2);
    expect(edits[0]).toMatch(/^✎ #viestinta 📊 .* · ▶ Investigate .*22 ?%$/);
    expect(edits[1]).toMatch(/▶ Investigate .*33 ?%$/);
    for (const edit of edits) expect(edit.length).toBeLessThanOrEqual(170);
    expect(lines[lines.indexOf(edits[0]) + 1]).toBe('');
  });
});
