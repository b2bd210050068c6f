import type { BotResponse } from '../../src/core/request';
import type { ErrorView } from '../../src/core/views';
import type { RolloutBot } from '../../src/app';
import { makeBot, say } from '../support/fixtures';

/**
 * Each refusal says exactly what went wrong and what to do next, and changes nothing: the
 * code, the text and the hint the person reads, with the counts and task numbers they see.
 */
let bot: RolloutBot;

beforeEach(async () => {
  bot = makeBot();
  await bot.handle(say('lead', 'init Kotikunta'));
  await bot.handle(say('lead', 'role add it @ida'));
});
afterEach(() => bot.deps.store.close());

const errorOf = (r: BotResponse) => r.views.find((v): v is ErrorView => v.kind === 'error');

async function snapshot() {
  const id = (await bot.deps.store.listRollouts('console:local'))[0].id;
  return { state: await bot.deps.store.load(id), events: await bot.deps.store.events(id, 1000) };
}

const cases: Array<[user: string, text: string, code: string, said: string, hint: string]> = [
  ["ida", "done 1", "auth.forbidden", "You cannot change 1 Scope the transactions to offer: only Rollout lead may.", "Ask the lead to give you the role or to make the change."],
  ["ida", "role add it @olli", "auth.lead_only", "Only the rollout lead can do this.", "See who the lead is: roles"],
  ["ida", "phase next override because", "auth.lead_only", "Only the rollout lead can do this.", "See who the lead is: roles"],
  ["lead", "done 7.7", "task.not_found", "There is no task \"7.7\".", "See the tasks and their numbers: status"],
  ["lead", "skip 1", "task.reason_required", "Please give a reason.", "Usage: skip <task> <reason>"],
  ["lead", "frobnicate", "command.unknown", "I don't know the command \"frobnicate\".", "Type \"help\" to see the commands."],
  ["lead", "phase next", "gate.blocked", "The phase cannot move on yet: 9 required tasks are open (1, 2.1, 2.2, 3, 4.1, 4.2, 4.3, 4.4, 5).", "Finish or skip the tasks, or the lead can move on with a reason: phase next override <reason>"],
  ["lead", "role add wizard @olli", "role.not_found", "There is no role \"wizard\".", "Roles: lead, communications, customer-service, staff, it, change-support, ptv, management"],
  ["lead", "role remove lead @lead", "role.last_lead", "A rollout must keep at least one lead.", "Add another lead first: role add lead <@person>"],
  ["lead", "assign 1 bob", "user.invalid", "\"bob\" is not a person.", "Mention a person, e.g. @name."],
  ["lead", "status nowhere", "phase.not_found", "There is no phase \"nowhere\".", "Phases: investigate (Investigate), decide (Decide), plan (Plan), implement (Implement), deploy (Go live), sustain (Sustain)"],
  ["lead", "lang de", "lang.unknown", "There is no language \"de\". Choose: fi, sv, en.", "For example: lang fi"],
  ["lead", "init Kotikunta", "rollout.exists", "A rollout named \"Kotikunta\" already exists.", "Pick another name, or bind it to this channel: use <name>"],
  ["lead", `done 1 ${'x'.repeat(2001)}`, "input.too_long", "The message is too long (at most 2000 characters).", "Shorten the message and try again."],
  ["lead", "done 1'; DROP TABLE tasks; --", "task.not_found", "There is no task \"1';\".", "See the tasks and their numbers: status"],
  ["lead", "done nowhere:3", "task.not_found", "There is no task \"nowhere:3\".", "See the tasks and their numbers: status"],
  ["lead", "done 3x", "task.not_found", "There is no task \"3x\".", "Did you mean \"3\"? See the tasks: status"],
  ["lead", "done 3.22", "task.not_found", "There is no task \"3.22\".", "See the tasks and their numbers: status"],
  ["lead", "done qwxzv", "task.not_found", "There is no task \"qwxzv\".", "See the tasks and their numbers: status"],
  ["lead", "done 12", "task.not_found", "There is no task \"12\".", "Did you mean \"1\"? See the tasks: status"],
];

describe('refusals name the problem and the way on', () => {
  it.each(cases)('%s: %s -> %s', async (user, text, code, said, hint) => {
    const before = await snapshot();
    const r = await bot.handle(say(user, text));
    expect(errorOf(r)).toMatchObject({ code, text: said, hint });
    expect(r.changed).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it('suggests the nearest task number for a mistyped one', async () => {
    const r = await bot.handle(say('lead', 'done 4.22'));
    expect(errorOf(r)).toMatchObject({ code: 'task.not_found', text: 'There is no task "4.22".', hint: 'Did you mean "4.2"? See the tasks: status' });
  });

  it('answers in Finnish with the same facts', async () => {
    const r = await bot.handle(say('lead', 'done nowhere:3', { locale: 'fi' }));
    expect(errorOf(r)?.code).toBe('task.not_found');
    expect(errorOf(r)?.text).toContain('"nowhere:3"');
    const gate = await bot.handle(say('lead', 'phase next', { locale: 'fi' }));
    expect(errorOf(gate)?.text).toContain('9');
    expect(errorOf(gate)?.text).toContain('1, 2.1, 2.2, 3, 4.1, 4.2, 4.3, 4.4, 5');
  });
});
