import type { Change, ChangeMeta, RolloutStore } from '../../src/ports/rollout-store.port';
import type { Rollout } from '../../src/domain/rollout';

export const ANNA = 'slack:U0ANNA0001';
export const ANNA_NAME = 'Anna Virtanen';
/** An id that starts with Anna's: it must stay as it is. */
export const ANNIKA = 'slack:U0ANNA00012';

const at = (day: number) => `2025-04-${String(day).padStart(2, '0')}T09:00:00.000Z`;
const by = (actor: string, day: number, requestId?: string): ChangeMeta => ({ actor, platform: 'slack', at: at(day), ...(requestId ? { requestId } : {}) });

/**
 * A rollout led by slack:U_LEAD where Anna is in the IT role, has a task assigned, checked one
 * off with a note, chose a language and has a platform record; Annika, whose id begins with
 * Anna's, does the same things in a smaller way.
 */
export async function seedPeople(store: RolloutStore): Promise<Rollout> {
  const created = await store.createRollout(
    { workspace: 'slack:T1', name: 'Espoo', playbookId: 'lupapiste', phase: 'prepare', locale: 'fi', lead: 'slack:U_LEAD', channel: 'slack:C1' },
    by('slack:U_LEAD', 1),
  );
  if (!created.ok) throw new Error('seed failed');
  const r = created.rollout;
  await store.rememberUserName(ANNA, ANNA_NAME);
  await store.rememberUserName(ANNIKA, 'Annika');
  const lead: Change[] = [
    { type: 'role.add', role: 'it', user: ANNA },
    { type: 'role.add', role: 'it', user: ANNIKA },
    { type: 'task.set', task: 'prepare.contract', record: { status: 'open', assignee: ANNA, updatedBy: 'slack:U_LEAD', updatedAt: at(2) } },
    { type: 'outbox.add', entry: { idempotencyKey: 'k1', batch: 'b1', kind: 'announcement', channel: 'slack:C9', locales: ['fi'], text: `Yhteyshenkilö: ${ANNA_NAME}`, status: 'pending', reportTo: ANNA } },
  ];
  await store.transact(r.id, by('slack:U_LEAD', 2, 'slack:trigger:1'), () => ({ ok: true, changes: lead, value: null }));
  await store.transact(r.id, by(ANNA, 3, 'slack:trigger:2'), () => ({
    ok: true,
    changes: [{ type: 'task.set', task: 'prepare.scope', record: { status: 'done', note: `agreed with <@${ANNA.slice(6)}> and Annika`, updatedBy: ANNA, updatedAt: at(3) } }],
    value: null,
  }));
  await store.transact(r.id, by(ANNIKA, 4), () => ({
    ok: true,
    changes: [{ type: 'task.set', task: 'prepare.budget', record: { status: 'done', updatedBy: ANNIKA, updatedAt: at(4) } }],
    value: null,
  }));
  await store.setUserLocale(ANNA, 'sv', by(ANNA, 5));
  await store.savePlatformRecord('test.person', ANNA, JSON.stringify({ user: ANNA, token: 'xoxp-secret' }), at(5));
  await store.savePlatformRecord('test.person', ANNIKA, JSON.stringify({ user: ANNIKA }), at(5));
  return r;
}

/** What every store must do with one person's data: export it whole, erase it whole. */
export function personalDataContract(make: () => Promise<RolloutStore> | RolloutStore): void {
  describe('personal data', () => {
    let store: RolloutStore;
    let r: Rollout;
    beforeEach(async () => {
      store = await make();
      r = await seedPeople(store);
    });
    afterEach(async () => {
      await store.close();
    });

    it('exports everything about one person, and nothing about another whose id begins the same', async () => {
      const data = await store.personalData(ANNA);
      expect(data).toMatchObject({ user: ANNA, name: ANNA_NAME, locale: 'sv', workspaces: ['slack:T1'] });
      expect(data.roles).toEqual([{ rolloutId: r.id, rollout: 'Espoo', workspace: 'slack:T1', role: 'it' }]);
      expect(data.tasks.map((t) => [t.task, t.assigned, t.changedByThem, t.note])).toEqual([
        ['prepare.contract', true, false, undefined],
        ['prepare.scope', false, true, 'agreed with <@U0ANNA0001> and Annika'],
      ]);
      expect(data.events.map((e) => [e.type, e.actor, e.subject])).toEqual([
        ['role.add', 'slack:U_LEAD', 'it'],
        ['task.set', 'slack:U_LEAD', 'prepare.contract'],
        ['task.set', ANNA, 'prepare.scope'],
        ['user.locale', ANNA, ANNA],
      ]);
      expect(data.messages).toEqual([{ rolloutId: r.id, channel: 'slack:C9', kind: 'announcement', status: 'pending', createdAt: at(2) }]);
      // Keyed by them: shown, without the token.
      expect(data.platformRecords).toEqual([{ kind: 'test.person', key: ANNA, updatedAt: at(5), value: { user: ANNA } }]);
      expect(data.rolloutsCreated).toEqual([]);
      expect((await store.personalData('slack:U_LEAD')).rolloutsCreated).toEqual([{ rolloutId: r.id, rollout: 'Espoo', workspace: 'slack:T1', createdAt: at(1) }]);
    });

    it('erases a person: one pseudonym everywhere, the trail in the same order and shape, one event without the id', async () => {
      const before = await store.events(r.id, Infinity);
      const report = await store.erasePerson(ANNA, by('slack:U_LEAD', 6), { rolloutId: r.id });
      expect(report.pseudonym).toMatch(/^erased-[0-9a-f]{6}$/);
      const erased = `slack:${report.pseudonym}`;
      expect(report.rows).toBeGreaterThan(5);

      expect(await store.personalData(ANNA)).toMatchObject({ roles: [], tasks: [], events: [], messages: [], platformRecords: [], workspaces: [] });
      const state = (await store.load(r.id))!;
      expect(state.members).toEqual(expect.arrayContaining([{ role: 'it', user: erased }, { role: 'it', user: ANNIKA }]));
      expect(state.tasks['prepare.contract'].assignee).toBe(erased);
      expect(state.tasks['prepare.scope']).toMatchObject({ updatedBy: erased, note: `agreed with <@${report.pseudonym}> and Annika` });
      expect(state.tasks['prepare.budget'].updatedBy).toBe(ANNIKA);
      expect(await store.userNames([erased, ANNIKA])).toEqual({ [erased]: report.pseudonym, [ANNIKA]: 'Annika' });
      expect(await store.platformRecord('test.person', erased)).toBeDefined();
      expect(await store.platformRecord('test.person', ANNIKA)).toBe(JSON.stringify({ user: ANNIKA }));

      const after = await store.events(r.id, Infinity);
      const [erasure, ...trail] = after;
      expect(trail.map((e) => [e.id, e.type, e.at])).toEqual(before.map((e) => [e.id, e.type, e.at]));
      expect(JSON.stringify(trail)).not.toContain(ANNA_NAME);
      expect(JSON.stringify(trail)).not.toMatch(/U0ANNA0001(?!2)/);
      expect(trail.find((e) => e.type === 'task.set' && e.subject === 'prepare.scope')?.actor).toBe(erased);
      expect(erasure).toMatchObject({ type: 'person.erase', actor: 'slack:U_LEAD', subject: erased, after: { pseudonym: report.pseudonym, rows: report.rows } });
      expect(JSON.stringify(erasure)).not.toContain('U0ANNA0001');
    });

    it('replaces the name only in free text and in their own row: keys and a namesake stay', async () => {
      // A person whose display name is a role key, and another person with Anna's name.
      await store.rememberUserName(ANNIKA, 'it');
      await store.rememberUserName('slack:U0NAMESAKE1', ANNA_NAME);
      const annika = await store.erasePerson(ANNIKA, by('slack:U_LEAD', 6), { rolloutId: r.id });
      const state = (await store.load(r.id))!;
      expect(state.members).toEqual(expect.arrayContaining([{ role: 'it', user: ANNA }, { role: 'it', user: `slack:${annika.pseudonym}` }]));
      expect((await store.events(r.id, Infinity)).filter((e) => e.type === 'role.add').map((e) => e.subject)).toEqual(['it', 'it', 'lead']);

      await store.erasePerson(ANNA, by('slack:U_LEAD', 7), { rolloutId: r.id });
      expect(await store.userNames(['slack:U0NAMESAKE1'])).toEqual({ 'slack:U0NAMESAKE1': ANNA_NAME });
    });

    it('previews an erasure without changing anything', async () => {
      const before = await store.personalData(ANNA);
      const events = await store.events(r.id, Infinity);
      const preview = await store.erasePerson(ANNA, by('slack:U_LEAD', 6), { rolloutId: r.id, dryRun: true });
      expect(preview.rows).toBeGreaterThan(5);
      expect(preview.tables).toBeDefined();
      expect(await store.personalData(ANNA)).toEqual(before);
      expect(await store.events(r.id, Infinity)).toEqual(events);
      expect(await store.userNames([ANNA])).toEqual({ [ANNA]: ANNA_NAME });
    });

    it('erasing someone with nothing stored changes nothing and records nothing', async () => {
      const events = await store.events(r.id, Infinity);
      expect((await store.erasePerson('slack:U0NOBODY01', by('slack:U_LEAD', 6), { rolloutId: r.id })).rows).toBe(0);
      expect(await store.events(r.id, Infinity)).toEqual(events);
    });

    it('forgets audit events older than a time, and only those', async () => {
      const all = await store.events(r.id, Infinity);
      const older = all.filter((e) => e.at < at(3)).length;
      expect(older).toBeGreaterThan(0);
      expect(await store.forgetEvents(at(3))).toBe(older);
      const kept = await store.events(r.id, Infinity);
      expect(kept.every((e) => e.at >= at(3))).toBe(true);
      expect(kept).toHaveLength(all.length - older);
      expect(await store.forgetEvents(at(3))).toBe(0);
    });
  });
}
