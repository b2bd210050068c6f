import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { FakeSlackApi } from '../test/adapters/slack/fake-slack-api';
import { autocannon, type AutocannonResult } from './autocannon';
import { BENCH_CHANNEL, BENCH_TEAM, BENCH_USER } from './slack-bench-server';


export interface SlackBenchOptions {
  /** Seconds per measured run. */
  duration?: number;
  connections?: number;
}

export interface SlackBenchRow {
  app: 'bare Bolt (ack only)' | 'rollout bot';
  command: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  failed: number;
  /** Rollout bot only: share of commands whose answer came in the ack body. */
  inAck?: number;
  /** Rollout bot only: share answered later through response_url, and their delay from the request. */
  late?: number;
  answerP50?: number;
  answerP99?: number;
}

export interface SlackBenchResult {
  rows: SlackBenchRow[];
  markdown: string;
  /** Throughput of the bot over bare Bolt, and p99 over bare p99, per command. */
  ratios: Array<{ command: string; throughput: number; p99: number }>;
}

const SECRET = crypto.randomBytes(16).toString('hex');

function startChild(mode: 'ours' | 'bare', apiUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.join(__dirname, 'slack-bench-server.js'), [mode, SECRET, apiUrl], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, port: (m as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send('stop');
  await exited;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A fresh, correctly signed slash command for every request, as Slack would send it. */
function signedCommand(text: string, fake: FakeSlackApi) {
  let n = 0;
  return (req: Record<string, unknown>) => {
    n++;
    const ts = Math.floor(Date.now() / 1000);
    const body = new URLSearchParams({
      token: 'bench', team_id: BENCH_TEAM, team_domain: 'bench', channel_id: BENCH_CHANNEL, channel_name: 'bench', user_id: BENCH_USER,
      user_name: 'bench', command: '/rollout', text, api_app_id: 'A0BENCH01', is_enterprise_install: 'false',
      response_url: fake.responseUrl(`${Date.now()}-${n}`), trigger_id: `${n}.${process.hrtime.bigint()}.${crypto.randomBytes(4).toString('hex')}`,
    }).toString();
    const signature = `v0=${crypto.createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    return {
      ...req,
      method: 'POST',
      path: '/slack/events',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
      body,
    };
  };
}

async function load(port: number, text: string, fake: FakeSlackApi, duration: number, connections: number, onAck?: (body: string) => void): Promise<AutocannonResult> {
  const request = { setupRequest: signedCommand(text, fake), ...(onAck ? { onResponse: (_status: number, body: string) => onAck(body) } : {}) };
  return autocannon({ url: `http://127.0.0.1:${port}`, connections, duration, requests: [request] });
}

async function measure(mode: 'ours' | 'bare', text: string, fake: FakeSlackApi, opts: Required<SlackBenchOptions>): Promise<SlackBenchRow> {
  const { child, port } = await startChild(mode, fake.apiUrl);
  try {
    await load(port, text, fake, 1, opts.connections); // warm-up: JIT, caches, SQLite pages
    await new Promise((r) => setTimeout(r, 500));
    const delays: number[] = [];
    fake.onCall = (call) => {
      if (call.method === 'response_url' && call.target) delays.push(Date.now() - Number(call.target.split('-')[0]));
    };
    let inAck = 0;
    // Both sides read the ack body, so that they pay the same in the load generator.
    const result = await load(port, text, fake, opts.duration, opts.connections, (body) => {
      if (body.length > 0 && body.includes('"blocks"')) inAck++;
    });
    await new Promise((r) => setTimeout(r, 1000)); // answers still on their way after the last ack
    fake.onCall = undefined;
    delays.sort((a, b) => a - b);
    return {
      app: mode === 'bare' ? 'bare Bolt (ack only)' : 'rollout bot',
      command: `/rollout ${text}`,
      requestsPerSec: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      failed: result.errors + result.timeouts + result.non2xx,
      ...(mode === 'ours'
        ? { inAck: inAck / Math.max(1, result.requests.total), late: delays.length / Math.max(1, result.requests.total), answerP50: percentile(delays, 50), answerP99: percentile(delays, 99) }
        : {}),
    };
  } finally {
    await stopChild(child);
  }
}

function table(rows: SlackBenchRow[], ratios: SlackBenchResult['ratios'], opts: Required<SlackBenchOptions>): string {
  const lines = [
    `Signed slash commands over HTTP on 127.0.0.1, ${opts.connections} connections, ${opts.duration} s per run, each server in its own process.`,
    '',
    '| app | command | requests/s | ack p50 ms | ack p99 ms | failed | answered in ack | answered via response_url | late answer p50 ms | late answer p99 ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const pct = (v?: number) => (v === undefined ? '-' : `${Math.round(v * 1000) / 10}%`);
      const ms = (v?: number) => (v === undefined || Number.isNaN(v) ? '-' : String(v));
      return `| ${r.app} | \`${r.command}\` | ${Math.round(r.requestsPerSec)} | ${r.p50} | ${r.p99} | ${r.failed} | ${pct(r.inAck)} | ${pct(r.late)} | ${ms(r.answerP50)} | ${ms(r.answerP99)} |`;
    }),
    '',
    '| command | throughput vs bare (target >= 80%) | p99 vs bare (target <= 1.25x) |',
    '|---|---:|---:|',
    ...ratios.map((r) => `| \`${r.command}\` | ${Math.round(r.throughput * 100)}% | ${r.p99.toFixed(2)}x |`),
  ];
  return lines.join('\n');
}

/** Runs bare Bolt and the rollout bot under the same signed load and compares them. */
export async function runSlackBench(options: SlackBenchOptions = {}): Promise<SlackBenchResult> {
  const opts = { duration: options.duration ?? 10, connections: options.connections ?? 10 };
  const fake = await new FakeSlackApi().start();
  fake.quiet = true;
  const rows: SlackBenchRow[] = [];
  const ratios: SlackBenchResult['ratios'] = [];
  try {
    for (const text of ['next', 'done 1 checked']) {
      const bare = await measure('bare', text, fake, opts);
      const ours = await measure('ours', text, fake, opts);
      rows.push(bare, ours);
      ratios.push({ command: ours.command, throughput: ours.requestsPerSec / bare.requestsPerSec, p99: ours.p99 / Math.max(1, bare.p99) });
    }
  } finally {
    await fake.close();
  }
  return { rows, ratios, markdown: table(rows, ratios, opts) };
}

if (require.main === module) {
  const duration = Number(process.env.BENCH_DURATION ?? 10);
  runSlackBench({ duration }).then(
    (result) => process.stdout.write(`${result.markdown}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
