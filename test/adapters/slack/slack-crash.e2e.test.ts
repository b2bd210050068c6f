import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FakeSlackApi, type StoredMessage } from './fake-slack-api';
import { SIGNING_SECRET, SlackDriver, buttonsOf, visibleText } from './slack-harness';

const MAIN = path.join(__dirname, '../../../dist/adapters/main.js');
/** Case A: Slack never got the message (the request hangs before it is accepted). */
const CHANNEL_A = 'C0HOLDA01';
/** Case B: Slack posted it, but the answer never came back. */
const CHANNEL_B = 'C0HOLDB01';

/** A port nobody listens on right now: bind port 0, read it, let it go. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `node dist/adapters/main.js` as production runs it, serving Slack against the fake. */
class BotProcess {
  private stderr = '';
  private exited?: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(databaseUrl: string, apiUrl: string): Promise<BotProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: 'xoxb-crash-test',
        SLACK_API_URL: apiUrl,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const bot = new BotProcess(child, port);
    await bot.healthy();
    return bot;
  }

  /** Waits for `GET /healthz` to answer 200; fails with the process's stderr if it dies first. */
  private async healthy(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`main.js exited with ${this.child.exitCode}:\n${this.stderr}`);
      const ok = await fetch(`http://127.0.0.1:${this.port}/healthz`).then((r) => r.status === 200, () => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`main.js did not become healthy in ${timeoutMs} ms:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}

/**
 * Crash safety with a real process: the outbox commits when Send is pressed, delivery starts,
 * and the process is killed with SIGKILL mid-send. After a restart each message is in its
 * channel exactly once, whether Slack had it (found through conversations.history metadata)
 * or not (sent again).
 */
describe('Slack adapter: crash safety with a real process (SIGKILL mid-send)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slack-crash-'));
  const databaseUrl = path.join(dir, 'rollout.db');
  let fake: FakeSlackApi;
  let bot: BotProcess | undefined;
  let driver: SlackDriver;
  let keys: Record<string, string>;

  const announcements = (channel: string): StoredMessage[] => fake.delivered(channel).filter((m) => m.metadata?.event_payload?.kind === 'announcement');

  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does).`);
    fake = await new FakeSlackApi().start();
    fake.holds.set(CHANNEL_A, 'before');
    fake.holds.set(CHANNEL_B, 'after');
    bot = await BotProcess.start(databaseUrl, fake.apiUrl);
    driver = new SlackDriver(() => `http://127.0.0.1:${bot!.port}/slack/events`, fake);

    await driver.ask('init Crash');
    await driver.ask(`channel staff <#${CHANNEL_A}|a-kanava> fi`);
    await driver.ask(`channel customer-service <#${CHANNEL_B}|b-kanal> sv`);
    const preview = await driver.ask('announce progress organisation=Kotikunta');
    const send = buttonsOf(preview).find((b) => b.action.name === 'send');
    if (!send) throw new Error(`no Send button in the preview:\n${visibleText(preview)}`);
    const click = await driver.click(preview, send);
    expect(click.reply.status).toBe(200);

    // Both posts are on their way (held by the fake): the outbox has them in `sending`.
    await fake.until(() => [CHANNEL_A, CHANNEL_B].every((c) => fake.of('chat.postMessage').some((p) => p.body.channel === c)), 5000, () => 'both posts to arrive');
    keys = Object.fromEntries(fake.of('chat.postMessage').map((p) => [String(p.body.channel), String((p.body.metadata as { event_payload: { idempotency_key: string } }).event_payload.idempotency_key)]));
    expect(announcements(CHANNEL_A)).toHaveLength(0);
    expect(announcements(CHANNEL_B)).toHaveLength(1);

    await bot.kill('SIGKILL');
    fake.holds.clear();
    fake.releaseHeld();
    const postsBefore = fake.of('chat.postMessage').length;
    bot = await BotProcess.start(databaseUrl, fake.apiUrl);

    // Wait until the restarted worker has settled both: the outbox reports 2 sent.
    const deadline = Date.now() + 8000;
    for (;;) {
      const status = visibleText(await driver.ask('announce status'));
      if (/0 queued, 2 sent/.test(status)) break;
      if (Date.now() > deadline) throw new Error(`the outbox did not settle after the restart:\n${status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(fake.of('chat.postMessage').length).toBe(postsBefore + 1);
  }, 30_000);

  afterAll(async () => {
    await bot?.kill('SIGTERM');
    await fake?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('case A: a post that never reached Slack is sent again after the restart, exactly once', () => {
    const delivered = announcements(CHANNEL_A);
    expect(delivered).toHaveLength(1);
    expect(delivered[0].metadata?.event_payload?.idempotency_key).toBe(keys[CHANNEL_A]);
    expect(fake.keyCounts().get(keys[CHANNEL_A])).toBe(1);
  });

  it('case B: a post Slack accepted before the crash is found in conversations.history and not sent twice', () => {
    expect(announcements(CHANNEL_B)).toHaveLength(1);
    expect(fake.keyCounts().get(keys[CHANNEL_B])).toBe(1);
    const lookups = fake.of('conversations.history').filter((c) => c.body.channel === CHANNEL_B);
    expect(lookups.length).toBeGreaterThanOrEqual(1);
    expect(lookups[0].body).toMatchObject({ include_all_metadata: 'true' });
    expect(lookups[0].token).toBe('xoxb-crash-test');
    // After the restart, nothing more was posted to B.
    expect(fake.of('chat.postMessage').filter((c) => c.body.channel === CHANNEL_B)).toHaveLength(1);
  });
});
