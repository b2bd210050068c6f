import type { RolloutBot } from '../../src/app';
import type { BotResponse } from '../../src/core/request';
import type { ErrorView, OverviewView } from '../../src/core/views';
import { makeBot, say } from '../support/fixtures';

let bot: RolloutBot;
const error = (r: BotResponse) => r.views.find((v): v is ErrorView => v.kind === 'error');
const followed = async (user = 'lead') => ((await bot.handle(say(user, 'status'))).views[0] as OverviewView).rolloutName;

beforeEach(async () => {
  bot = makeBot();
  await bot.handle(say('lead', 'init Kotikunta'));
  await bot.handle(say('lead', 'role add it @ida'));
  // A second rollout, started by someone else in their own channel.
  await bot.handle(say('olli', 'init Oma', { channel: 'console:oma' }));
});
afterEach(() => bot.deps.store.close());

describe('rebinding a channel that follows a rollout', () => {
  it.each([
    ['use Oma', 'olli'],
    ['use Oma', 'ida'],
    ['init Kolmas', 'ida'],
  ])('%s by %s (not the lead there) is refused, naming who may, and changes nothing', async (text, user) => {
    const rollouts = (await bot.deps.store.listRollouts('console:local')).length;
    const r = await bot.handle(say(user, text));
    expect(error(r)).toMatchObject({
      code: 'channel.rebind_forbidden',
      text: 'This channel follows rollout "Kotikunta". Only its lead (lead) may bind it to another rollout.',
      hint: 'Ask the lead (lead) to do it, or use a channel of your own.',
    });
    expect(await followed()).toBe('Kotikunta');
    expect((await bot.deps.store.listRollouts('console:local')).length).toBe(rollouts);
  });

  it('is allowed to the lead of the rollout bound there', async () => {
    expect(error(await bot.handle(say('lead', 'use Oma')))).toBeUndefined();
    expect(await followed()).toBe('Oma');
  });

  it('in Slack also to a workspace admin, and the refusal says so', async () => {
    const slack = { platform: 'slack' as const, workspace: 'slack:T1', channel: 'slack:C1' };
    await bot.handle(say('lead', 'init Kunta', { ...slack, user: 'slack:ULEAD' }));
    const refused = await bot.handle(say('x', 'init Oma2', { ...slack, user: 'slack:UMEMBER' }));
    expect(error(refused)!.text).toBe('This channel follows rollout "Kunta". Only its lead (lead) or a workspace admin may bind it to another rollout.');
    expect(error(await bot.handle(say('x', 'init Oma2', { ...slack, user: 'slack:UADMIN', workspaceAdmin: true })))).toBeUndefined();
    expect((await bot.deps.store.rolloutForChannel('slack:C1'))!.name).toBe('Oma2');
  });

  it('a channel no rollout holds may be bound by anyone', async () => {
    expect(error(await bot.handle(say('ida', 'use Oma', { channel: 'console:free' })))).toBeUndefined();
    expect((await bot.deps.store.rolloutForChannel('console:free'))!.name).toBe('Oma');
  });
});
