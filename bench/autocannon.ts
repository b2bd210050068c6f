import { createRequire } from 'node:module';

/** The part of autocannon's API the benchmarks use (it ships no types). */
export interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

export type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

export const autocannon = createRequire(__filename)('autocannon') as Autocannon;
