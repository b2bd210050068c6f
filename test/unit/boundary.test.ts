import fs from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '../../src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('the core stays platform-neutral', () => {
  it('src/ imports no platform SDK, no web framework and nothing from adapters/', () => {
    const forbidden = /(?:from\s+|require\(|import\()\s*['"](@slack\/[^'"]*|@microsoft\/[^'"]*|express|botbuilder[^'"]*|(?:\.\.\/)+adapters\/[^'"]*)['"]/g;
    const offenders = sources(SRC).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(forbidden)].map((m) => `${path.relative(SRC, file)}: ${m[1]}`),
    );
    expect(sources(SRC).length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});
