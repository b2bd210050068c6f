import { autocannon, type AutocannonResult } from './autocannon';
import { benchMain, interleaved, measureLoad, medianStats, pct, startChild, stopChild, versus, type LoadStats } from './bench-process';
import { FakeBotConnector } from '../test/adapters/teams/support/fake-bot-connector';
import { LEENA, channelMessage } from '../test/adapters/teams/support/activities';


export interface TeamsBenchOptions {
  /** Seconds per measured run. */
  duration?: number;
  connections?: number;
  /** Runs per app and scenario, interleaved; the table shows their medians. */
  repeats?: number;
}

type Mode = 'bare' | 'bare-card' | 'bare-card-direct' | 'ours';
const MODES: readonly Mode[] = ['bare', 'bare-card', 'bare-card-direct', 'ours'];

const APP_NAMES: Record<Mode, string> = {
  bare: 'bare Agents SDK, constant text reply',
  'bare-card': 'bare Agents SDK, constant card reply (size of `next`)',
  'bare-card-direct': 'bare Agents SDK, the same card sent as the adapter sends replies',
  ours: 'rollout bot',
};

export interface TeamsBenchRow extends LoadStats {
  app: string;
  scenario: string;
  /** Replies that reached the fake Bot Connector, per request. */
  replied: number;
  /** TCP connections the server opened to the fake Bot Connector during the run (keep-alive: about one per concurrent reply). */
  connectorConnections: number;
}

export interface TeamsBenchResult {
  rows: TeamsBenchRow[];
  markdown: string;
  /**
   * Per scenario: throughput of the bot over the bare SDK bot (text reply, the target's baseline),
   * the same by CPU time per request, p99 over bare p99, and throughput over the bare bot that
   * replies with a card as big as ours (what is left is the adapter's and the core's own work).
   */
  ratios: Array<{
    scenario: string; throughput: number; cpu: number; p99: number; throughputVsCard: number; cpuVsCard: number;
    /** Against the bare bot that sends the same card the same way: what the core, rendering and translation cost. */
    throughputVsDirect: number; cpuVsDirect: number;
  }>;
}

interface Scenario {
  name: string;
  /** Command text of the n-th request. */
  text(n: number): string;
}

/** Reading (`next`) and writing: `done 1` and `undo 1` in turn, so that every request changes the rollout. */
const SCENARIOS: Scenario[] = [
  { name: '@Rollout next', text: () => 'next' },
  { name: '@Rollout done 1 / undo 1', text: (n) => (n % 2 === 0 ? 'done 1 checked' : 'undo 1') },
];

function startTeamsChild(mode: Mode) {
  // Without credentials the SDK serves anonymous requests only outside production.
  return startChild('teams-bench-server.js', [mode], { ...process.env, NODE_ENV: 'development' });
}

/** A channel message in Teams' real shape for every request, each with its own activity id. */
function activities(scenario: Scenario, serviceUrl: string) {
  let n = 0;
  return (req: Record<string, unknown>) => {
    n += 1;
    const activity = channelMessage(LEENA, scenario.text(n), { serviceUrl, locale: 'en-US', id: `${process.hrtime.bigint()}${n}` });
    return { ...req, method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) };
  };
}

async function load(port: number, scenario: Scenario, connector: FakeBotConnector, duration: number, connections: number): Promise<AutocannonResult> {
  return autocannon({ url: `http://127.0.0.1:${port}`, connections, duration, requests: [{ setupRequest: activities(scenario, connector.url) }] });
}

async function measure(mode: Mode, scenario: Scenario, connector: FakeBotConnector, opts: Required<TeamsBenchOptions>): Promise<TeamsBenchRow> {
  const { child, port } = await startTeamsChild(mode);
  try {
    await load(port, scenario, connector, 1, opts.connections); // warm-up: JIT, caches, SQLite pages
    await new Promise((r) => setTimeout(r, 500));
    const before = connector.replies;
    const connectionsBefore = connector.connections;
    const { result, stats } = await measureLoad(child, opts.duration, () => load(port, scenario, connector, opts.duration, opts.connections));
    return {
      app: APP_NAMES[mode],
      scenario: scenario.name,
      ...stats,
      replied: (connector.replies - before) / Math.max(1, result.requests.total),
      connectorConnections: connector.connections - connectionsBefore,
    };
  } finally {
    await stopChild(child);
  }
}

/** One row for several runs of the same app and scenario. */
function medianRow(runs: TeamsBenchRow[]): TeamsBenchRow {
  return {
    ...runs[0],
    ...medianStats(runs),
    replied: Math.min(...runs.map((r) => r.replied)),
    connectorConnections: Math.max(...runs.map((r) => r.connectorConnections)),
  };
}

function table(rows: TeamsBenchRow[], ratios: TeamsBenchResult['ratios'], opts: Required<TeamsBenchOptions>): string {
  return [
    `Teams channel messages (\`<at>Rollout</at> ...\`) POSTed to /api/messages on 127.0.0.1, ${opts.connections} connections, ${opts.duration} s per run,`,
    'each server in its own process; every request waits for the bot\'s reply to reach the fake Bot Connector, as in Teams.',
    ...(opts.repeats > 1 ? [`${opts.repeats} runs per row, interleaved; medians (failed: sum; other load: the highest).`] : []),
    '',
    '| app | scenario | requests/s | p50 ms | p99 ms | server CPU ms/request | failed | replied | new connections to the connector | other processes\' load |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) =>
      `| ${r.app} | \`${r.scenario}\` | ${Math.round(r.requestsPerSec)} | ${r.p50} | ${r.p99} | ${r.cpuPerRequest.toFixed(2)} | ${r.failed} | ${Math.round(r.replied * 100)}% | ${r.connectorConnections} | ${r.otherLoad === undefined ? '?' : pct(r.otherLoad)} |`,
    ),
    '',
    '| scenario | throughput vs bare text bot (target >= 80%) | same, by CPU time per request | p99 vs bare | throughput vs bare card bot | same, by CPU time | throughput vs bare bot sending the card as we do | same, by CPU time |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...ratios.map((r) =>
      `| \`${r.scenario}\` | ${pct(r.throughput)} | ${pct(r.cpu)} | ${r.p99.toFixed(2)}x | ${pct(r.throughputVsCard)} | ${pct(r.cpuVsCard)} | ${pct(r.throughputVsDirect)} | ${pct(r.cpuVsDirect)} |`,
    ),
  ].join('\n');
}

/** Runs three bare Agents SDK bots and the rollout bot under the same Teams load and compares them. */
export async function runTeamsBench(options: TeamsBenchOptions = {}): Promise<TeamsBenchResult> {
  const opts = { duration: options.duration ?? 10, connections: options.connections ?? 10, repeats: Math.max(1, options.repeats ?? 1) };
  const connector = await new FakeBotConnector().start();
  connector.recording = false;
  const rows: TeamsBenchRow[] = [];
  const ratios: TeamsBenchResult['ratios'] = [];
  try {
    for (const scenario of SCENARIOS) {
      const runs = await interleaved(MODES, opts.repeats, (mode) => measure(mode, scenario, connector, opts));
      const [bare, bareCard, bareDirect, ours] = MODES.map((mode) => medianRow(runs[mode]));
      rows.push(bare, bareCard, bareDirect, ours);
      const vsCard = versus(ours, bareCard);
      const vsDirect = versus(ours, bareDirect);
      ratios.push({
        scenario: scenario.name,
        ...versus(ours, bare),
        throughputVsCard: vsCard.throughput,
        cpuVsCard: vsCard.cpu,
        throughputVsDirect: vsDirect.throughput,
        cpuVsDirect: vsDirect.cpu,
      });
    }
  } finally {
    await connector.stop();
  }
  return { rows, ratios, markdown: table(rows, ratios, opts) };
}

if (require.main === module) benchMain(runTeamsBench);
