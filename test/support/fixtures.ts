import pino from 'pino';
import { createRolloutBot, type RolloutBot } from '../../src/app';
import type { BotRequest } from '../../src/core/request';
import { defaultPlaybookDir, loadPlaybooks } from '../../src/domain/load-playbooks';
import { indexPlaybook, type LoadedPlaybook, type Playbook } from '../../src/domain/playbook';
import type { RolloutState } from '../../src/domain/rollout';
import { Translations } from '../../src/i18n/i18n';
import { defaultTemplateDir, loadTemplates } from '../../src/comms/load-templates';
import { openStores } from '../../src/store/open-store';

const text = (s: string) => ({ fi: `${s} fi`, sv: `${s} sv`, en: s });

/** A small playbook whose shape exercises every rule: nesting, conditions, prerequisites. */
export function tinyPlaybook(): LoadedPlaybook {
  const playbook: Playbook = {
    id: 'tiny',
    name: text('Tiny'),
    service: text('Service'),
    roles: [
      { key: 'lead', name: text('Lead') },
      { key: 'it', name: text('IT') },
      { key: 'communications', name: text('Comms') },
    ],
    options: [{ key: 'light', name: text('Light') }],
    phases: [
      {
        key: 'one',
        name: text('One'),
        summary: text('First'),
        tasks: [
          { key: 'a', title: text('A'), role: 'lead' },
          {
            key: 'b',
            title: text('B'),
            role: 'communications',
            children: [
              { key: 'b1', title: text('B1'), role: 'communications' },
              { key: 'b2', title: text('B2'), role: 'it', condition: 'light' },
            ],
          },
          { key: 'c', title: text('C'), role: 'it', after: ['a'] },
        ],
      },
      { key: 'two', name: text('Two'), summary: text('Second'), tasks: [{ key: 'd', title: text('D'), role: 'it' }] },
    ],
  };
  return indexPlaybook(playbook);
}

export function stateOf(partial: Partial<RolloutState> & { options?: Record<string, boolean>; phase?: string } = {}): RolloutState {
  return {
    rollout: {
      id: 'r1',
      workspace: 'console:local',
      name: 'Test',
      playbookId: 'tiny',
      phase: partial.phase ?? 'one',
      locale: 'en',
      options: partial.options ?? {},
      settings: {},
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'console:lead',
    },
    tasks: partial.tasks ?? {},
    members: partial.members ?? [{ role: 'lead', user: 'console:lead' }],
    channels: partial.channels ?? [],
    drafts: [],
  };
}

/** A fixed clock that moves one second per reading, so event order is deterministic. */
export function steppingClock(start = Date.parse('2026-11-23T09:00:00.000Z')) {
  let now = start;
  return { now: () => new Date((now += 1000)) };
}

/** The real core on an in-memory SQLite store and the shipped playbook. */
export function makeBot(databaseUrl = ':memory:'): RolloutBot {
  const playbooks = loadPlaybooks(defaultPlaybookDir());
  const { rollouts, outbox } = openStores(databaseUrl);
  return createRolloutBot({
    store: rollouts,
    outbox,
    playbooks,
    templates: loadTemplates(defaultTemplateDir(), playbooks),
    translations: new Translations(),
    clock: steppingClock(),
    logger: pino({ level: 'silent' }),
    defaultLocale: 'en',
  });
}

/**
 * Rollout "Kotikunta" led by `lead`, with `viestija` in communications, `ida` in IT, and role
 * channels in each kind of language: communications fi+sv, staff fi, customer service sv.
 */
export async function rolloutWithRoleChannels(bot: RolloutBot): Promise<void> {
  for (const text of [
    'init Kotikunta',
    'role add communications @viestija',
    'role add it @ida',
    'channel communications #viestinta fi+sv',
    'channel staff #henkilosto fi',
    'channel customer-service #kundtjanst sv',
  ]) await bot.handle(say('lead', text));
}

/** A console-platform request from a user, in a channel, with text. */
export function say(user: string, text: string, extra: Partial<BotRequest> = {}): BotRequest {
  return { platform: 'console', workspace: 'console:local', channel: 'console:main', user: `console:${user}`, userName: user, locale: 'en', text, ...extra };
}

/**
 * The team has finished a phase: every task in it is marked done in one store change, without
 * announcements or status refreshes, so that a test can go on to advance without an override.
 */
export async function finishPhase(bot: RolloutBot, rolloutId: string, phase: string): Promise<void> {
  const state = await bot.deps.store.load(rolloutId);
  const playbook = state && bot.deps.playbooks.get(state.rollout.playbookId);
  if (!playbook) throw new Error(`finishPhase: no rollout ${rolloutId}`);
  const changes = playbook.tasks
    .filter((t) => t.phase === phase && t.childKeys.length === 0)
    .map((t) => ({ type: 'task.set' as const, task: t.key, record: { status: 'done' as const } }));
  const meta = { actor: 'test:team', platform: 'system' as const, at: bot.deps.clock.now().toISOString() };
  const result = await bot.deps.store.transact(rolloutId, meta, () => ({ ok: true, changes, value: null }));
  if (!result.ok) throw new Error(`finishPhase: ${JSON.stringify(result)}`);
}
