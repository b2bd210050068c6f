import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import type { RolloutBot } from '../src/app';
import { createCore } from '../src/compose';
import { isLeaf } from '../src/domain/task-status';
import type { ChangeMeta } from '../src/ports/rollout-store.port';
import { issueLink } from '../src/web-links/dashboard-links';
import { startServer } from '../adapters/http/server';

/**
 * The web dashboard (issue #12) on the real server: the overview and the audit trail of a
 * rollout with 5,000 audit events, and the portfolio of a workspace with 1,000 rollouts. Each
 * page is fetched one request at a time over loopback, so a request's time is the server's
 * time to read, build and render it plus the local round trip.
 */

export interface DashboardBenchOptions {
  /** Requests per page (after warm-up). */
  requests?: number;
  events?: number;
  rollouts?: number;
}

interface PageRow {
  page: string;
  target: number;
  p50: number;
  p99: number;
  /** CPU time of the process (server and client) per request, ms: steadier than wall time on a busy machine. */
  cpu: number;
  bytes: number;
}

const WORKSPACE = 'slack:T0DASHB01';
const LEAD = 'slack:U0DASHLEAD';
const PEOPLE = ['slack:U0DASHLEAD', 'slack:U0DASHIT01', 'slack:U0DASHCOM1', 'slack:U0DASHSTF1'];

const meta = (at: number, actor = LEAD): ChangeMeta => ({ actor, platform: 'slack', at: new Date(at).toISOString() });

/** A rollout whose leaf tasks are checked off and reopened over 60 days until it has `events` audit events. */
async function busyRollout(bot: RolloutBot, events: number, start: number): Promise<string> {
  const created = await bot.deps.store.createRollout({ workspace: WORKSPACE, name: 'Kotikunta', playbookId: 'luvat-ja-valvonta', phase: 'investigate', locale: 'fi', lead: LEAD, channel: 'slack:C0DASHB01' }, meta(start));
  if (!created.ok) throw new Error('could not create the rollout');
  const id = created.rollout.id;
  const leaves = bot.deps.playbooks.get('luvat-ja-valvonta')!.tasks.filter(isLeaf);
  const step = (60 * 86_400_000) / events;
  for (let i = 0; i < events - 3; i += 1) {
    const task = leaves[i % leaves.length];
    const status = Math.floor(i / leaves.length) % 2 === 0 ? 'done' : 'open';
    await bot.deps.store.transact(id, meta(start + i * step, PEOPLE[i % PEOPLE.length]), () => ({
      ok: true, changes: [{ type: 'task.set', task: task.key, record: status === 'done' ? { status, note: `note ${i}`, updatedBy: PEOPLE[i % PEOPLE.length], updatedAt: new Date(start + i * step).toISOString() } : { status } }], value: null,
    }));
  }
  return id;
}

/** `count` rollouts more in the same workspace, each with a few tasks done. */
async function manyRollouts(bot: RolloutBot, count: number, start: number): Promise<void> {
  const leaves = bot.deps.playbooks.get('luvat-ja-valvonta')!.tasks.filter(isLeaf);
  for (let n = 1; n < count; n += 1) {
    const created = await bot.deps.store.createRollout({ workspace: WORKSPACE, name: `Kunta ${n}`, playbookId: 'luvat-ja-valvonta', phase: 'investigate', locale: 'fi', lead: LEAD, channel: `slack:C0R${n}` }, meta(start));
    if (!created.ok) throw new Error('could not create a rollout');
    const done = leaves.slice(0, n % 12).map((t) => ({ type: 'task.set' as const, task: t.key, record: { status: 'done' as const } }));
    await bot.deps.store.transact(created.rollout.id, meta(start + 1000), () => ({ ok: true, changes: [...done, { type: 'rollout.setting', key: 'golive', value: '2027-03-01' }], value: null }));
  }
}

/** `before` runs ahead of each request, untimed (a change in chat, so that nothing read before is reused). */
async function measure(url: string, requests: number, before?: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number; cpu: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  let cpu = 0;
  for (let i = 0; i < requests + 20; i += 1) {
    await before?.(i);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const response = await fetch(url, { headers: { 'accept-language': 'fi' } });
    const body = await response.arrayBuffer();
    const ms = performance.now() - t0;
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    bytes = body.byteLength;
    const c = process.cpuUsage(c0);
    if (i < 20) continue; // the first requests warm up the JIT and the caches
    times.push(ms);
    cpu += (c.user + c.system) / 1000;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return { p50: at(0.5), p99: at(0.99), cpu: cpu / requests, bytes };
}

export async function runDashboardBench(options: DashboardBenchOptions = {}): Promise<{ rows: PageRow[]; markdown: string }> {
  const requests = options.requests ?? 300;
  const events = options.events ?? 5000;
  const rollouts = options.rollouts ?? 1000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-bench-'));
  const databaseUrl = path.join(dir, 'rollout.db');
  const logger = pino({ level: 'silent' });
  const bot = createCore({ databaseUrl, defaultLocale: 'fi', logger, publicUrl: 'http://127.0.0.1' });
  const server = await startServer(bot, { port: 0, databaseUrl, defaultLocale: 'fi', production: false, logLevel: 'silent' }, logger);
  try {
    const start = Date.now() - 61 * 86_400_000;
    const id = await busyRollout(bot, events, start);
    const audit = await bot.deps.store.auditEvents(id, { limit: 0 });
    await manyRollouts(bot, rollouts, start);
    const base = `http://127.0.0.1:${server.port}/dashboard`;
    const rolloutLink = `${base}/${await issueLink(bot.deps, 'rollout', id)}`;
    const portfolioLink = `${base}/${await issueLink(bot.deps, 'portfolio', WORKSPACE)}`;
    const pages: Array<[string, string, number]> = [
      [`overview (${audit.total} audit events)`, `${rolloutLink}/`, 50],
      ['audit trail, first page', `${rolloutLink}/audit`, 50],
      ['audit trail, filtered by phase and person', `${rolloutLink}/audit?phase=deploy&person=${encodeURIComponent(PEOPLE[1])}&page=2`, 50],
      ['go-live checklist', `${rolloutLink}/phase/deploy`, 50],
      [`portfolio (${(await bot.deps.store.listRollouts(WORKSPACE)).length} rollouts)`, `${portfolioLink}/`, 200],
    ];
    const rows: PageRow[] = [];
    for (const [page, url, target] of pages) rows.push({ page, target, ...(await measure(url, page.startsWith('portfolio') ? Math.ceil(requests / 5) : requests)) });
    // The same pages right after a change in chat: the store reads everything again.
    const change = (i: number) => bot.deps.store.transact(id, meta(Date.now(), LEAD), () => ({
      ok: true, changes: [{ type: 'task.set', task: 'deploy-staff', record: { status: i % 2 === 0 ? 'done' : 'open' } }], value: null,
    }));
    rows.splice(1, 0, { page: 'overview, right after a change in chat', target: 50, ...(await measure(`${rolloutLink}/`, requests, change)) });
    rows.splice(3, 0, { page: 'audit trail, right after a change in chat', target: 50, ...(await measure(`${rolloutLink}/audit`, requests, change)) });
    const markdown = [
      '| page | p50 ms | p99 ms | target p99 | CPU ms / request | response KB |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows.map((r) => `| ${r.page} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | < ${r.target} ms ${r.p99 < r.target ? '✓' : '✗'} | ${r.cpu.toFixed(1)} | ${(r.bytes / 1024).toFixed(1)} |`),
    ].join('\n');
    return { rows, markdown };
  } finally {
    await server.close();
    await bot.deps.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runDashboardBench({ requests: Number(process.env.BENCH_REQUESTS ?? 300) }).then(
    ({ markdown }) => process.stdout.write(`${markdown}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
