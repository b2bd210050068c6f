import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../../src/ports/store-unavailable';
import { WRITE_BUSY_TIMEOUT_MS, WriteGate } from '../../src/store/write-gate';

/**
 * The write gate against a real second connection on the same file: a held write lock is
 * waited out on a timer (the event loop keeps running), a lock held past the deadline and a
 * full database fail as StoreUnavailableError, and health tells both without waiting.
 */
describe('write gate', () => {
  let dir: string;
  let mine: Database.Database;
  let other: Database.Database;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'write-gate-'));
    const file = path.join(dir, 'db.sqlite');
    mine = new Database(file);
    mine.pragma('journal_mode = WAL');
    mine.exec('CREATE TABLE t (x)');
    mine.pragma(`busy_timeout = ${WRITE_BUSY_TIMEOUT_MS}`);
    other = new Database(file);
  });
  afterEach(() => {
    mine.close();
    other.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Counts 10 ms timer ticks while `work` runs: a blocked event loop gets none. */
  async function ticksDuring<T>(work: Promise<T>): Promise<{ ticks: number; result: PromiseSettledResult<T> }> {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const [result] = await Promise.allSettled([work]);
    clearInterval(timer);
    return { ticks, result };
  }

  it('waits out another connection\'s write lock without blocking the event loop, then writes', async () => {
    const gate = new WriteGate(mine, { deadlineMs: 5000, firstPauseMs: 10, maxPauseMs: 50, probeIntervalMs: 0 });
    other.exec('BEGIN IMMEDIATE');
    expect(gate.health()).toMatchObject({ writable: false });
    setTimeout(() => other.exec('COMMIT'), 600);
    const { ticks, result } = await ticksDuring(gate.run(() => mine.prepare('INSERT INTO t VALUES (1)').run()));
    expect(result.status).toBe('fulfilled');
    expect(ticks).toBeGreaterThan(20);
    expect(gate.health()).toEqual({ writable: true });
  });

  it('fails a write held up past its deadline as StoreUnavailableError, changing nothing', async () => {
    const gate = new WriteGate(mine, { deadlineMs: 300, firstPauseMs: 10, maxPauseMs: 50, probeIntervalMs: 0 });
    other.exec('BEGIN IMMEDIATE');
    const { ticks, result } = await ticksDuring(gate.run(() => mine.prepare('INSERT INTO t VALUES (1)').run()));
    expect(result.status).toBe('rejected');
    const err = (result as PromiseRejectedResult).reason as StoreUnavailableError;
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect(err.reason).toBe('locked');
    expect(ticks).toBeGreaterThan(10);
    other.exec('COMMIT');
    expect(mine.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    // The lock is gone: healthy again without another write.
    expect(gate.health()).toEqual({ writable: true });
  });

  it('reports a full database as unwritable until a write goes through again', async () => {
    const gate = new WriteGate(mine, { deadlineMs: 300, firstPauseMs: 10, maxPauseMs: 50, probeIntervalMs: 0 });
    const pages = Number(mine.pragma('page_count', { simple: true }));
    mine.pragma(`wal_checkpoint(TRUNCATE)`);
    mine.pragma(`max_page_count = ${pages}`);
    const fill = () => mine.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000));
    await expect(gate.run(fill)).rejects.toMatchObject({ name: 'StoreUnavailableError', reason: 'unwritable' });
    expect(gate.health()).toMatchObject({ writable: false, reason: expect.stringContaining('SQLITE_FULL') });
    mine.pragma('max_page_count = 1000000');
    expect(gate.health()).toEqual({ writable: true });
    await expect(gate.run(fill)).resolves.toMatchObject({ changes: 1 });
  });
});
