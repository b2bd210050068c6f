import type { RolloutBot } from '../../src/app';
import { unmarked } from '../../src/comms/given-values';
import type { BotResponse } from '../../src/core/request';
import type { AnnouncementView, NoticeView } from '../../src/core/views';
import { makeBot, say } from '../support/fixtures';

let bot: RolloutBot;
const rolloutId = async () => (await bot.deps.store.listRollouts('console:local'))[0].id;
const texts = (r: BotResponse) => r.views.map((v) => JSON.stringify(v)).join('\n');
/** Control characters other than tab and newline, as JSON writes them. */
const CONTROL = /\\u00[01][0-9a-f]|\\u007f|[\u0080-\u009f]/i;

beforeEach(async () => {
  bot = makeBot();
  await bot.handle(say('lead', 'init Kotikunta'));
});
afterEach(() => bot.deps.store.close());

describe('control characters in what people type', () => {
  it('are removed before a note is stored and echoed, keeping the words', async () => {
    const r = await bot.handle(say('lead', 'done 1 -- \u001b[31mscope\u001b[0m agreed\u0007 with the\u009b0m board\u0000'));
    expect(texts(r)).not.toMatch(CONTROL);
    const state = await bot.deps.store.load(await rolloutId());
    expect(state!.tasks['investigate-scope'].note).toBe('scope agreed with the board');
  });

  it('are removed from a skip reason given with a button and from a display name', async () => {
    const id = await rolloutId();
    const action = { name: 'skip' as const, rolloutId: id, task: 'investigate-features', reason: 'not\u001b]0;owned\u0007 needed\u0085' };
    await bot.handle(say('lead', '', { text: undefined, action, userName: 'Le\u001b[1mad' }));
    const state = await bot.deps.store.load(id);
    expect(state!.tasks['investigate-features']).toMatchObject({ status: 'na', reason: 'not needed' });
    expect(await bot.deps.store.userNames(['console:lead'])).toEqual({ 'console:lead': 'Lead' });
    await bot.home({ platform: 'console', workspace: 'console:local', channel: 'console:main', user: 'console:ida', userName: '\u001b[5mIda\u0007' });
    expect(await bot.deps.store.userNames(['console:ida'])).toEqual({ 'console:ida': 'Ida' });
  });

  it('are removed from values that go into an announcement, keeping newlines', async () => {
    await bot.handle(say('lead', 'channel staff #henkilosto en'));
    const r = await bot.handle(say('lead', 'deviation tests\u001b[2J slipped\u0008 contact="Maija\u000b 040"'));
    const preview = r.views.find((v): v is AnnouncementView => v.kind === 'announcement')!;
    expect(unmarked(preview.targets[0].text)).toContain('Reason: tests slipped');
    expect(unmarked(preview.targets[0].text)).toContain('More information: Maija 040');
    expect(texts(r)).not.toMatch(CONTROL);
    expect((r.views.find((v) => v.kind === 'notice') as NoticeView | undefined)?.text ?? '').not.toMatch(CONTROL);
  });
});
