// The shared server also loads the Teams adapter, whose jwks-rsa requires `jose`, an ES module
// jest cannot require on Node 20 (plain Node can). Teams is not configured in these tests.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline')) }));

import path from 'node:path';
import Database from 'better-sqlite3';
import { ANNA, SlackHarness, visibleText } from './slack-harness';

const BERTIL = 'U0BERT0002';
const ADMIN = 'U0ADMIN003';

/** Every value of every row of every table of the bot's database file, as text. */
function everyText(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    return tables.flatMap(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all().flatMap((row) => Object.values(row as object).map((v) => `${name}: ${String(v)}`)));
  } finally {
    db.close();
  }
}

describe('Slack: my data and forget, over real HTTP', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await SlackHarness.start({}, (fake) => {
      fake.users.set(BERTIL, { name: 'Bertil Berg', locale: 'sv-SE' });
      fake.users.set(ADMIN, { name: 'Ada Admin', admin: true });
    });
    await h.ask('init Kunta Esimerkki');
    await h.ask(`role add it <@${BERTIL}|bertil>`);
    await h.ask('done 2.1 -- compared the options', { user: BERTIL });
  });
  afterAll(async () => {
    await h.close();
  });

  it('/rollout mina uppgifter uploads the export into the asker\'s DM and answers privately where they asked', async () => {
    h.fake.reset();
    const answer = await h.ask('mina uppgifter', { user: BERTIL });
    expect(answer.response_type).toBe('ephemeral');
    expect(visibleText(answer)).toContain('Jag skickade filen till våra direktmeddelanden.');

    const files = [...h.fake.files.values()];
    expect(files).toHaveLength(1);
    const [file] = files;
    // Shared into the DM that conversations.open gave for Bertil, never into the channel.
    expect(h.fake.of('conversations.open')[0].body.users).toBe(BERTIL);
    expect(file).toMatchObject({ completed: true, channel: 'D0BERT0002', title: 'Allt som införandeboten har sparat om dig' });
    expect(file.filename).toMatch(/^rollout-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(file.content!);
    expect(data.about).toMatch(/^Den här filen innehåller allt/);
    expect(data.person).toMatchObject({ id: `slack:${BERTIL}`, name: 'Bertil Berg', workspaces: ['slack:T0ROLLOUT'] });
    expect(data.roles).toEqual([expect.objectContaining({ rollout: 'Kunta Esimerkki', role: 'it' })]);
    expect(data.tasks).toEqual([expect.objectContaining({ task: 'investigate-conn-compare', note: 'compared the options' })]);
    // The answer carries no part of the file, and nothing was posted into a channel.
    expect(JSON.stringify(answer)).not.toContain('compared the options');
    expect(h.fake.of('chat.postMessage')).toHaveLength(0);
  });

  it('says so, in the asker\'s language, when the upload is refused', async () => {
    h.fake.reset();
    h.fake.failures.set('files.getUploadURLExternal', [{ status: 200, body: { ok: false, error: 'missing_scope' } }]);
    const answer = await h.ask('my data', { user: ANNA });
    expect(visibleText(answer)).toContain('I could not send you the file.');
    expect(visibleText(answer)).toContain('files:write');
    expect(h.fake.of('files.completeUploadExternal')).toHaveLength(0);
  });

  it('/rollout forget: refused to a member, previewed and then done for a workspace admin; nothing of the person stays', async () => {
    const refused = await h.ask(`forget <@${ANNA}|anna>`, { user: BERTIL });
    expect(visibleText(refused)).toContain('Endast en administratör för arbetsytan eller en införandeansvarig');

    const preview = await h.ask(`forget <@${BERTIL}|bertil>`, { user: ADMIN });
    expect(preview.response_type).toBe('ephemeral');
    expect(visibleText(preview)).toContain('This replaces the name and ids of Bertil Berg with a pseudonym');
    expect(everyText(path.join(h.dir, 'rollout.db')).filter((t) => t.includes(BERTIL)).length).toBeGreaterThan(3);

    const done = await h.ask(`forget <@${BERTIL}|bertil> confirm`, { user: ADMIN });
    const pseudonym = /is now (erased-[0-9a-f]{6}) everywhere/.exec(visibleText(done))?.[1];
    expect(pseudonym).toBeDefined();
    const left = everyText(path.join(h.dir, 'rollout.db')).filter((t) => t.includes(BERTIL) || t.includes('Bertil Berg'));
    expect(left).toEqual([]);
    const state = await h.state();
    expect(state?.members).toContainEqual({ role: 'it', user: `slack:${pseudonym}` });
    expect(state?.tasks['investigate-conn-compare']).toMatchObject({ updatedBy: `slack:${pseudonym}`, note: 'compared the options' });
  });
});
