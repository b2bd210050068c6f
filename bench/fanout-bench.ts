import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createSlackSender, SLACK_MIN_INTERVAL_MS } from '../adapters/slack/slack-sender';
import type { RolloutBot } from '../src/app';
import { createOutboxWorker } from '../src/comms/delivery';
import { DEFAULT_POLICY, type RetryPolicy } from '../src/comms/outbox-worker';
import { createCore } from '../src/compose';
import type { BotRequest } from '../src/core/request';
import type { AnnouncementView } from '../src/core/views';
import { FakeSlackApi } from '../test/adapters/slack/fake-slack-api';

/**
 * Fan-out of announcements to many Slack channels (issue #5): the real outbox worker and Slack
 * sender against a fake Web API on 127.0.0.1 that enforces Slack's pace of one message per second
 * per channel (429 + Retry-After) and counts every accepted message per channel and key.
 */

export interface FanoutScenario {
  name: string;
  /** Role channels the announcements go to. */
  channels: number;
  /** Announcements queued at once, each to every channel. */
  announcements: number;
  /** Milliseconds the fake takes to answer chat.postMessage (a real Web API call takes some). */
  latencyMs: number;
  /** Worker policy overrides (concurrency). */
  policy?: Partial<RetryPolicy>;
}

export interface FanoutRow extends FanoutScenario {
  concurrency: number;
  expected: number;
  delivered: number;
  /** Seconds from Send until every channel had its first message. */
  firstRoundS: number;
  /** Seconds from Send until the last message was accepted (or the bench gave up). */
  totalS: number;
  /** What the rate limit allows: the first round plus (N - 1) s. */
  boundS: number;
  lost: number;
  duplicated: number;
  rateLimited: number;
}

const TEAM = 'T0FANOUT1';
const LEAD = 'U0FANLEAD';
const LEAD_CHANNEL = 'C0FANLEAD';
/** Slack's pace per channel, as the fake enforces it. */
const SLACK_PACE_MS = 1000;

function request(text: string | undefined, extra: Partial<BotRequest> = {}): BotRequest {
  return { platform: 'slack', workspace: `slack:${TEAM}`, channel: `slack:${LEAD_CHANNEL}`, user: `slack:${LEAD}`, locale: 'en-US', ...(text !== undefined ? { text } : {}), ...extra };
}

const channelId = (i: number) => `C0FAN${String(i).padStart(4, '0')}`;

async function setUp(bot: RolloutBot, channels: number): Promise<void> {
  await bot.handle(request('init Fan-out'));
  for (let i = 0; i < channels; i++) {
    const r = await bot.handle(request(`channel staff <#${channelId(i)}|fan-${i}> fi`));
    if (r.views.some((v) => v.kind === 'error')) throw new Error(`mapping channel ${i} failed: ${JSON.stringify(r.views)}`);
  }
}

/** Previews N announcements, then presses Send on all of them at once; returns their keys. */
async function queue(bot: RolloutBot, n: number): Promise<{ keys: Set<string>; sentAt: number }> {
  const previews: AnnouncementView[] = [];
  for (let i = 0; i < n; i++) {
    const r = await bot.handle(request(`announce progress organisation=Kotikunta-${i + 1}`));
    const view = r.views.find((v): v is AnnouncementView => v.kind === 'announcement');
    if (!view?.canSend) throw new Error(`no announcement preview: ${JSON.stringify(r.views).slice(0, 300)}`);
    previews.push(view);
  }
  const sentAt = Date.now();
  for (const p of previews) {
    const r = await bot.handle(request(undefined, { action: { name: 'send', rolloutId: p.rolloutId, batch: p.batch } }));
    if (r.views.some((v) => v.kind === 'error')) throw new Error(`send failed: ${JSON.stringify(r.views)}`);
  }
  const keys = new Set<string>();
  for (const p of previews) for (const e of await bot.deps.outbox.batch(p.rolloutId, p.batch)) keys.add(e.idempotencyKey);
  return { keys, sentAt };
}

export async function runScenario(scenario: FanoutScenario): Promise<FanoutRow> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanout-bench-'));
  const fake = await new FakeSlackApi().start();
  fake.quiet = true;
  fake.perChannelIntervalMs = SLACK_PACE_MS;
  if (scenario.latencyMs > 0) fake.delays.set('chat.postMessage', scenario.latencyMs);
  const bot = createCore({ databaseUrl: path.join(dir, 'rollout.db'), defaultLocale: 'fi', logger: pino({ level: 'silent' }) });
  const sender = createSlackSender({ token: 'xoxb-fanout', apiUrl: fake.apiUrl });
  const worker = createOutboxWorker(bot.deps, [sender], scenario.policy);
  try {
    await setUp(bot, scenario.channels);
    bot.deps.onQueued = () => worker.wake();
    await worker.start();

    const expected = scenario.channels * scenario.announcements;
    let accepted = 0;
    let last = 0;
    const firsts = new Map<string, number>();
    fake.onMessage = (m) => {
      if (m.metadata?.event_payload?.kind !== 'announcement') return;
      accepted++;
      last = m.at;
      if (!firsts.has(m.channel)) firsts.set(m.channel, m.at);
    };
    const { keys, sentAt } = await queue(bot, scenario.announcements);
    // Bounded: three times what the rate limit needs, plus slack for a slow machine.
    const giveUp = sentAt + 3 * (scenario.announcements * SLACK_PACE_MS) + 30_000;
    await fake.until(() => accepted >= expected || Date.now() > giveUp, giveUp - Date.now() + 1000).catch(() => undefined);
    // Anything more (a duplicate) would show up shortly after.
    await new Promise((r) => setTimeout(r, 1500));

    const counts = fake.keyCounts();
    const firstRoundS = (Math.max(...firsts.values()) - sentAt) / 1000;
    return {
      ...scenario,
      concurrency: scenario.policy?.concurrency ?? DEFAULT_POLICY.concurrency,
      expected,
      delivered: [...keys].filter((k) => counts.has(k)).length,
      firstRoundS,
      totalS: (last - sentAt) / 1000,
      boundS: firstRoundS + ((scenario.announcements - 1) * SLACK_PACE_MS) / 1000,
      lost: [...keys].filter((k) => !counts.has(k)).length,
      duplicated: [...counts.values()].filter((c) => c > 1).reduce((sum, c) => sum + c - 1, 0),
      rateLimited: fake.rateLimited,
    };
  } finally {
    await worker.stop();
    await fake.close();
    await bot.deps.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const DEFAULT_SCENARIOS: FanoutScenario[] = [
  { name: 'worker defaults, API on loopback', channels: 100, announcements: 5, latencyMs: 0 },
  { name: 'worker defaults, API answers in 150 ms', channels: 100, announcements: 5, latencyMs: 150 },
  { name: 'policy override: concurrency 100, API answers in 150 ms', channels: 100, announcements: 5, latencyMs: 150, policy: { concurrency: 100 } },
];

export function fanoutTable(rows: FanoutRow[]): string {
  const f = (n: number) => n.toFixed(2);
  return [
    `Real outbox worker + Slack sender (pace ${SLACK_MIN_INTERVAL_MS} ms per channel) against a fake Web API that allows 1 message per second per channel (429 + Retry-After otherwise).`,
    '',
    '| scenario | channels × announcements | concurrency | API latency ms | first round s | total s | bound s | total / bound (target ≤ 1.2) | lost | duplicated | 429s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.channels} × ${r.announcements} | ${r.concurrency} | ${r.latencyMs} | ${f(r.firstRoundS)} | ${f(r.totalS)} | ${f(r.boundS)} | ${f(r.totalS / r.boundS)} | ${r.lost} | ${r.duplicated} | ${r.rateLimited} |`,
    ),
  ].join('\n');
}

/** Runs the scenarios one after another and returns their rows and a Markdown table. */
export async function runFanoutBench(scenarios: FanoutScenario[] = DEFAULT_SCENARIOS): Promise<{ rows: FanoutRow[]; markdown: string }> {
  const rows: FanoutRow[] = [];
  for (const scenario of scenarios) rows.push(await runScenario(scenario));
  return { rows, markdown: fanoutTable(rows) };
}

if (require.main === module) {
  runFanoutBench().then(
    (result) => process.stdout.write(`${result.markdown}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
