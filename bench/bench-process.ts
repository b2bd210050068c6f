import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

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
export function cpuOf(child: ChildProcess): Promise<number> {
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
export function machineBusyMs(): number | undefined {
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
export function ownCpuMs(): number {
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
