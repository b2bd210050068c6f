import crypto from 'node:crypto';
import { FakeSlackApi } from '../test/adapters/slack/fake-slack-api';
import { autocannon, type AutocannonResult } from './autocannon';
import { benchMain, interleaved, measureLoad, median, medianStats, pct, percentile, startChild, stopChild, versus, type LoadStats } from './bench-process';
import { BENCH_CHANNEL, BENCH_TEAM, BENCH_USER } from './slack-bench-server';

export interface SlackBenchOptions {
  /** Seconds per measured run. */
  duration?: number;
  connections?: number;
  /** Runs per app and scenario, interleaved; the table shows their medians. */
  repeats?: number;
}

type Mode = 'bare' | 'bare-answer' | 'ours';
const MODES: readonly Mode[] = ['bare', 'bare-answer', 'ours'];
const APP_NAMES: Record<Mode, string> = {
  bare: 'bare Bolt (ack only)',
  'bare-answer': "bare Bolt acking with the bot's answer (constant)",
  ours: 'rollout bot',
};

export interface SlackBenchRow extends LoadStats {
  app: string;
  scenario: string;
  /** Apps that answer (not bare Bolt): share of commands whose answer came in the ack body. */
  inAck?: number;
  /** Apps that answer: share answered later through response_url, and their delay from the request. */
  late?: number;
  answerP50?: number;
  answerP99?: number;
}

export interface SlackBenchResult {
  rows: SlackBenchRow[];
  markdown: string;
  /**
   * Per scenario: throughput of the bot over bare Bolt (the target's baseline), the same by CPU
   * time per request, p99 over bare p99; and the same three against bare Bolt acking with a
   * constant answer of the bot's (what is left is the core's and the adapter's own work).
   */
  ratios: Array<{ scenario: string; throughput: number; cpu: number; p99: number; throughputVsAnswer: number; cpuVsAnswer: number; p99VsAnswer: number }>;
}

interface Scenario {
  name: string;
  /** Command text of the n-th request. */
  text(n: number): string;
}

/** Reading (`next`) and writing: `done 1` and `undo 1` in turn, so that every request changes the rollout. */
const SCENARIOS: Scenario[] = [
  { name: '/rollout next', text: () => 'next' },
  { name: '/rollout done 1 / undo 1', text: (n) => (n % 2 === 1 ? 'done 1 checked' : 'undo 1') },
];

const SECRET = crypto.randomBytes(16).toString('hex');

/** A fresh, correctly signed slash command for every request, as Slack would send it. */
function signedCommands(scenario: Scenario, fake: FakeSlackApi) {
  let n = 0;
  return (req: Record<string, unknown>) => {
    n++;
    const ts = Math.floor(Date.now() / 1000);
    const body = new URLSearchParams({
      token: 'bench', team_id: BENCH_TEAM, team_domain: 'bench', channel_id: BENCH_CHANNEL, channel_name: 'bench', user_id: BENCH_USER,
      user_name: 'bench', command: '/rollout', text: scenario.text(n), api_app_id: 'A0BENCH01', is_enterprise_install: 'false',
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

async function load(port: number, scenario: Scenario, fake: FakeSlackApi, duration: number, connections: number, onAck?: (body: string) => void): Promise<AutocannonResult> {
  const request = { setupRequest: signedCommands(scenario, fake), ...(onAck ? { onResponse: (_status: number, body: string) => onAck(body) } : {}) };
  return autocannon({ url: `http://127.0.0.1:${port}`, connections, duration, requests: [request] });
}

async function measure(mode: Mode, scenario: Scenario, fake: FakeSlackApi, opts: Required<SlackBenchOptions>): Promise<SlackBenchRow> {
  const { child, port } = await startChild('slack-bench-server.js', [mode, SECRET, fake.apiUrl, scenario.text(1)]);
  try {
    await load(port, scenario, fake, 1, opts.connections); // warm-up: JIT, caches, SQLite pages
    await new Promise((r) => setTimeout(r, 500));
    const delays: number[] = [];
    fake.onCall = (call) => {
      if (call.method === 'response_url' && call.target) delays.push(Date.now() - Number(call.target.split('-')[0]));
    };
    let inAck = 0;
    // Both sides read the ack body, so that they pay the same in the load generator.
    const { result, stats } = await measureLoad(child, opts.duration, () =>
      load(port, scenario, fake, opts.duration, opts.connections, (body) => {
        if (body.length > 0 && body.includes('"blocks"')) inAck++;
      }),
    );
    await new Promise((r) => setTimeout(r, 1000)); // answers still on their way after the last ack
    fake.onCall = undefined;
    delays.sort((a, b) => a - b);
    const total = Math.max(1, result.requests.total);
    return {
      app: APP_NAMES[mode],
      scenario: scenario.name,
      ...stats,
      ...(mode !== 'bare'
        ? { inAck: inAck / total, late: delays.length / total, answerP50: percentile(delays, 50), answerP99: percentile(delays, 99) }
        : {}),
    };
  } finally {
    await stopChild(child);
  }
}

/** One row for several runs of the same app and scenario. */
function medianRow(runs: SlackBenchRow[]): SlackBenchRow {
  const of = (pick: (r: SlackBenchRow) => number | undefined) => median(runs.map((r) => pick(r) ?? NaN));
  const answers = runs[0].inAck !== undefined;
  return {
    ...runs[0],
    ...medianStats(runs),
    ...(answers
      ? { inAck: Math.min(...runs.map((r) => r.inAck!)), late: Math.max(...runs.map((r) => r.late!)), answerP50: of((r) => r.answerP50), answerP99: of((r) => r.answerP99) }
      : {}),
  };
}

function table(rows: SlackBenchRow[], ratios: SlackBenchResult['ratios'], opts: Required<SlackBenchOptions>): string {
  const share = (v?: number) => (v === undefined ? '-' : `${Math.round(v * 1000) / 10}%`);
  const ms = (v?: number) => (v === undefined || Number.isNaN(v) ? '-' : String(v));
  return [
    `Signed slash commands over HTTP on 127.0.0.1, ${opts.connections} connections, ${opts.duration} s per run, each server in its own process.`,
    ...(opts.repeats > 1 ? [`${opts.repeats} runs per row, interleaved; medians (failed: sum; other load: the highest; answered in ack: the lowest).`] : []),
    '',
    '| app | command | requests/s | ack p50 ms | ack p99 ms | server CPU ms/request | failed | answered in ack | answered via response_url | late answer p50 ms | late answer p99 ms | other processes\' load |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) =>
      `| ${r.app} | \`${r.scenario}\` | ${Math.round(r.requestsPerSec)} | ${r.p50} | ${r.p99} | ${r.cpuPerRequest.toFixed(2)} | ${r.failed} | ${share(r.inAck)} | ${share(r.late)} | ${ms(r.answerP50)} | ${ms(r.answerP99)} | ${r.otherLoad === undefined ? '?' : pct(r.otherLoad)} |`,
    ),
    '',
    '| command | throughput vs bare (target >= 80%) | same, by CPU time per request | ack p99 vs bare (target <= 1.25x) | throughput vs bare acking the answer | same, by CPU time | ack p99 vs bare acking the answer |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...ratios.map((r) => `| \`${r.scenario}\` | ${pct(r.throughput)} | ${pct(r.cpu)} | ${r.p99.toFixed(2)}x | ${pct(r.throughputVsAnswer)} | ${pct(r.cpuVsAnswer)} | ${r.p99VsAnswer.toFixed(2)}x |`),
  ].join('\n');
}

/** Runs bare Bolt and the rollout bot under the same signed load and compares them. */
export async function runSlackBench(options: SlackBenchOptions = {}): Promise<SlackBenchResult> {
  const opts = { duration: options.duration ?? 10, connections: options.connections ?? 10, repeats: Math.max(1, options.repeats ?? 1) };
  const fake = await new FakeSlackApi().start();
  fake.quiet = true;
  const rows: SlackBenchRow[] = [];
  const ratios: SlackBenchResult['ratios'] = [];
  try {
    for (const scenario of SCENARIOS) {
      const runs = await interleaved(MODES, opts.repeats, (mode) => measure(mode, scenario, fake, opts));
      const [bare, answer, ours] = MODES.map((mode) => medianRow(runs[mode]));
      rows.push(bare, answer, ours);
      const vsAnswer = versus(ours, answer);
      ratios.push({
        scenario: scenario.name,
        ...versus(ours, bare),
        throughputVsAnswer: vsAnswer.throughput,
        cpuVsAnswer: vsAnswer.cpu,
        p99VsAnswer: vsAnswer.p99,
      });
    }
  } finally {
    await fake.close();
  }
  return { rows, ratios, markdown: table(rows, ratios, opts) };
}

if (require.main === module) benchMain(runSlackBench);
