import { decodeAction, encodeAction } from '../../src/core/action-codec';
import type { BotResponse } from '../../src/core/request';
import type { ErrorView, GateView, HelpView, NextView, NoticeView } from '../../src/core/views';
import { createRolloutBot, type RolloutBot } from '../../src/app';
import { makeBot, say, tinyPlaybook } from '../support/fixtures';
import { COMMANDS } from '../../src/commands/registry';

let bot: RolloutBot;

const views = <T>(r: BotResponse, kind: string) => r.views.filter((v) => v.kind === kind) as T[];
const error = (r: BotResponse) => views<ErrorView>(r, 'error')[0];
const noticeText = (r: BotResponse) => views<NoticeView>(r, 'notice').map((n) => n.text).join('\n');

async function rolloutId(): Promise<string> {
  return (await bot.deps.store.listRollouts('console:local'))[0].id;
}

/** Everything a refusal must leave untouched: the state and the audit trail. */
async function snapshot() {
  const id = await rolloutId();
  return { state: await bot.deps.store.load(id), events: await bot.deps.store.events(id, 1000) };
}

beforeEach(async () => {
  bot = makeBot();
  await bot.handle(say('lead', 'init Kotikunta'));
  await bot.handle(say('lead', 'role add it @ida'));
});

afterEach(() => bot.deps.store.close());

describe('checking tasks off', () => {
  it('marks a task done by number, records the note and shows progress', async () => {
    const r = await bot.handle(say('lead', 'done 1 -- scope agreed with the board'));
    expect(r).toMatchObject({ visibility: 'channel', changed: true });
    expect(noticeText(r)).toMatch(/^✅ 1 .+ is done\. 1\/9 done \(11%\)\n📝 Note saved: scope agreed with the board$/);
    const s = await bot.deps.store.load(await rolloutId());
    expect(s!.tasks['investigate-scope']).toMatchObject({ status: 'done', note: 'scope agreed with the board', updatedBy: 'console:lead' });
  });

  it('undo reopens and skip records the reason', async () => {
    await bot.handle(say('lead', 'done 1'));
    expect(noticeText(await bot.handle(say('lead', 'undo 1')))).toContain('reopened');
    await bot.handle(say('lead', 'skip 3 we offer no optional features'));
    const s = await bot.deps.store.load(await rolloutId());
    expect(s!.tasks['investigate-scope']).toMatchObject({ status: 'open' });
    expect(s!.tasks['investigate-features']).toMatchObject({ status: 'na', reason: 'we offer no optional features' });
  });

  it('refuses checking off a parent whose children are open, naming them', async () => {
    const r = await bot.handle(say('lead', 'done 2'));
    expect(error(r)).toMatchObject({ code: 'task.children_open' });
    expect(error(r).text).toContain('2.1, 2.2');
  });

  it('the same click twice changes the state once', async () => {
    const id = await rolloutId();
    const click = { name: 'done' as const, rolloutId: id, task: 'investigate-scope', from: 'checklist' as const };
    const first = await bot.handle(say('lead', '', { text: undefined, action: click, requestId: 'click-1' }));
    expect(first.update).toMatchObject({ kind: 'checklist' });
    const before = await snapshot();
    const second = await bot.handle(say('lead', '', { text: undefined, action: click, requestId: 'click-2' }));
    expect(error(second).code).toBe('task.already_done');
    expect(await snapshot()).toEqual(before);
  });

  it('a delivery repeated with the same request id is recognised and answered with nothing', async () => {
    const once = await bot.handle(say('lead', 'done 1', { requestId: 'evt-1' }));
    expect(once.changed).toBe(true);
    const before = await snapshot();
    const again = await bot.handle(say('lead', 'undo 1', { requestId: 'evt-1' }));
    expect(again).toMatchObject({ duplicate: true, views: [] });
    expect(await snapshot()).toEqual(before);
  });
});

describe('refusals change nothing and say what to do', () => {
  const cases: Array<[string, string, string]> = [
    ['ida', 'done 1', 'auth.forbidden'],
    ['ida', 'role add it @olli', 'auth.lead_only'],
    ['ida', 'phase next override because', 'auth.lead_only'],
    ['lead', 'done 7.7', 'task.not_found'],
    ['lead', 'skip 1', 'task.reason_required'],
    ['lead', 'frobnicate', 'command.unknown'],
    ['lead', 'phase next', 'gate.blocked'],
    ['lead', 'role add wizard @olli', 'role.not_found'],
    ['lead', 'role remove lead @lead', 'role.last_lead'],
    ['lead', 'assign 1 bob', 'user.invalid'],
    ['lead', 'status nowhere', 'phase.not_found'],
    ['lead', 'lang de', 'lang.unknown'],
    ['lead', 'init Kotikunta', 'rollout.exists'],
    ['lead', `done 1 ${'x'.repeat(2001)}`, 'input.too_long'],
    ['lead', "done 1'; DROP TABLE tasks; --", 'task.not_found'],
  ];
  it.each(cases)('%s: %s -> %s', async (user, text, code) => {
    const before = await snapshot();
    const r = await bot.handle(say(user, text));
    expect(error(r).code).toBe(code);
    expect(error(r).text.length).toBeGreaterThan(5);
    expect(error(r).hint).toBeTruthy();
    expect(r.changed).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it('names who may change a task when refusing', async () => {
    const r = await bot.handle(say('ida', 'done 1'));
    expect(error(r).text).toBe('You cannot change 1 Scope the transactions to offer: only Rollout lead may.');
  });

  it('suggests the command or task the user probably meant', async () => {
    expect(error(await bot.handle(say('lead', 'dne 1'))).hint).toContain('"done"');
    expect(error(await bot.handle(say('lead', 'valmsi 1'))).hint).toContain('"valmis"');
    expect(error(await bot.handle(say('lead', 'done investigate-scoep'))).hint).toContain('"investigate-scope"');
  });

  it('refuses a button for a rollout of another workspace', async () => {
    const id = await rolloutId();
    const r = await bot.handle(say('lead', '', { workspace: 'console:other', text: undefined, action: { name: 'done', rolloutId: id, task: 'investigate-scope' } }));
    expect(error(r).code).toBe('action.stale');
  });
});

describe('owners and roles', () => {
  it('lets a role member change their own tasks', async () => {
    const r = await bot.handle(say('ida', 'done 2.1'));
    expect(r.changed).toBe(true);
    expect(noticeText(r)).toContain('2.1');
  });

  it('next mine shows only the asker roles', async () => {
    const r = await bot.handle(say('ida', 'next mine'));
    const next = views<NextView>(r, 'next')[0];
    expect(next.mine).toBe(true);
    expect(next.tasks.length).toBeGreaterThan(0);
    expect(next.tasks.every((t) => t.role === 'it')).toBe(true);
  });

  it('assigns a task and clears it', async () => {
    await bot.handle(say('lead', 'assign 3 <@ida>'));
    expect((await bot.deps.store.load(await rolloutId()))!.tasks['investigate-features'].assignee).toBe('console:ida');
    await bot.handle(say('lead', 'assign 3 none'));
    expect((await bot.deps.store.load(await rolloutId()))!.tasks['investigate-features'].assignee).toBeUndefined();
  });
});

describe('phase gate', () => {
  it('shows the blockers and lets only the lead advance, with an override reason recorded', async () => {
    const gate = views<GateView>(await bot.handle(say('lead', 'phase')), 'gate')[0];
    expect(gate.blockers.map((b) => b.ref)).toContain('1');
    expect(gate.canAdvance).toBe(true);
    expect(views<GateView>(await bot.handle(say('ida', 'phase')), 'gate')[0].canAdvance).toBe(false);

    const r = await bot.handle(say('lead', 'phase next override board decided to proceed'));
    expect(noticeText(r)).toMatch(/Moved from phase Investigate to Decide with 9 tasks still open\. Reason: board decided to proceed/);
    const [event] = await bot.deps.store.events(await rolloutId(), 1);
    expect(event).toMatchObject({ type: 'phase.set', actor: 'console:lead', after: { phase: 'decide', override: 'board decided to proceed' } });
  });

  it('refuses an Advance button pressed on an old gate card', async () => {
    await bot.handle(say('lead', 'phase next override go'));
    const r = await bot.handle(say('lead', '', { text: undefined, action: { name: 'advance', rolloutId: await rolloutId(), phase: 'investigate', reason: 'x' } }));
    expect(error(r).code).toBe('action.stale');
  });
});

describe('conditional tasks', () => {
  it('marks the light e-service check not applicable when that method is not chosen, with a reason', async () => {
    await bot.handle(say('lead', 'phase next override a'));
    await bot.handle(say('lead', 'phase next override b'));
    await bot.handle(say('lead', 'phase next override c'));
    await bot.handle(say('lead', 'phase next override d'));
    await bot.handle(say('lead', 'option light-eservice off'));
    const checklist = (await bot.handle(say('lead', 'status deploy'))).views[0];
    const light = (checklist as { tasks: Array<{ ref: string; status: string; reason?: string }> }).tasks.find((t) => t.ref === '4.2.4');
    expect(light).toMatchObject({ status: 'na', reason: 'Light e-service is not the chosen connection method' });
    expect(error(await bot.handle(say('lead', 'done 4.2.4'))).code).toBe('task.na_by_option');
  });
});

describe('languages', () => {
  it('answers plain questions in the language they are asked in', async () => {
    for (const [q, phaseName] of [["what's next?", 'Investigate'], ['mitä seuraavaksi?', 'Selvitä'], ['vad är nästa steg?', 'Utred']]) {
      const next = views<NextView>(await bot.handle(say('ida', q)), 'next')[0];
      expect(next.phase.name).toBe(phaseName);
    }
  });

  it('accepts Finnish and Swedish command words and answers in the user locale', async () => {
    const fi = await bot.handle(say('lead', 'valmis 1', { locale: 'fi-FI' }));
    expect(noticeText(fi)).toContain('on valmis');
    const sv = await bot.handle(say('lead', 'ångra 1', { locale: 'sv-SE' }));
    expect(noticeText(sv)).toContain('öppnades igen');
  });

  it('keeps the language a user chose over the platform locale', async () => {
    expect(noticeText(await bot.handle(say('ida', 'kieli sv')))).toContain('svenska');
    const r = await bot.handle(say('ida', 'next', { locale: 'en-US' }));
    expect(r.locale).toBe('sv');
  });

  it('generates help from the command registry in every language', async () => {
    for (const [locale, word] of [['fi', 'valmis'], ['sv', 'klar'], ['en', 'done']]) {
      const help = views<HelpView>(await bot.handle(say('ida', 'help', { locale })), 'help')[0];
      expect(help.commands.map((c) => c.summary)).toHaveLength(COMMANDS.length);
      expect(help.commands.some((c) => c.usage.startsWith(`${word} `))).toBe(true);
    }
  });
});

describe('audit trail', () => {
  it('log lists the latest changes newest first, in words', async () => {
    await bot.handle(say('lead', 'done 1'));
    await bot.handle(say('lead', 'skip 3 not needed'));
    const r = await bot.handle(say('lead', 'log 2'));
    const entries = (r.views[0] as { entries: Array<{ text: string }> }).entries.map((e) => e.text);
    expect(entries).toEqual([
      'Investigate 3 Pick the optional features: not applicable (not needed) · console',
      'Investigate 1 Scope the transactions to offer: done · console',
    ]);
  });

  it('log shows the note, the reason and the platform of each change', async () => {
    await bot.handle(say('lead', 'done 1 -- agreed with the board', { platform: 'slack' }));
    await bot.handle(say('lead', 'skip 3 we offer none', { platform: 'teams' }));
    await bot.handle(say('lead', 'phase next override board decided'));
    const r = await bot.handle(say('lead', 'loki 3', { locale: 'fi' }));
    const entries = (r.views[0] as { entries: Array<{ text: string }> }).entries.map((e) => e.text);
    expect(entries).toEqual([
      expect.stringMatching(/^vaihe Selvitä → Päätä keskeneräisenä \(board decided\) · konsoli$/),
      'Selvitä 3 Valinnaisten ominaisuuksien valinta: ei koske (we offer none) · Teams',
      expect.stringMatching(/^Selvitä 1 .+: valmis \(huomio: agreed with the board\) · Slack$/),
    ]);
  });
});

describe('button values', () => {
  it('round-trips through the codec and rejects tampering', () => {
    const action = { name: 'skip' as const, rolloutId: 'r', task: 'deploy-ptv', reason: 'x' };
    expect(decodeAction(encodeAction(action))).toEqual(action);
    expect(decodeAction('{"name":"drop","rolloutId":"r"}')).toBeUndefined();
    expect(decodeAction('not json')).toBeUndefined();
    expect(decodeAction({ ...action, extra: 1 })).toBeUndefined();
  });
});

describe('several playbooks', () => {
  it('starts a rollout on a second playbook chosen by id, with no code change', async () => {
    const tiny = tinyPlaybook();
    const two = createRolloutBot({ ...bot.deps, playbooks: new Map([...bot.deps.playbooks, [tiny.id, tiny]]) });
    const r = await two.handle(say('lead', 'init Pilot playbook=tiny'));
    expect(noticeText(r)).toContain('Rollout "Pilot" started (Tiny)');
    expect(views<NextView>(r, 'next')[0].tasks.map((t) => t.title)).toEqual(['A', 'B1', 'B2']);
    expect(error(await two.handle(say('lead', 'init Other playbook=nope'))).code).toBe('playbook.not_found');
  });
});
