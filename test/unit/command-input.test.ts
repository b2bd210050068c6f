import type { RolloutBot } from '../../src/app';
import type { BotResponse } from '../../src/core/request';
import type { ChecklistView, ErrorView, NextView, NoticeView } from '../../src/core/views';
import { makeBot, say } from '../support/fixtures';

let bot: RolloutBot;
const rolloutId = async () => (await bot.deps.store.listRollouts('console:local'))[0].id;
const state = async () => (await bot.deps.store.load(await rolloutId()))!;
const errors = (r: BotResponse) => r.views.filter((v): v is ErrorView => v.kind === 'error');
const notices = (r: BotResponse) => r.views.filter((v): v is NoticeView => v.kind === 'notice').map((n) => n.text);
const events = async () => bot.deps.store.events(await rolloutId(), 1000);

beforeEach(async () => {
  bot = makeBot();
  await bot.handle(say('lead', 'init Kotikunta'));
});
afterEach(() => bot.deps.store.close());

describe('tasks named the ways the README shows', () => {
  it('takes a phase name with spaces before the colon, quoted or not, in Finnish', async () => {
    const r = await bot.handle(say('lead', 'valmis Ota käyttöön:3.2', { locale: 'fi' }));
    expect(errors(r)).toEqual([]);
    expect(notices(r)[0]).toMatch(/^✅ Ota käyttöön -vaihe, 3\.2 .+ on valmis\./);
    await bot.handle(say('lead', 'valmis "Ota käyttöön":3.1 -- tehty', { locale: 'fi' }));
    const s = await state();
    const deploy = bot.deps.playbooks.get(s.rollout.playbookId)!.tasks.filter((t) => t.phase === 'deploy');
    expect(s.tasks[deploy.find((t) => t.ref === '3.2')!.key]).toMatchObject({ status: 'done' });
    expect(s.tasks[deploy.find((t) => t.ref === '3.1')!.key]).toMatchObject({ status: 'done', note: 'tehty' });
  });

  it('shows a phase by its number, and takes a trailing question mark', async () => {
    const byNumber = (await bot.handle(say('lead', 'tila 5', { locale: 'fi' }))).views[0] as ChecklistView;
    expect(byNumber).toMatchObject({ kind: 'checklist', phase: { key: 'deploy', number: 5 } });
    expect(((await bot.handle(say('lead', 'status 5'))).views[0] as ChecklistView).phase.key).toBe('deploy');
    const next = await bot.handle(say('lead', 'seuraava?', { locale: 'fi' }));
    expect(next.views[0]).toMatchObject({ kind: 'next' } as Partial<NextView>);
  });
});

describe('several tasks and a note', () => {
  it('checks off every task named and reports each', async () => {
    const r = await bot.handle(say('lead', 'done 1 3 4.1'));
    expect(errors(r)).toEqual([]);
    const done = notices(r).filter((n) => n.startsWith('✅'));
    expect(done.map((n) => n.split(' ')[1])).toEqual(['1', '3', '4.1']);
    const s = await state();
    expect(Object.values(s.tasks).filter((t) => t.status === 'done')).toHaveLength(3);
    expect(Object.values(s.tasks).some((t) => t.note)).toBe(false);
  });

  it('keeps a note given after two dashes or in quotes, and shows it was saved', async () => {
    const dashed = await bot.handle(say('lead', 'done 1 -- agreed with the board'));
    expect(notices(dashed)).toContain('📝 Note saved: agreed with the board');
    const quoted = await bot.handle(say('lead', 'done 3 "nothing optional"'));
    expect(notices(quoted)).toContain('📝 Note saved: nothing optional');
    const verbatim = 'see "Ota käyttöön": 3.2 -- and {"type":"x"}';
    await bot.handle(say('lead', `done 4.1 -- ${verbatim}`));
    const s = await state();
    expect(s.tasks['investigate-scope'].note).toBe('agreed with the board');
    expect(s.tasks['investigate-features'].note).toBe('nothing optional');
    expect(s.tasks['investigate-impact-processes'].note).toBe(verbatim);
  });

  it('refuses words that are neither a task nor a marked note, changing nothing', async () => {
    const before = await events();
    const r = await bot.handle(say('lead', 'done 1 agreed with the board'));
    expect(errors(r)[0]).toMatchObject({ code: 'task.note_unmarked', text: '"agreed" is not a task. A note goes after two dashes or in quotes.' });
    expect(errors(r)[0].hint).toContain('done 1 -- ');
    expect(await events()).toEqual(before);
  });

  it('changes none of several tasks when one is refused, naming each refusal', async () => {
    await bot.handle(say('lead', 'done 1'));
    const before = await events();
    const r = await bot.handle(say('lead', 'done 3 1 2'));
    expect(errors(r).map((e) => e.code)).toEqual(['task.already_done', 'task.children_open']);
    expect(await events()).toEqual(before);
  });

  it('reopens several tasks at once', async () => {
    await bot.handle(say('lead', 'done 1 3'));
    const r = await bot.handle(say('lead', 'undo 1 3'));
    expect(notices(r).filter((n) => n.startsWith('↩️'))).toHaveLength(2);
    expect(Object.values((await state()).tasks).map((t) => t.status)).toEqual(['open', 'open']);
  });
});

describe('usage errors say what is wrong', () => {
  it.each([
    ['role add it @Maija Meikäläinen', 'command.extra_word', 'There is an extra word in the command: "Meikäläinen".', 'role add|remove <role> <@person>'],
    ['next red', 'command.unknown_word', 'I don\'t know the word "red" in this command.', 'next [mine]'],
    ['next mine please', 'command.extra_word', 'There is an extra word in the command: "please".', 'next [mine]'],
    ['phase forward', 'command.unknown_word', 'I don\'t know the word "forward" in this command.', 'phase [next'],
    ['log ten', 'command.unknown_word', 'I don\'t know the word "ten" in this command.', 'log [n]'],
    ['undo 1 now', 'command.extra_word', 'There is an extra word in the command: "now".', 'undo <task>'],
    ['option light-eservice maybe', 'command.unknown_word', 'I don\'t know the word "maybe" in this command.', 'option <light-eservice'],
    ['option light-eservice on now', 'command.extra_word', 'There is an extra word in the command: "now".', 'option <light-eservice'],
    ['channel it #it fi extra', 'command.extra_word', 'There is an extra word in the command: "extra".', 'channel <role>'],
    ['set weather sunny', 'command.unknown_word', 'I don\'t know the word "weather" in this command.', 'set organisation'],
    ['assign 1 @ida now', 'command.extra_word', 'There is an extra word in the command: "now".', 'assign <task>'],
  ])('%s', async (text, code, message, usage) => {
    const before = await events();
    const [error] = errors(await bot.handle(say('lead', text)));
    expect(error).toMatchObject({ code, text: message });
    expect(error.hint).toContain(usage);
    expect(await events()).toEqual(before);
  });
});
