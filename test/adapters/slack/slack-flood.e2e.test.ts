import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FakeSlackApi } from './fake-slack-api';
import { SIGNING_SECRET, SlackDriver } from './slack-harness';

const MAIN = path.join(__dirname, '../../../dist/adapters/main.js');
const BODY = 4 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');
/** Concurrent connections sending 4 MB bad-signature bodies, and how many each sends. */
const FLOODERS = 40;
const PER_FLOODER = 5;
/** Sockets that send their headers and a few bytes of body, then nothing. */
const SLOW = 100;
/** What the whole flood may add to the server's memory (before the limits it added 300 MB and more). */
const RSS_BOUND_MB = 100;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function rssMb(pid: number): number {
  if (fs.existsSync(`/proc/${pid}/status`)) {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) / 1024;
}

/** One request with a 4 MB body and a wrong signature, written as fast as the server takes it. */
function badRequest(port: number, chunked: boolean): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const ts = Math.floor(Date.now() / 1000);
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    // The server answers (413) or closes: either way this request is over.
    socket.on('data', () => socket.destroy());
    socket.setTimeout(20_000, () => socket.destroy());
    socket.on('connect', async () => {
      socket.write(
        'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n'
          + `X-Slack-Request-Timestamp: ${ts}\r\nX-Slack-Signature: v0=${'0'.repeat(64)}\r\n`
          + (chunked ? 'Transfer-Encoding: chunked\r\n\r\n' : `Content-Length: ${BODY}\r\n\r\n`),
      );
      for (let sent = 0; sent < BODY && !socket.destroyed; sent += CHUNK.length) {
        const ok = chunked ? socket.write(`${CHUNK.length.toString(16)}\r\n`) && socket.write(CHUNK) && socket.write('\r\n') : socket.write(CHUNK);
        if (!ok) await new Promise((r) => { socket.once('drain', r); socket.once('close', r); });
      }
      if (chunked && !socket.destroyed) socket.write('0\r\n\r\n');
    });
  });
}

/** A socket that starts a request and never finishes it; resolves with how long the server kept it open. */
function slowRequest(port: number): { closed: Promise<number> } {
  const started = Date.now();
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.on('connect', () => socket.write('POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\npayload=%7B'));
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  return { closed: new Promise((resolve) => socket.on('close', () => resolve(Date.now() - started))) };
}

/**
 * The real app in its own process under an unauthenticated flood: bodies far larger than Slack
 * sends, with wrong signatures, on many connections at once, and sockets that never finish their
 * request. Its memory stays bounded, slow sockets are cut off, and signed commands are answered
 * within Slack's 3 s all along. Loopback only, a bounded number of requests.
 */
describe('Slack endpoint under a flood of unauthenticated requests', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slack-flood-'));
  let fake: FakeSlackApi;
  let child: ChildProcess;
  let port: number;
  let stderr = '';

  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does).`);
    fake = await new FakeSlackApi().start();
    port = await freePort();
    child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '', PORT: String(port), DATABASE_URL: path.join(dir, 'rollout.db'), LOG_LEVEL: 'silent',
        SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-flood-test', SLACK_API_URL: fake.apiUrl,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const deadline = Date.now() + 10_000;
    while (!(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`main.js did not start:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its memory bounded, cuts slow sockets off and goes on answering signed commands', async () => {
    const driver = new SlackDriver(() => `http://127.0.0.1:${port}/slack/events`, fake);
    for (let i = 0; i < 3; i++) expect((await driver.command('help')).reply.status).toBe(200);
    const baseline = rssMb(child.pid!);

    let peak = baseline;
    const sampler = setInterval(() => {
      const now = rssMb(child.pid!);
      if (Number.isFinite(now)) peak = Math.max(peak, now);
    }, 50);
    const started = Date.now();
    const slow = Array.from({ length: SLOW }, () => slowRequest(port));
    const answers: Array<{ status: number; ms: number }> = [];
    let flooding = true;
    const valid = (async () => {
      while (flooding) {
        const { reply } = await driver.command('help');
        answers.push({ status: reply.status, ms: reply.ms });
        await new Promise((r) => setTimeout(r, 200));
      }
    })();

    await Promise.all(Array.from({ length: FLOODERS }, async (_, i) => {
      for (let n = 0; n < PER_FLOODER; n++) await badRequest(port, (i + n) % 2 === 0);
    }));
    const floodMs = Date.now() - started;
    flooding = false;
    await valid;

    // Still open 20 s after they started counts as never closed.
    const cutOff = (ms: number) => new Promise<number>((r) => setTimeout(() => r(Infinity), ms).unref());
    const slowOpen = await Promise.all(slow.map((s) => Promise.race([s.closed, cutOff(20_000 - (Date.now() - started))])));
    clearInterval(sampler);
    process.stdout.write(`flood: ${FLOODERS * PER_FLOODER} x 4 MB in ${floodMs} ms; RSS ${baseline.toFixed(0)} -> peak ${peak.toFixed(0)} MB; `
      + `${answers.length} signed commands, slowest ${Math.max(...answers.map((a) => a.ms)).toFixed(0)} ms; slow sockets closed after ${Math.max(...slowOpen)} ms\n`);

    expect(peak - baseline).toBeLessThan(RSS_BOUND_MB);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status !== 200 || a.ms >= 3000)).toEqual([]);
    expect(Math.max(...slowOpen)).toBeLessThan(20_000);
    expect(child.exitCode).toBeNull();
  }, 60_000);
});
