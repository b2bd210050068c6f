import type { Change, ChangeMeta, Decision, NewRollout, RolloutStore, StoredEvent } from '../../src/ports/rollout-store.port';
import type { Rollout, RolloutState } from '../../src/domain/rollout';
import { taskRecord } from '../../src/domain/rollout';
import { personalDataContract } from './personal-data.contract';

/**
 * What every RolloutStore must do. Run it from a `*.test.ts` file with a factory that returns
 * a fresh, empty store each time: `rolloutStoreContract('sqlite', () => openStore(':memory:'))`.
 */
export function rolloutStoreContract(name: string, make: () => Promise<RolloutStore> | RolloutStore): void {
  describe(`RolloutStore contract: ${name}`, () => {
    let store: RolloutStore;

    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await store.close();
    });

    const create = async (over: Partial<NewRollout> = {}, m: ChangeMeta = meta(1)): Promise<Rollout> => {
      const result = await store.createRollout(newRollout(over), m);
      if (!result.ok) throw new Error(`createRollout failed: ${JSON.stringify(result.error)}`);
      return result.rollout;
    };
    const allEvents = (rolloutId: string): Promise<StoredEvent[]> => store.events(rolloutId, 10_000);
    const accept = <T>(changes: Change[], value: T) => (): Decision<T> => ({ ok: true, changes, value });

    describe('createRollout', () => {
      it('creates a rollout whose creator is lead and whose channel is bound, with events', async () => {
        const result = await store.createRollout(newRollout(), meta(1));
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const { rollout } = result;
        expect(rollout).toEqual({
          id: expect.any(String), workspace: 'slack:T1', name: 'Espoo', playbookId: 'lupapiste', phase: 'prepare',
          locale: 'fi', options: {}, settings: {}, createdAt: AT(1), createdBy: 'slack:U_LEAD',
        });
        expect(await store.load(rollout.id)).toEqual({ rollout, tasks: {}, members: [{ role: 'lead', user: 'slack:U_LEAD' }], channels: [], drafts: [] });
        expect(await store.rolloutForChannel('slack:C1')).toEqual(rollout);

        const events = await allEvents(rollout.id);
        expect(events.map((e) => e.type)).toEqual(['channel.bind', 'role.add', 'rollout.create']);
        for (const e of events) {
          expect(e).toMatchObject({ rolloutId: rollout.id, at: AT(1), actor: 'slack:U_LEAD', platform: 'slack' });
        }
        expect(events[1]).toMatchObject({ subject: 'lead', before: null, after: { role: 'lead', user: 'slack:U_LEAD' } });
        expect(events[0]).toMatchObject({ subject: 'slack:C1', after: { rolloutId: rollout.id } });
      });

      it('gives every rollout its own id', async () => {
        const a = await create({ name: 'A', channel: 'slack:C1' });
        const b = await create({ name: 'B', channel: 'slack:C2' });
        expect(a.id).not.toEqual(b.id);
      });

      it('refuses a name taken in the workspace and writes nothing', async () => {
        const first = await create();
        const before = await allEvents(first.id);

        const again = await store.createRollout(newRollout({ channel: 'slack:C2' }), meta(2));
        expect(again).toEqual({ ok: false, error: { code: 'rollout.exists', params: { name: 'Espoo' } } });
        const otherCase = await store.createRollout(newRollout({ name: 'eSPOO', channel: 'slack:C2' }), meta(2));
        expect(otherCase).toMatchObject({ ok: false, error: { code: 'rollout.exists' } });

        expect(await store.listRollouts('slack:T1')).toEqual([first]);
        expect(await store.rolloutForChannel('slack:C2')).toBeUndefined();
        expect(await allEvents(first.id)).toEqual(before);
      });

      it('compares names case-insensitively beyond ASCII (ä, ö, å)', async () => {
        await create({ name: 'Ääneseudun kunnat' });
        const result = await store.createRollout(newRollout({ name: 'ÄÄNESEUDUN KUNNAT', channel: 'slack:C2' }), meta(2));
        expect(result).toMatchObject({ ok: false, error: { code: 'rollout.exists' } });
      });

      it('allows the same name in another workspace', async () => {
        await create();
        const other = await store.createRollout(newRollout({ workspace: 'slack:T2', channel: 'slack:C9' }), meta(2));
        expect(other.ok).toBe(true);
      });
    });

    describe('transact', () => {
      it('applies the changes, returns the new state and writes one event per change with before and after', async () => {
        const r = await create();
        const done = { status: 'done' as const, note: 'ok', updatedBy: 'slack:U2', updatedAt: AT(2) };
        const changes: Change[] = [
          { type: 'task.set', task: 'prepare.contract', record: done },
          { type: 'role.add', role: 'it', user: 'slack:U2' },
          { type: 'phase.set', phase: 'pilot', override: 'board decided' },
          { type: 'rollout.locale', locale: 'sv' },
          { type: 'rollout.option', option: 'payments', value: true },
        ];
        const result = await store.transact(r.id, meta(2, 'req-1'), accept(changes, 'value!'));

        expect(result).toMatchObject({ ok: true, value: 'value!', changed: true });
        if (!result.ok || !('state' in result)) throw new Error('expected ok');
        const expected: RolloutState = {
          rollout: { ...r, phase: 'pilot', locale: 'sv', options: { payments: true } },
          tasks: { 'prepare.contract': done },
          members: [{ role: 'it', user: 'slack:U2' }, { role: 'lead', user: 'slack:U_LEAD' }],
          channels: [],
          drafts: [],
        };
        expect(result.state).toEqual(expected);
        expect(await store.load(r.id)).toEqual(expected);

        const events = (await allEvents(r.id)).slice(0, 5).reverse();
        expect(events.map((e) => [e.type, e.subject])).toEqual([
          ['task.set', 'prepare.contract'], ['role.add', 'it'], ['phase.set', 'pilot'], ['rollout.locale', 'sv'], ['rollout.option', 'payments'],
        ]);
        expect(events.map((e) => [e.before, e.after])).toEqual([
          [null, done],
          [null, { role: 'it', user: 'slack:U2' }],
          [{ phase: 'prepare' }, { phase: 'pilot', override: 'board decided' }],
          [{ locale: 'fi' }, { locale: 'sv' }],
          [{ value: null }, { value: true }],
        ]);
        for (const e of events) expect(e).toMatchObject({ rolloutId: r.id, at: AT(2), actor: 'slack:U_LEAD', platform: 'slack' });
      });

      it('keeps a task due date and snooze, also on an open task with nothing else recorded, and records each change', async () => {
        const r = await create();
        await store.transact(r.id, meta(2), accept([{ type: 'task.set', task: 'prepare.contract', record: { status: 'open', due: '2027-03-15' } }], null));
        expect((await store.load(r.id))!.tasks['prepare.contract']).toEqual({ status: 'open', due: '2027-03-15' });
        await store.transact(r.id, meta(2), accept([{ type: 'task.set', task: 'prepare.pilot', record: { status: 'open', snoozedUntil: '2027-03-17' } }], null));
        expect((await store.load(r.id))!.tasks['prepare.pilot']).toEqual({ status: 'open', snoozedUntil: '2027-03-17' });
        const done = { status: 'done' as const, due: '2027-03-15', updatedBy: 'slack:U2', updatedAt: AT(3) };
        await store.transact(r.id, meta(3), accept([{ type: 'task.set', task: 'prepare.contract', record: done }], null));
        await store.transact(r.id, meta(4), accept([{ type: 'task.set', task: 'prepare.contract', record: { status: 'open' } }], null));
        expect((await store.load(r.id))!.tasks['prepare.contract']).toBeUndefined();
        const events = (await allEvents(r.id)).filter((e) => e.type === 'task.set' && e.subject === 'prepare.contract').reverse();
        expect(events.map((e) => [e.before, e.after])).toEqual([
          [null, { status: 'open', due: '2027-03-15' }],
          [{ status: 'open', due: '2027-03-15' }, done],
          [done, { status: 'open' }],
        ]);
      });

      it('finds the rollouts with open tasks due by a day and queues messages of many rollouts in one call, each once', async () => {
        const r1 = await create();
        const r2 = await create({ name: 'Second', channel: 'slack:C2' });
        await store.transact(r1.id, meta(2), accept([
          { type: 'task.set', task: 'a', record: { status: 'open', due: '2027-03-15' } },
          { type: 'task.set', task: 'b', record: { status: 'done', due: '2027-03-01' } },
        ], null));
        await store.transact(r2.id, meta(2), accept([{ type: 'task.set', task: 'a', record: { status: 'open', due: '2027-03-20' } }], null));
        expect(await store.rolloutsWithTasksDueBy('2027-03-14')).toEqual([]);
        expect(await store.rolloutsWithTasksDueBy('2027-03-15')).toEqual([r1.id]);
        expect((await store.rolloutsWithTasksDueBy('2027-03-31')).sort()).toEqual([r1.id, r2.id].sort());

        const entry = (to: string) => ({ idempotencyKey: `reminder:${to}`, batch: 'reminder:d', kind: 'reminder' as const, channel: to, locales: ['fi' as const], text: 'hei', status: 'pending' as const });
        await store.queueMessages([{ rolloutId: r1.id, entry: entry('slack:U1') }, { rolloutId: r2.id, entry: entry('slack:U2') }], meta(3));
        await store.queueMessages([{ rolloutId: r1.id, entry: entry('slack:U1') }], meta(4));
        const queued = (id: string) => allEvents(id).then((events) => events.filter((e) => e.type === 'outbox.add').map((e) => e.subject));
        expect(await queued(r1.id)).toEqual(['slack:U1']);
        expect(await queued(r2.id)).toEqual(['slack:U2']);
      });

      it('records the previous task record and option value as before', async () => {
        const r = await create();
        const assigned = { status: 'open' as const, assignee: 'slack:U3' };
        const skipped = { status: 'na' as const, reason: 'not used', assignee: 'slack:U3', updatedBy: 'slack:U_LEAD', updatedAt: AT(3) };
        await store.transact(r.id, meta(2), accept([
          { type: 'task.set', task: 't1', record: assigned },
          { type: 'rollout.option', option: 'payments', value: true },
        ], null));
        await store.transact(r.id, meta(3), accept([
          { type: 'task.set', task: 't1', record: skipped },
          { type: 'rollout.option', option: 'payments', value: false },
          { type: 'rollout.option', option: 'sms', value: true },
        ], null));

        const [sms, payments, task] = await store.events(r.id, 3);
        expect([task.before, task.after]).toEqual([assigned, skipped]);
        expect([payments.before, payments.after]).toEqual([{ value: true }, { value: false }]);
        expect(sms.after).toEqual({ value: true });
        expect((await store.load(r.id))?.rollout.options).toEqual({ payments: false, sms: true });
      });

      it('treats a task set back to plain open as open', async () => {
        const r = await create();
        await store.transact(r.id, meta(2), accept([{ type: 'task.set', task: 't1', record: { status: 'done' } }], null));
        await store.transact(r.id, meta(3), accept([{ type: 'task.set', task: 't1', record: { status: 'open' } }], null));
        const state = await store.load(r.id);
        expect(taskRecord(state!, 't1')).toEqual({ status: 'open' });
        expect((await store.events(r.id, 1))[0]).toMatchObject({ type: 'task.set', before: { status: 'done' }, after: { status: 'open' } });
      });

      it('removes a role member with an event', async () => {
        const r = await create();
        await store.transact(r.id, meta(2), accept([{ type: 'role.add', role: 'comms', user: 'slack:U4' }], null));
        const result = await store.transact(r.id, meta(3), accept([{ type: 'role.remove', role: 'comms', user: 'slack:U4' }], null));
        expect(result).toMatchObject({ ok: true, state: { members: [{ role: 'lead', user: 'slack:U_LEAD' }] } });
        expect((await store.events(r.id, 1))[0]).toMatchObject({
          type: 'role.remove', subject: 'comms', before: { role: 'comms', user: 'slack:U4' }, after: null,
        });
      });

      it('orders members by role, then user', async () => {
        const r = await create();
        await store.transact(r.id, meta(2), accept([
          { type: 'role.add', role: 'it', user: 'slack:U9' },
          { type: 'role.add', role: 'comms', user: 'slack:U5' },
          { type: 'role.add', role: 'it', user: 'slack:U1' },
        ], null));
        expect((await store.load(r.id))?.members).toEqual([
          { role: 'comms', user: 'slack:U5' }, { role: 'it', user: 'slack:U1' }, { role: 'it', user: 'slack:U9' }, { role: 'lead', user: 'slack:U_LEAD' },
        ]);
      });

      it('passes the current state to decide and reports no change for an empty change list', async () => {
        const r = await create();
        const decide = jest.fn((s: RolloutState): Decision<string> => ({ ok: true, changes: [], value: s.rollout.phase }));
        const eventsBefore = await allEvents(r.id);
        const result = await store.transact(r.id, meta(2), decide);
        expect(decide).toHaveBeenCalledWith(await store.load(r.id));
        expect(result).toEqual({ ok: true, value: 'prepare', state: await store.load(r.id), changed: false });
        expect(await allEvents(r.id)).toEqual(eventsBefore);
      });

      it('writes nothing when decide refuses, not even the request id', async () => {
        const r = await create();
        const state = await store.load(r.id);
        const eventsBefore = await allEvents(r.id);
        const refused = await store.transact(r.id, meta(2, 'req-1'), () => ({ ok: false, error: { code: 'gate.blocked', params: { open: 2 } } }));
        expect(refused).toEqual({ ok: false, error: { code: 'gate.blocked', params: { open: 2 } } });
        expect(await store.load(r.id)).toEqual(state);
        expect(await allEvents(r.id)).toEqual(eventsBefore);

        const retried = await store.transact(r.id, meta(3, 'req-1'), accept([{ type: 'phase.set', phase: 'pilot' }], 1));
        expect(retried).toMatchObject({ ok: true, changed: true, state: { rollout: { phase: 'pilot' } } });
      });

      it('rolls everything back when decide throws, and the error propagates', async () => {
        const r = await create();
        const state = await store.load(r.id);
        const eventsBefore = await allEvents(r.id);
        await expect(store.transact(r.id, meta(2, 'req-1'), () => { throw new Error('boom'); })).rejects.toThrow('boom');
        expect(await store.load(r.id)).toEqual(state);
        expect(await allEvents(r.id)).toEqual(eventsBefore);
        const retried = await store.transact(r.id, meta(3, 'req-1'), accept([], null));
        expect(retried).toMatchObject({ ok: true });
      });

      it('rolls back the earlier changes when a later change cannot be applied', async () => {
        const r = await create();
        const state = await store.load(r.id);
        const eventsBefore = await allEvents(r.id);
        const bogus = { type: 'task.explode', task: 't1' } as unknown as Change;
        await expect(store.transact(r.id, meta(2, 'req-1'), accept([
          { type: 'task.set', task: 't1', record: { status: 'done' } },
          { type: 'phase.set', phase: 'pilot' },
          bogus,
        ], null))).rejects.toThrow();
        expect(await store.load(r.id)).toEqual(state);
        expect(await allEvents(r.id)).toEqual(eventsBefore);
        expect(await store.transact(r.id, meta(3, 'req-1'), accept([], null))).toMatchObject({ ok: true });
      });

      it('refuses a repeated request id as a duplicate without running decide or changing anything', async () => {
        const r = await create();
        const first = await store.transact(r.id, meta(2, 'req-1'), accept([{ type: 'role.add', role: 'it', user: 'slack:U2' }], 1));
        expect(first).toMatchObject({ ok: true, changed: true });
        const state = await store.load(r.id);
        const eventsBefore = await allEvents(r.id);

        const decide = jest.fn(accept<number>([{ type: 'role.remove', role: 'it', user: 'slack:U2' }], 2));
        expect(await store.transact(r.id, meta(3, 'req-1'), decide)).toEqual({ ok: false, duplicate: true });
        expect(decide).not.toHaveBeenCalled();
        expect(await store.load(r.id)).toEqual(state);
        expect(await allEvents(r.id)).toEqual(eventsBefore);

        // Without an id, or with another one, the change goes through.
        expect(await store.transact(r.id, meta(4), decide)).toMatchObject({ ok: true, changed: true });
      });

      it('scopes request ids by platform, workspace and conversation: the same id in two conversations changes both', async () => {
        const r = await create();
        const scoped = (day: number, scope: string, platform: ChangeMeta['platform'] = 'teams'): ChangeMeta => ({
          ...meta(day, '1733097600000'), platform, requestScope: scope,
        });
        const add = (user: string) => accept<null>([{ type: 'role.add', role: 'it', user }], null);
        expect(await store.transact(r.id, scoped(2, 'teams:A:T\u000019:one'), add('teams:U1'))).toMatchObject({ ok: true, changed: true });
        expect(await store.transact(r.id, scoped(2, 'teams:B:T\u000019:two'), add('teams:U2'))).toMatchObject({ ok: true, changed: true });
        expect(await store.transact(r.id, scoped(2, 'teams:A:T\u000019:one', 'slack'), add('teams:U3'))).toMatchObject({ ok: true, changed: true });
        expect(await store.transact(r.id, scoped(3, 'teams:A:T\u000019:one'), add('teams:U4'))).toEqual({ ok: false, duplicate: true });
        const members = (await store.load(r.id))!.members.filter((m) => m.role === 'it').map((m) => m.user);
        expect(members.sort()).toEqual(['teams:U1', 'teams:U2', 'teams:U3']);
      });

      it('forgets request ids recorded before a time, and only those: an old id is then accepted again', async () => {
        const r = await create();
        const noop = () => accept<null>([], null);
        await store.transact(r.id, meta(2, 'old'), noop());
        await store.transact(r.id, meta(5, 'recent'), noop());
        expect(await store.forgetRequests(AT(5))).toBe(1);
        expect(await store.forgetRequests(AT(5))).toBe(0);
        expect(await store.transact(r.id, meta(6, 'old'), noop())).toMatchObject({ ok: true });
        expect(await store.transact(r.id, meta(6, 'recent'), noop())).toEqual({ ok: false, duplicate: true });
      });

      it('answers rollout.not_found for an unknown rollout without running decide', async () => {
        const decide = jest.fn(accept([], null));
        expect(await store.transact('no-such-rollout', meta(2), decide)).toEqual({ ok: false, error: { code: 'rollout.not_found' } });
        expect(decide).not.toHaveBeenCalled();
        expect(await store.load('no-such-rollout')).toBeUndefined();
        expect(await store.events('no-such-rollout', 10)).toEqual([]);
      });
    });

    describe('events', () => {
      it('returns the newest events first, at most `limit`, of that rollout only', async () => {
        const r = await create();
        const other = await create({ name: 'Vantaa', channel: 'slack:C2' });
        for (let i = 0; i < 5; i++) {
          await store.transact(r.id, meta(2 + i), accept([{ type: 'task.set', task: `t${i}`, record: { status: 'done' } }], null));
        }
        await store.transact(other.id, meta(8), accept([{ type: 'task.set', task: 'x', record: { status: 'done' } }], null));

        const three = await store.events(r.id, 3);
        expect(three.map((e) => e.subject)).toEqual(['t4', 't3', 't2']);
        expect(three.map((e) => e.at)).toEqual([AT(6), AT(5), AT(4)]);
        expect(three[0].id).toBeGreaterThan(three[1].id);
        expect(three[1].id).toBeGreaterThan(three[2].id);
        expect(await store.events(r.id, 0)).toEqual([]);
        expect(await allEvents(r.id)).toHaveLength(3 + 5);
        expect((await allEvents(r.id)).every((e) => e.rolloutId === r.id)).toBe(true);
      });
    });

    describe('channels and listing', () => {
      it('rebinds a channel to another rollout with an event', async () => {
        const a = await create({ name: 'A', channel: 'slack:C1' });
        const b = await create({ name: 'B', channel: 'slack:C2' }, meta(2));
        await store.bindChannel('slack:C1', b.id, meta(3));
        expect(await store.rolloutForChannel('slack:C1')).toEqual(b);
        expect(await store.rolloutForChannel('slack:C2')).toEqual(b);
        expect((await store.events(b.id, 1))[0]).toMatchObject({
          type: 'channel.bind', subject: 'slack:C1', at: AT(3), after: { rolloutId: b.id },
        });
        expect(await store.rolloutForChannel('slack:C404')).toBeUndefined();
        expect((await store.load(a.id))?.rollout).toEqual(a);
      });

      it('lists the rollouts of one workspace, oldest first', async () => {
        const a = await create({ name: 'A', channel: 'slack:C1' }, meta(1));
        const c = await create({ name: 'C', channel: 'slack:C3', workspace: 'slack:T2' }, meta(2));
        const b = await create({ name: 'B', channel: 'slack:C2' }, meta(3));
        expect(await store.listRollouts('slack:T1')).toEqual([a, b]);
        expect(await store.listRollouts('slack:T2')).toEqual([c]);
        expect(await store.listRollouts('slack:T3')).toEqual([]);
      });
    });

    describe('auditEvents', () => {
      const setTask = (task: string, status: 'done' | 'open') => accept([{ type: 'task.set', task, record: { status } }], null);

      it('pages and filters the audit trail by subject, actor and type, with the total over all pages', async () => {
        const r = await create();
        const other = await create({ name: 'Other', channel: 'slack:C2' });
        await store.transact(r.id, meta(2), setTask('t1', 'done'));
        await store.transact(r.id, { ...meta(3), actor: 'slack:U_IT' }, setTask('t2', 'done'));
        await store.transact(r.id, meta(4), setTask('t1', 'open'));
        await store.transact(other.id, meta(4), setTask('t1', 'done'));

        const everything = await store.auditEvents(r.id, {});
        expect(everything.total).toBe(6);
        expect(everything.events.map((e) => e.type)).toEqual(['task.set', 'task.set', 'task.set', 'channel.bind', 'role.add', 'rollout.create']);
        expect(everything.events).toEqual(await allEvents(r.id));

        const page = await store.auditEvents(r.id, { limit: 2, offset: 1 });
        expect(page).toEqual({ events: everything.events.slice(1, 3), total: 6 });

        const t1 = await store.auditEvents(r.id, { subjects: ['t1'], oldestFirst: true });
        expect(t1.total).toBe(2);
        expect(t1.events.map((e) => [e.at, (e.after as { status: string }).status])).toEqual([[AT(2), 'done'], [AT(4), 'open']]);

        expect((await store.auditEvents(r.id, { actor: 'slack:U_IT' })).events.map((e) => e.subject)).toEqual(['t2']);
        expect((await store.auditEvents(r.id, { types: ['task.set'], actor: 'slack:U_LEAD' })).total).toBe(2);
        expect(await store.auditEvents(r.id, { subjects: [] })).toEqual({ events: [], total: 0 });
        expect(await store.auditEvents(r.id, { limit: 0 })).toEqual({ events: [], total: 6 });
        expect(await store.auditEvents('no-such-rollout', {})).toEqual({ events: [], total: 0 });
      });

      it('gives the statuses tasks were set to, oldest first, for charts of progress', async () => {
        const r = await create();
        await store.transact(r.id, meta(2), setTask('t1', 'done'));
        await store.transact(r.id, meta(3), accept([{ type: 'task.set', task: 't2', record: { status: 'na', reason: 'x' } }, { type: 'role.add', role: 'it', user: 'slack:U_IT' }], null));
        await store.transact(r.id, meta(4), setTask('t1', 'open'));
        expect(await store.taskHistory(r.id)).toEqual([
          { at: AT(2), task: 't1', status: 'done' },
          { at: AT(3), task: 't2', status: 'na' },
          { at: AT(4), task: 't1', status: 'open' },
        ]);
        expect(await store.taskHistory('no-such-rollout')).toEqual([]);
      });

      it('lists everyone who acted in a rollout', async () => {
        const r = await create();
        await store.transact(r.id, { ...meta(3), actor: 'slack:U_IT' }, setTask('t2', 'done'));
        expect(await store.auditActors(r.id)).toEqual(['slack:U_IT', 'slack:U_LEAD']);
        expect(await store.auditActors('no-such-rollout')).toEqual([]);
      });
    });

    describe('users', () => {
      it('remembers the language a user chose', async () => {
        expect(await store.userLocale('slack:U1')).toBeUndefined();
        await store.setUserLocale('slack:U1', 'sv', meta(1));
        await store.setUserLocale('slack:U2', 'en', meta(1));
        expect(await store.userLocale('slack:U1')).toBe('sv');
        await store.setUserLocale('slack:U1', 'fi', meta(2));
        expect(await store.userLocale('slack:U1')).toBe('fi');
        expect(await store.userLocale('slack:U2')).toBe('en');
      });

      it('turns a user\'s daily reminders off and on, keeping their language, with one event per change', async () => {
        await store.setUserLocale('slack:U1', 'sv', meta(1));
        expect(await store.remindersOff('slack:U1')).toBe(false);
        await store.setRemindersOff('slack:U1', true, meta(2));
        await store.setRemindersOff('slack:U1', true, meta(3));
        await store.setRemindersOff('slack:U2', true, meta(3));
        expect(await store.remindersOff('slack:U1')).toBe(true);
        expect(await store.usersWithRemindersOff()).toEqual(['slack:U1', 'slack:U2']);
        expect(await store.userLocale('slack:U1')).toBe('sv');
        await store.setRemindersOff('slack:U1', false, meta(4));
        expect(await store.usersWithRemindersOff()).toEqual(['slack:U2']);
        expect((await store.personalData('slack:U2')).remindersOff).toBe(true);
        const events = (await store.personalData('slack:U1')).events.filter((e) => e.type === 'user.reminders');
        expect(events.map((e) => [e.before, e.after])).toEqual([[{ off: false }, { off: true }], [{ off: true }, { off: false }]]);
      });

      it('returns the known display names of the users asked for', async () => {
        await store.rememberUserName('slack:U1', 'Aino');
        await store.rememberUserName('slack:U2', 'Björn');
        await store.rememberUserName('slack:U1', 'Aino Virtanen');
        await store.setUserLocale('slack:U3', 'sv', meta(1));
        expect(await store.userNames(['slack:U1', 'slack:U2', 'slack:U3', 'slack:U404'])).toEqual({
          'slack:U1': 'Aino Virtanen', 'slack:U2': 'Björn',
        });
        expect(await store.userNames(['slack:U2'])).toEqual({ 'slack:U2': 'Björn' });
        expect(await store.userNames([])).toEqual({});
      });

      it('keeps name and language of a user apart', async () => {
        await store.setUserLocale('slack:U1', 'sv', meta(1));
        await store.rememberUserName('slack:U1', 'Aino');
        expect(await store.userLocale('slack:U1')).toBe('sv');
        expect(await store.userNames(['slack:U1'])).toEqual({ 'slack:U1': 'Aino' });
      });
    });

    personalDataContract(make);
  });
}

export function AT(day: number): string {
  return `2025-03-${String(day).padStart(2, '0')}T09:00:00.000Z`;
}

export function meta(day: number, requestId?: string): ChangeMeta {
  const m: ChangeMeta = { actor: 'slack:U_LEAD', platform: 'slack', at: AT(day) };
  if (requestId !== undefined) m.requestId = requestId;
  return m;
}

export function newRollout(over: Partial<NewRollout> = {}): NewRollout {
  return {
    workspace: 'slack:T1', name: 'Espoo', playbookId: 'lupapiste', phase: 'prepare', locale: 'fi',
    lead: 'slack:U_LEAD', channel: 'slack:C1', ...over,
  };
}
