import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AutocannonResult } from './autocannon';

/**
 * The process plumbing the load benchmarks share. Each server under load runs in its own
 * process, so that the load generator does not steal its CPU: the parent forks it, learns its
 * port over IPC, asks it for its CPU time around a run and stops it.
 */

export interface BenchServer {
  port: number;
  stop(): Promise<void>;
}

/** Child side: tells the parent the port, answers `cpu` with its CPU time and exits on `stop`. */
export function serveToParent(started: BenchServer): void {
  process.on('message', (message) => {
    if (message === 'stop') void started.stop().then(() => process.exit(0));
    // CPU time is what the comparison rests on when other work shares the machine.
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  process.send?.({ port: started.port });
}

/** Parent side: forks `script` (a sibling of this file) and waits for its port. */
export function startChild(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.join(__dirname, script), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, port: (m as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`${script} ${args[0] ?? ''} exited with ${code}`)));
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send('stop');
  await exited;
}

/** The child's CPU time (user + system) so far, ms. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      const cpu = (m as { cpu?: { user: number; system: number } }).cpu;
      if (!cpu) return;
      child.off('message', onMessage);
      resolve((cpu.user + cpu.system) / 1000);
    };
    child.on('message', onMessage);
    child.send('cpu');
  });
}

/** Busy CPU time of the whole machine so far, ms (Linux); undefined elsewhere. */
function machineBusyMs(): number | undefined {
  try {
    const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    const hz = 100; // USER_HZ
    return ((user + nice + system + irq + softirq + steal) * 1000) / hz;
  } catch {
    return undefined;
  }
}

/** This process's CPU time so far, ms. */
function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const pct = (ratio: number): string => `${Math.round(ratio * 100)}%`;

/** What every load benchmark reports for one run of one app. */
export interface LoadStats {
  requestsPerSec: number;
  p50: number;
  p99: number;
  failed: number;
  /** Server process CPU time (user + system) per request, ms: steadier than requests/s on a shared machine. */
  cpuPerRequest: number;
  /**
   * CPU used by other processes during the run, as a share of the machine (from /proc/stat, minus
   * this benchmark's own processes): anything but a few % means the numbers are disturbed.
   */
  otherLoad?: number;
}

/** Runs `load` against the forked server and measures it, its CPU time and the machine's other load. */
export async function measureLoad(child: ChildProcess, durationS: number, load: () => Promise<AutocannonResult>): Promise<{ result: AutocannonResult; stats: LoadStats }> {
  const cpuBefore = await cpuOf(child);
  const machineBefore = machineBusyMs();
  const ownBefore = ownCpuMs();
  const result = await load();
  const cpu = (await cpuOf(child)) - cpuBefore;
  const machine = machineBusyMs();
  const other = machine !== undefined && machineBefore !== undefined ? machine - machineBefore - cpu - (ownCpuMs() - ownBefore) : undefined;
  const stats: LoadStats = {
    requestsPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.errors + result.timeouts + result.non2xx,
    cpuPerRequest: cpu / Math.max(1, result.requests.total),
    ...(other !== undefined ? { otherLoad: Math.max(0, other) / (durationS * 1000 * os.cpus().length) } : {}),
  };
  return { result, stats };
}

/** Several runs of one app as one: medians, failures summed, the highest other load. */
export function medianStats(runs: LoadStats[]): LoadStats {
  const of = (pick: (r: LoadStats) => number) => median(runs.map(pick));
  const loads = runs.map((r) => r.otherLoad).filter((l) => l !== undefined);
  return {
    requestsPerSec: of((r) => r.requestsPerSec),
    p50: of((r) => r.p50),
    p99: of((r) => r.p99),
    cpuPerRequest: of((r) => r.cpuPerRequest),
    failed: runs.reduce((n, r) => n + r.failed, 0),
    ...(loads.length ? { otherLoad: Math.max(...loads) } : {}),
  };
}

/** Throughput of `app` over `base`, the same by CPU time per request, and p99 over base p99. */
export function versus(app: LoadStats, base: LoadStats): { throughput: number; cpu: number; p99: number } {
  return {
    throughput: app.requestsPerSec / base.requestsPerSec,
    cpu: base.cpuPerRequest / app.cpuPerRequest,
    p99: app.p99 / Math.max(1, base.p99),
  };
}

/** `repeats` rounds of one run per mode, interleaved, so that a slow moment of the machine hits every app alike. */
export async function interleaved<M extends string, R>(modes: readonly M[], repeats: number, measure: (mode: M) => Promise<R>): Promise<Record<M, R[]>> {
  const runs = Object.fromEntries(modes.map((m) => [m, [] as R[]])) as Record<M, R[]>;
  for (let i = 0; i < repeats; i++) {
    for (const mode of modes) runs[mode].push(await measure(mode));
  }
  return runs;
}

/** Command-line entry of a benchmark: `BENCH_DURATION` seconds per run (default 10), `BENCH_REPEATS` runs per row (default 1). */
export function benchMain(run: (options: { duration: number; repeats: number }) => Promise<{ markdown: string }>): void {
  const duration = Number(process.env.BENCH_DURATION ?? 10);
  const repeats = Number(process.env.BENCH_REPEATS ?? 1);
  run({ duration, repeats }).then(
    (result) => process.stdout.write(`${result.markdown}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
