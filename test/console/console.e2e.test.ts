import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/adapters/main.js');

let dir: string;
beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does it)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-console-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the real bot process with piped input, as `printf ... | npm start` would. */
function runConsole(lines: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [MAIN], {
    cwd: dir,
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    timeout: 15000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const INVESTIGATE_LEAVES = ['2.1', '2.2', '4.1', '4.2', '4.3', '4.4', '5'];

describe('console, driven through a whole phase', () => {
  it('works in Finnish and keeps the state over a restart', () => {
    const env = { DATABASE_URL: path.join(dir, 'fi.db'), LANG: 'fi_FI.UTF-8' };
    const first = runConsole(
      [
        'aloita Kotikunta',
        'seuraava',
        'valmis 1 -- rajaus sovittu',
        'ohita 3 ei valinnaisia ominaisuuksia',
        'vaihe',
        'vaihe seuraava',
        ...INVESTIGATE_LEAVES.map((ref) => `valmis ${ref}`),
        'mitä seuraavaksi?',
        'vaihe seuraava',
        'vaihe seuraava ohitus hallitus päätti jatkaa',
      ],
      env,
    );
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('Käyttöönotto "Kotikunta" aloitettu');
    expect(first.out).toContain('Seuraavat askeleet: Selvitä\n[ ] 1 Tarjottavien asiointien rajaaminen');
    expect(first.out).toContain('✅ 1 Tarjottavien asiointien rajaaminen on valmis. 1/9 valmiina (11 %)');
    expect(first.out).toContain('➖ 3 Valinnaisten ominaisuuksien valinta merkittiin: ei koske meitä. 1/8 valmiina (12 %)');
    expect(first.out).toContain('Vaiheportti: Selvitä → Päätä\nNämä pakolliset tehtävät ovat vielä auki:');
    expect(first.out).toMatch(/Vaihetta ei voi vielä vaihtaa: 7 pakollista tehtävää on auki \(2\.1, 2\.2, 4\.1, 4\.2, 4\.3, 4\.4, 5\)/);
    expect(first.out).toContain('Vaihe Selvitä on valmis. Vetäjä voi siirtyä eteenpäin: vaihe seuraava.');
    expect(first.out).toContain('➡️ Vaihe Selvitä on päättynyt. Nyt alkaa vaihe Päätä.');
    expect(first.out).toMatch(/Siirryttiin vaiheesta Päätä vaiheeseen Suunnittele, vaikka \d+ tehtävää on auki\. Perustelu: hallitus päätti jatkaa/);

    const second = runConsole(['tila', 'loki 2'], env);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/ {2}1\. Selvitä +\[██████████\] 8\/8 valmiina \(100 %\)/);
    expect(second.out).toMatch(/▶ 3\. Suunnittele/);
    expect(second.out).toContain('vaihe Päätä → Suunnittele keskeneräisenä (hallitus päätti jatkaa)');
    expect(second.out).toContain('vaihe Selvitä → Päätä');
  });

  it('works in Swedish', () => {
    const env = { DATABASE_URL: path.join(dir, 'sv.db'), LANG: 'sv_SE.UTF-8' };
    const run = runConsole(
      [
        'starta Kommunen',
        'vad är nästa steg?',
        'klar 1',
        'hoppa 3 inga valfria funktioner',
        'fas',
        ...INVESTIGATE_LEAVES.map((ref) => `klar ${ref}`),
        'fas nästa',
        'fas nästa åsidosätt styrelsen beslöt',
      ],
      env,
    );
    expect(run.code).toBe(0);
    expect(run.out).toContain('Införandet "Kommunen" har startats');
    expect(run.out).toContain('Nästa steg: Utred\n[ ] 1 ');
    expect(run.out).toContain('➖ 3 ');
    expect(run.out).toContain('Fasgrind: Utred → Besluta');
    expect(run.out).toContain('➡️ Fasen Utred är avslutad. Nu börjar fasen Besluta.');
    expect(run.out).toMatch(/Gick vidare från fasen Besluta till Planera trots att \d+ uppgifter är öppna\. Motivering: styrelsen beslöt/);

    const after = runConsole(['läge'], env);
    expect(after.out).toMatch(/▶ 3\. Planera/);
  });

  it('answers unknown commands and hostile input without changing anything', () => {
    const env = { DATABASE_URL: path.join(dir, 'bad.db'), LANG: 'en_US.UTF-8' };
    const run = runConsole(['init Demo', 'frobnicate', `done 1 ${'x'.repeat(2100)}`, "done 1'; DROP TABLE tasks;--", 'status'], env);
    expect(run.code).toBe(0);
    expect(run.out).toContain('I don\'t know the command "frobnicate".\n  Type "help" to see the commands.');
    expect(run.out).toContain('The message is too long (at most 2000 characters).');
    expect(run.out).toContain('There is no task "1\';".');
    expect(run.out).toContain('[ ] 1 Scope the transactions to offer');
  });

  it('stops with a clear message when the database path cannot be written', () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, '');
    const run = runConsole(['status'], { DATABASE_URL: path.join(blocker, 'sub', 'x.db') });
    expect(run.code).toBe(1);
    expect(run.err).toContain(`Cannot open the database at ${path.join(blocker, 'sub', 'x.db')}`);
    expect(run.err).toContain('Set DATABASE_URL to a writable file path.');
  });
});
