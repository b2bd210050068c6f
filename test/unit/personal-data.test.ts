import type { RolloutBot } from '../../src/app';
import type { BotResponse } from '../../src/core/request';
import { makeBot, say } from '../support/fixtures';

const text = (r: BotResponse) => r.views.map((v) => ('text' in v ? `${v.text} ${'hint' in v ? v.hint ?? '' : ''}` : v.kind)).join('\n');

describe('my data and forget, in the core', () => {
  let bot: RolloutBot;
  beforeEach(async () => {
    bot = makeBot();
    await bot.handle(say('lead', 'init Kotikunta'));
    await bot.handle(say('lead', 'role add it @anna'));
    await bot.handle(say('lead', 'assign 2.1 @anna'));
    await bot.handle(say('anna', 'done 4.4 -- agreed with the board'));
    await bot.handle(say('anna', 'lang sv'));
  });
  afterEach(async () => {
    await bot.deps.store.close();
  });

  it.each([
    ['my data', 'en', 'Everything the rollout bot keeps about you'],
    ['omat tiedot', 'fi', 'Kaikki, mitä käyttöönottobotti on sinusta tallentanut'],
    ['Mina uppgifter', 'sv', 'Allt som införandeboten har sparat om dig'],
  ])('"%s" gives the asker a JSON file of everything about them, explained in their language', async (words, lang, title) => {
    await bot.handle(say('anna', `lang ${lang}`));
    const response = await bot.handle(say('anna', words));
    expect(response.visibility).toBe('private');
    expect(response.file).toMatchObject({ mimeType: 'application/json', title });
    expect(response.file!.name).toMatch(/^rollout-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(response.file!.content);
    expect(Object.keys(file).slice(0, 2)).toEqual(['about', 'contents']);
    expect(file.person).toMatchObject({ id: 'console:anna', name: 'anna', language: lang, workspaces: ['console:local'] });
    expect(file.roles).toEqual([expect.objectContaining({ rollout: 'Kotikunta', role: 'it' })]);
    expect(file.tasks.map((t: { task: string; assigned: boolean; note?: string }) => [t.task, t.assigned, t.note])).toEqual(
      expect.arrayContaining([['investigate-impact-systems', false, 'agreed with the board']]),
    );
    expect(file.auditTrail.length).toBeGreaterThanOrEqual(4);
    // Nothing about the lead's own doings that does not concern Anna.
    expect(file.auditTrail.every((e: { actor: string; subject: string; after: unknown; before: unknown }) => JSON.stringify(e).includes('console:anna'))).toBe(true);
    expect(text(response)).toContain(response.file!.name);
  });

  it('refuses words after "my data" with its usage, and sends no file', async () => {
    const response = await bot.handle(say('anna', 'my data please'));
    expect(response.file).toBeUndefined();
    expect(response.views[0]).toMatchObject({ kind: 'error', code: 'command.usage' });
  });

  it('forget: a preview first, then the erasure on confirm; nothing of the person stays', async () => {
    const preview = await bot.handle(say('lead', 'forget @anna'));
    expect(preview.views[0]).toMatchObject({ kind: 'notice', tone: 'warning' });
    expect(text(preview)).toMatch(/replaces the name and ids of anna .* role memberships 1, tasks 2, audit entries \d+/);
    expect(text(preview)).toContain('"confirm"');
    expect((await bot.handle(say('anna', 'my data'))).file!.content).toContain('"role": "it"');

    const done = await bot.handle(say('lead', 'forget @anna confirm'));
    expect(done.changed).toBe(true);
    const pseudonym = /is now (erased-[0-9a-f]{6}) everywhere/.exec(text(done))?.[1];
    expect(pseudonym).toBeDefined();
    const roles = await bot.handle(say('lead', 'roles'));
    expect(JSON.stringify(roles.views)).toContain(pseudonym);
    expect(JSON.stringify(roles.views)).not.toContain('anna');
    const log = await bot.handle(say('lead', 'log 50'));
    expect(JSON.stringify(log.views)).not.toContain('anna');
    expect(JSON.stringify(log.views)).toContain(pseudonym);

    const again = await bot.handle(say('lead', 'forget @anna'));
    expect(again.views[0]).toMatchObject({ kind: 'error', code: 'person.unknown' });
  });

  it('forget is for a lead or a workspace admin, never for oneself, and only for someone known here', async () => {
    expect((await bot.handle(say('anna', 'forget @lead'))).views[0]).toMatchObject({ kind: 'error', code: 'auth.erase_forbidden' });
    expect((await bot.handle(say('anna', 'forget @lead confirm'))).views[0]).toMatchObject({ code: 'auth.erase_forbidden' });
    expect((await bot.handle(say('lead', 'forget @lead'))).views[0]).toMatchObject({ code: 'person.self' });
    expect((await bot.handle(say('lead', 'forget @stranger'))).views[0]).toMatchObject({ code: 'person.unknown' });
    expect((await bot.handle(say('lead', 'forget anna'))).views[0]).toMatchObject({ code: 'command.usage' });
    expect((await bot.handle(say('lead', 'forget @anna now'))).views[0]).toMatchObject({ code: 'command.usage' });
    // Nothing was erased by any of these.
    expect((await bot.handle(say('anna', 'my data'))).file!.content).toContain('"role": "it"');
    // A workspace admin who is no lead may; in the workspace's own words.
    const admin = await bot.handle(say('outi', 'glöm @anna bekräfta', { workspaceAdmin: true, channel: 'console:elsewhere' }));
    expect(admin.changed).toBe(true);
    // Asked outside the rollout's channel, the erasure is still in the trail of the rollout Anna was in.
    const [rollout] = await bot.deps.store.listRollouts('console:local');
    const [last] = await bot.deps.store.events(rollout.id, 1);
    expect(last).toMatchObject({ type: 'person.erase', actor: 'console:outi', subject: expect.stringMatching(/^console:erased-[0-9a-f]{6}$/) });
    expect((await bot.handle(say('anna', 'my data'))).file!.content).not.toContain('"role": "it"');
  });

  it('warns before erasing the only lead of a rollout', async () => {
    const preview = await bot.handle(say('admin', 'unohda @lead', { workspaceAdmin: true, locale: 'fi' }));
    expect(text(preview)).toContain('on käyttöönoton Kotikunta ainoa vetäjä');
  });
});
