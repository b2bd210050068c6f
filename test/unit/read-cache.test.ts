import Database from 'better-sqlite3';
import { ReadCache } from '../../src/store/read-cache';

describe('read cache bound', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
  });
  afterEach(() => db.close());

  /** Reads `key` through the cache and says whether it had to read it from the database. */
  function reader(cache: ReadCache) {
    const reads: string[] = [];
    return {
      reads,
      get: (key: string) => cache.get(key, () => {
        reads.push(key);
        return { key };
      }),
    };
  }

  it('keeps the most recently used results and drops the least recently used one past the bound', () => {
    const cache = new ReadCache(db, 2);
    const r = reader(cache);
    r.get('a');
    r.get('b');
    r.get('a'); // a is now the most recently used
    r.get('c'); // drops b, not a
    r.get('a');
    r.get('b');
    expect(r.reads).toEqual(['a', 'b', 'c', 'b']);
    expect(cache.size).toBe(2);
  });

  it('never holds more than its bound, however many keys are read', () => {
    const cache = new ReadCache(db, 100);
    const r = reader(cache);
    for (let i = 0; i < 1000; i++) r.get(`k${i}`);
    expect(cache.size).toBe(100);
    r.get('k999');
    expect(r.reads).toHaveLength(1000);
  });

  it('keeps a cached undefined as a result, so a missing row is not asked again', () => {
    const cache = new ReadCache(db, 10);
    let reads = 0;
    const missing = () => cache.get('none', () => {
      reads++;
      return undefined;
    });
    expect(missing()).toBeUndefined();
    expect(missing()).toBeUndefined();
    expect(reads).toBe(1);
  });

  it('with a bound of 0 keeps nothing and reads every time', () => {
    const cache = new ReadCache(db, 0);
    const r = reader(cache);
    r.get('a');
    r.get('a');
    expect(r.reads).toEqual(['a', 'a']);
    expect(cache.size).toBe(0);
  });
});
