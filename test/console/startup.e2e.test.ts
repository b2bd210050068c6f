import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runBot, tempFolder, type BotRun } from './bot-process';

let dir: string;
let remove: () => void;
beforeAll(() => ({ dir, remove } = tempFolder('rollout-startup-')));
afterAll(() => remove());

/** A new working directory for one run, holding `.env` when given. */
function workdir(name: string, envFile?: string): string {
  const cwd = path.join(dir, name);
  fs.mkdirSync(cwd);
  if (envFile !== undefined) fs.writeFileSync(path.join(cwd, '.env'), envFile);
  return cwd;
}

/** The run stopped before answering anything, with exactly one line on stderr and no stack trace. */
function expectRefusedInOneLine(run: BotRun): string {
  expect(run.code).toBe(1);
  expect(run.out).toBe('');
  expect(run.err).not.toMatch(/^\s+at /m);
  expect(run.err.endsWith('\n')).toBe(true);
  expect(run.err.trimEnd().split('\n')).toHaveLength(1);
  return run.err.trimEnd();
}

describe('configuration errors at start-up', () => {
  it.each([
    ['DEFAULT_LOCALE', 'de', 'DEFAULT_LOCALE="de" is not accepted: use fi, sv or en.'],
    ['PORT', 'eighty', 'PORT="eighty" is not accepted: use a port number from 0 to 65535.'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL="loud" is not accepted: use fatal, error, warn, info, debug, trace or silent.'],
    ['TEAMS_ENABLED', 'yes', 'TEAMS_ENABLED="yes" is not accepted: use 1 or true (serve Teams without credentials), 0, false or nothing (off).'],
    ['ROLLOUT_USER', 'maija meikäläinen', 'ROLLOUT_USER="maija meikäläinen" is not accepted: use a user name of letters, digits, dots, hyphens and underscores, as written after @ in a mention.'],
  ])('%s=%s is refused in one line naming the variable and what it accepts', (name, value, message) => {
    const run = runBot(workdir(`bad-${name}`), ['help'], { DATABASE_URL: path.join(dir, `${name}.db`), [name]: value });
    expect(expectRefusedInOneLine(run)).toBe(message);
    expect(fs.existsSync(path.join(dir, `${name}.db`))).toBe(false);
  });

  it('refuses a database URL of another kind and a templates folder that is not there without a stack trace', () => {
    const url = runBot(workdir('bad-url'), ['help'], { DATABASE_URL: 'postgres://db.example.org/rollout' });
    expect(expectRefusedInOneLine(url)).toBe('DATABASE_URL "postgres://db.example.org/rollout" is not supported: use a file path, a file: URL or :memory:.');

    const missing = path.join(dir, 'no-such-folder');
    const templates = runBot(workdir('bad-templates'), ['help'], { DATABASE_URL: path.join(dir, 't.db'), TEMPLATES_DIR: missing });
    expect(expectRefusedInOneLine(templates)).toBe(`TEMPLATES_DIR="${missing}" is not accepted: use the path of an existing folder of JSON template overrides, or nothing.`);
  });

  it('refuses a PORT another program listens on in one line', () => {
    // The port is held by a separate process, so that this test process stays free to wait.
    const holder = `const s = require('net').createServer().listen(0, () => process.stdout.write(String(s.address().port)));
      process.stdin.on('data', () => { s.close(); process.exit(0); });`;
    const child = spawn(process.execPath, ['-e', holder], { stdio: ['pipe', 'pipe', 'inherit'] });
    return new Promise<void>((resolve, reject) => {
      child.stdout.once('data', (data: Buffer) => {
        try {
          const port = data.toString();
          const run = runBot(workdir('busy-port'), [], { DATABASE_URL: path.join(dir, 'port.db'), TEAMS_ENABLED: '1', NODE_ENV: 'test', PORT: port, LOG_LEVEL: 'warn' });
          expect(expectRefusedInOneLine(run)).toBe(`PORT=${port} is already in use by another program: stop it, or set PORT to a free port.`);
          resolve();
        } catch (err) {
          reject(err);
        } finally {
          child.stdin.end('stop\n');
        }
      });
    });
  });

  it('takes DEFAULT_LOCALE in any case', () => {
    const run = runBot(workdir('upper-sv'), ['help'], { DATABASE_URL: path.join(dir, 'sv.db'), DEFAULT_LOCALE: 'SV' });
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('Införandebottens kommandon');
  });
});

describe('.env in the working directory', () => {
  it('is read at start, and the real environment wins over it', () => {
    const cwd = workdir('dotenv', '# local settings\nDEFAULT_LOCALE=sv\nDATABASE_URL="./from-dotenv.db"\n');
    const fromFile = runBot(cwd, ['help'], {});
    expect(fromFile.err).toBe('');
    expect(fromFile.code).toBe(0);
    expect(fromFile.out).toContain('Införandebottens kommandon');
    expect(fs.existsSync(path.join(cwd, 'from-dotenv.db'))).toBe(true);

    const overridden = runBot(cwd, ['help'], { DEFAULT_LOCALE: 'en' });
    expect(overridden.code).toBe(0);
    expect(overridden.out).toContain('Rollout bot commands');
    expect(overridden.out).not.toContain('Införandebottens kommandon');
  });

  it('may be missing', () => {
    const run = runBot(workdir('no-dotenv'), ['help'], { DATABASE_URL: path.join(dir, 'none.db') });
    expect(run.code).toBe(0);
    expect(run.out).toContain('Käyttöönottobotin komennot');
  });

  it('stops start-up in one line naming the line that is not NAME=value, without showing it', () => {
    const cwd = workdir('bad-dotenv', 'DEFAULT_LOCALE=sv\nSLACK_BOT_TOKEN xoxb-secret\n');
    const message = expectRefusedInOneLine(runBot(cwd, ['help'], { DATABASE_URL: path.join(dir, 'bad-dotenv.db') }));
    expect(message).toBe(`${path.join(cwd, '.env')} line 2 is not of the form NAME=value: correct or remove that line (.env.example lists the variables).`);
    expect(message).not.toContain('xoxb-secret');
  });
});

describe('a damaged database file', () => {
  /** A database the bot wrote, with a rollout in it; its tasks table's first page, for damaging. */
  function realDatabase(name: string): { file: string; tasksPageOffset: number } {
    const file = path.join(dir, name);
    const made = runBot(workdir(`make-${name}`), ['init Demo', 'done 1 rajaus sovittu', 'done 2.1'], { DATABASE_URL: file });
    expect(made.code).toBe(0);
    const db = new Database(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = (db.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'tasks'").get() as { rootpage: number }).rootpage;
    db.close();
    return { file, tasksPageOffset: (root - 1) * pageSize };
  }

  /** Runs a command on the file; the bot must refuse in one line and leave the file's bytes as they were. */
  function expectRefused(file: string): string {
    const before = fs.readFileSync(file);
    const run = runBot(workdir(`use-${path.basename(file)}`), ['status', 'done 2.2'], { DATABASE_URL: file, LANG: 'en_US.UTF-8' });
    const message = expectRefusedInOneLine(run);
    expect(message).toContain(`The database file ${file} is damaged`);
    expect(message).toContain('restore the file from a backup');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    return message;
  }

  it('refuses a file that is not a database at all', () => {
    const file = path.join(dir, 'garbage.db');
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)));
    expect(expectRefused(file)).toContain('file is not a database');
  });

  it('refuses a database cut short', () => {
    const { file } = realDatabase('cut.db');
    fs.truncateSync(file, 1000);
    expectRefused(file);
  });

  it('refuses a database with a damaged page, and still opens a sound one', () => {
    const { file, tasksPageOffset } = realDatabase('page.db');
    const sound = runBot(workdir('sound'), ['status'], { DATABASE_URL: file, LANG: 'en_US.UTF-8' });
    expect(sound.code).toBe(0);
    expect(sound.out).toContain('Demo');

    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(200, 0xa5), 0, 200, tasksPageOffset + 8);
    fs.closeSync(fd);
    expect(expectRefused(file)).toMatch(/damaged \(.*(Tree|page|corrupt|malformed).*\)/i);
  });
});
