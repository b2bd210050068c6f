import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MAIN = path.join(__dirname, '../../dist/adapters/main.js');

describe('console: my data', () => {
  let dir: string;
  beforeAll(() => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does it)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-console-data-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('saves the export in the working directory, readable by the user alone, and prints where', () => {
    const result = spawnSync(process.execPath, [MAIN], {
      cwd: dir,
      input: 'aloita Kotikunta\nvalmis 1 -- rajaus sovittu\nomat tiedot\n',
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: path.join(dir, 'fi.db'), LANG: 'fi_FI.UTF-8' },
      timeout: 15000,
    });
    expect(result.stderr).toBe('');
    const files = fs.readdirSync(dir).filter((f) => f.startsWith('rollout-my-data-'));
    expect(files).toHaveLength(1);
    const file = path.join(dir, files[0]);
    expect(result.stdout).toContain(`Tallennettu tiedostoon ${file}`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(data.about).toMatch(/^Tässä tiedostossa on kaikki/);
    expect(data.roles).toEqual([expect.objectContaining({ rollout: 'Kotikunta', role: 'lead' })]);
    expect(data.tasks).toEqual([expect.objectContaining({ task: 'investigate-scope', note: 'rajaus sovittu', changedByThem: true })]);
    expect(data.rolloutsCreated).toHaveLength(1);
  });
});
