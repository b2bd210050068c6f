import pino from 'pino';
import { createCore } from '../../src/compose';
import type { Locale } from '../../src/core/locale';
import type { BotAction, BotRequest, BotResponse, Platform } from '../../src/core/request';
import type { View } from '../../src/core/views';
import { finishPhase } from '../../test/support/fixtures';

/** One thing the bot can send, as the core answered it: a command's answer, a click's card, the App Home. */
export interface Shot {
  /** File name without extension, e.g. `checklist-deploy`. */
  name: string;
  response: BotResponse;
  /** How it is shown: a reply, the card a click leaves behind, or Slack's App Home. */
  surface: 'reply' | 'update' | 'home';
}

/** The Teams channel the communications role is mapped to (with `here`). */
export const TEAMS_COMMS_CHANNEL = 'teams:19:c0a1b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2';

type PlatformIds = { workspace: string; main: string; comms: string; user: (name: string) => string; channelToken: string };

const IDS: Record<Exclude<Platform, 'console'>, PlatformIds> = {
  slack: {
    workspace: 'slack:T0KOTI',
    main: 'slack:C0MAIN',
    comms: 'slack:C0VIESTINTA',
    user: (name) => `slack:U0${name.toUpperCase()}`,
    channelToken: '<#C0VIESTINTA|viestinta>',
  },
  teams: {
    workspace: 'teams:tenant-1:19:team@thread.tacv2',
    main: 'teams:19:main@thread.tacv2',
    comms: TEAMS_COMMS_CHANNEL,
    user: (name) => `teams:29:1${name}`,
    channelToken: 'here',
  },
};

const PEOPLE: Record<string, string> = { leena: 'Leena Vetäjä', iiro: 'Iiro Ilmonen', kaisa: 'Kaisa Viestintä' };

/**
 * A realistic rollout, driven through the real core on a throwaway database: roles and a
 * bilingual channel set up, the first four phases done (one implementation task left open and
 * the lead advanced past it), and the go-live phase half way with a note, a skipped task and an
 * assignee. Returns every view the bot sends along the way and at the end, in `locale`.
 */
export async function runScenario(platform: 'slack' | 'teams', locale: Locale): Promise<Shot[]> {
  const bot = createCore({ databaseUrl: ':memory:', defaultLocale: locale, logger: pino({ level: 'silent' }) });
  const ids = IDS[platform];
  const shots: Shot[] = [];
  let counter = 0;
  const request = (who: string, extra: Partial<BotRequest>): BotRequest => ({
    platform,
    workspace: ids.workspace,
    channel: ids.main,
    user: ids.user(who),
    userName: PEOPLE[who],
    locale,
    requestId: `shot-${++counter}`,
    ...extra,
  });
  const say = (who: string, text: string, extra: Partial<BotRequest> = {}) => bot.handle(request(who, { text, ...extra }));
  const click = (who: string, action: BotAction) => bot.handle(request(who, { action }));
  const keep = (name: string, response: BotResponse, surface: Shot['surface'] = 'reply') => {
    shots.push({ name, response, surface });
    return response;
  };
  // Both adapters hand the core a mention as `<@native id>`.
  const mention = (who: string) => `<@${ids.user(who).slice(platform.length + 1)}>`;

  try {
    keep('help', await say('leena', 'help'));
    keep('init', await say('leena', 'init Kotikunta'));
    for (const who of ['leena', 'iiro', 'kaisa']) await say(who, `lang ${locale}`);
    await say('leena', `role add it ${mention('iiro')}`);
    await say('leena', `role add communications ${mention('kaisa')}`);
    keep('channel-mapped', await say('leena', `channel communications ${ids.channelToken} fi+sv`, platform === 'teams' ? { channel: ids.comms } : {}));
    await say('leena', 'set organisation Kotikunta');
    await say('leena', 'set contact Maija Meikäläinen, 040 123 4567');
    await say('leena', 'set golive 1.3.2027');

    const rolloutId = (await bot.deps.store.listRollouts(ids.workspace))[0].id;
    for (const phase of ['investigate', 'decide', 'plan']) {
      await finishPhase(bot, rolloutId, phase);
      await say('leena', 'phase next');
    }
    await finishPhase(bot, rolloutId, 'implement');
    await say('leena', 'undo 4');
    keep('gate-blocked', await say('leena', 'phase'));
    keep('gate-not-lead', await say('iiro', 'phase'));
    await say('leena', 'phase next override testing continues during go-live week');

    keep('done', await say('kaisa', 'done 1.1 agreed with HR in the steering group; the groups are listed in the intranet'));
    await say('kaisa', 'done 1.2');
    await say('leena', 'done 2');
    await say('iiro', 'done 4.1');
    await say('leena', `assign 3.4 ${mention('iiro')}`);
    await say('leena', 'due 3.4 +1w');
    await say('leena', 'option light-eservice off');
    await say('leena', `skip 3.5 ${'the customer guidance is renewed separately in the spring, together with the web pages. '.repeat(2).trim()}`);
    keep('overview', await say('leena', 'status'));
    keep('checklist-deploy', await say('leena', 'status deploy'));
    keep('checklist-deploy-it', await say('iiro', 'status deploy'));
    keep('next', await say('leena', 'next'));
    keep('next-mine', await say('iiro', 'next mine'));
    keep('gate', await say('leena', 'phase'));
    keep('plan', await say('leena', 'plan'));
    keep('roles', await say('leena', 'roles'));
    keep('channels', await say('leena', 'channels'));
    keep('announce-list', await say('leena', 'announce'));
    keep('announce-preview', await say('leena', 'announce golive-coming'));
    keep('log', await say('leena', 'log 8'));
    keep('unknown-task', await say('leena', 'done 99'));

    const checklist = (await say('kaisa', 'status deploy')).views.find((v) => v.kind === 'checklist');
    const itTask = checklist?.kind === 'checklist' ? checklist.tasks.find((t) => t.role === 'it' && t.status === 'open' && !t.hasChildren) : undefined;
    if (itTask) keep('refused-click', await click('kaisa', { name: 'done', rolloutId, task: itTask.key, from: 'checklist' }), 'update');
    const own = checklist?.kind === 'checklist' ? checklist.tasks.find((t) => t.role === 'communications' && t.status === 'open' && !t.hasChildren) : undefined;
    if (own) keep('click-done', await click('kaisa', { name: 'done', rolloutId, task: own.key, from: 'checklist' }), 'update');
    keep('send', await say('leena', 'announce send'));
    keep('outbox', await say('leena', 'announce status'));
    if (platform === 'slack') keep('home', await bot.home(request('leena', {})), 'home');
  } finally {
    await bot.deps.store.close();
  }
  return shots;
}

/** The views of a shot in the order they are shown. */
export function viewsOf(shot: Shot): View[] {
  return shot.response.views;
}
