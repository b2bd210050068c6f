import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../src/compose';
import type { BotRequest } from '../src/core/request';
import { DEFAULT_READ_CACHE_ENTRIES } from '../src/store/read-cache';
import { SqliteRolloutStore } from '../src/store/sqlite-rollout-store';
import { benchMain, median } from './bench-process';

/**
 * Cost per request and memory of the core as the database grows: 1, 1,000 and 10,000 rollouts
 * of the shipped playbook in one SQLite file, each bound to its own channel. Requests go through
 * the core (`bot.handle`) to rollouts picked at random among all of them, so every rollout is
 * read sooner or later: the worst case for the read cache, which must stay bounded. Each size
 * runs in its own process, so that RSS is that size's alone.
 */

const COMMANDS = ['next', 'status', 'done/undo'] as const;
type Command = (typeof COMMANDS)[number];

interface SizeResult {
  rollouts: number;
  /** The read cache's bound; undefined: the default. */
  cacheEntries?: number;
  /** Median µs per request of each command: wall time, and CPU time of the process. */
  micros: Record<Command, { wall: number; cpu: number }>;
  /** RSS after every command ran over the rollouts, MB. */
  rssMb: number;
  heapMb: number;
}

const request = (i: number, text: string, id?: string): BotRequest => ({
  platform: 'slack', workspace: 'slack:TBENCH', channel: `slack:C${i}`, user: 'slack:ULEAD', locale: 'en', text, ...(id ? { requestId: id } : {}),
});

/** Child side: builds the database, runs the requests and reports. */
async function measureSize(rollouts: number, requests: number, cacheEntries?: number): Promise<SizeResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-bench-'));
  try {
    const bot = createCore({ databaseUrl: path.join(dir, 'rollout.db'), defaultLocale: 'en', readCacheEntries: cacheEntries });
    const store = bot.deps.store;
    // Building 10,000 rollouts with a sync per commit would take minutes and measure the disk;
    // the requests below run with SQLite's default FULL again.
    if (store instanceof SqliteRolloutStore) store.database.pragma('synchronous = OFF');
    for (let i = 0; i < rollouts; i++) {
      const res = await bot.handle(request(i, `init Rollout ${i}`));
      if (!res.views.length) throw new Error('init answered nothing');
    }
    if (store instanceof SqliteRolloutStore) store.database.pragma('synchronous = FULL');
    let seq = 0;
    const pick = () => Math.floor(Math.random() * rollouts);
    const run = async (command: Command): Promise<{ wall: number; cpu: number }> => {
      const started = process.hrtime.bigint();
      const cpuBefore = process.cpuUsage();
      for (let n = 0; n < requests; n++) {
        const i = pick();
        if (command === 'done/undo') {
          await bot.handle(request(i, 'done 1', `d${++seq}`));
          await bot.handle(request(i, 'undo 1', `u${++seq}`));
        } else {
          await bot.handle(request(i, command));
        }
      }
      const calls = command === 'done/undo' ? requests * 2 : requests;
      const cpu = process.cpuUsage(cpuBefore);
      return { wall: Number(process.hrtime.bigint() - started) / 1000 / calls, cpu: (cpu.user + cpu.system) / calls };
    };
    const micros = {} as SizeResult['micros'];
    let rss = 0;
    let heap = 0;
    for (const command of COMMANDS) {
      await run(command); // warm-up
      const runs = [await run(command), await run(command), await run(command)];
      micros[command] = { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
      // After reads the cache is as full as it gets (a write starts it over): the peak is here.
      global.gc?.();
      const memory = process.memoryUsage();
      rss = Math.max(rss, memory.rss);
      heap = Math.max(heap, memory.heapUsed);
    }
    await store.close();
    return { rollouts, cacheEntries, micros, rssMb: rss / 2 ** 20, heapMb: heap / 2 ** 20 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function inChild(rollouts: number, requests: number, cacheEntries?: number): Promise<SizeResult> {
  const child = fork(__filename, ['--child', String(rollouts), String(requests), String(cacheEntries ?? '')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--expose-gc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as SizeResult));
    child.once('exit', (code) => (code ? reject(new Error(`scale bench child for ${rollouts} exited with ${code}`)) : undefined));
  });
}

/**
 * The sizes measured, with the default bound; the last row keeps 100,000 entries, as good as
 * unbounded here, to show what the bound saves.
 */
const CASES: Array<{ rollouts: number; cacheEntries?: number }> = [{ rollouts: 1 }, { rollouts: 1000 }, { rollouts: 10_000 }, { rollouts: 10_000, cacheEntries: 100_000 }];

export async function runScaleBench(options: { requests?: number } = {}): Promise<{ markdown: string; results: SizeResult[] }> {
  const requests = options.requests ?? 2000;
  const results: SizeResult[] = [];
  for (const c of CASES) results.push(await inChild(c.rollouts, requests, c.cacheEntries));
  const f = (n: number) => n.toFixed(0);
  const us = (m: { wall: number; cpu: number }) => `${f(m.wall)} (${f(m.cpu)})`;
  const rows = results.map((r) => `| ${r.rollouts.toLocaleString('en')} | ${r.cacheEntries?.toLocaleString('en') ?? `${DEFAULT_READ_CACHE_ENTRIES.toLocaleString('en')} (default)`} | ${us(r.micros.next)} | ${us(r.micros.status)} | ${us(r.micros['done/undo'])} | ${f(r.rssMb)} | ${f(r.heapMb)} |`);
  const markdown = [
    `Each command ${requests} times (done/undo: ${requests} pairs) to rollouts picked at random; medians of 3 runs; µs per request as wall time (CPU time of the process).`,
    '',
    '| rollouts | read cache entries | `next` µs | `status` µs | `done`/`undo` µs | peak RSS MB (target < 150) | peak heap MB |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
  return { markdown, results };
}

if (process.argv[2] === '--child') {
  measureSize(Number(process.argv[3]), Number(process.argv[4]), process.argv[5] ? Number(process.argv[5]) : undefined).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
} else if (require.main === module) {
  benchMain(() => runScaleBench());
}
