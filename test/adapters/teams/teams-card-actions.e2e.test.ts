// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20 (plain Node can).
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline: no signing keys')) }));

import { decodeAction } from '../../../src/core/action-codec';
import {
  CHANNEL, IIRO, LEENA, OUTSIDER, TEAM, TENANT, cardAction, channelMessage, personalMessage,
} from './support/activities';
import { startTeamsHarness, type TeamsHarness } from './support/teams-harness';
import { nodes, ofType, texts } from './support/views';

let h: TeamsHarness;
const where = () => ({ serviceUrl: h.connector.url });
const workspace = `teams:${TENANT}:${TEAM}`;

beforeAll(async () => {
  h = await startTeamsHarness({});
  await h.post(channelMessage(LEENA, 'init Kotikunta', where()));
  await h.post(channelMessage(LEENA, 'role add it <at>Iiro IT</at>', { ...where(), mentions: [IIRO] }));
});
afterAll(async () => {
  await h.close();
});

/** Sends a message and returns the card the bot posted and the id the connector gave that message. */
async function cardFor(activity: unknown): Promise<{ card: unknown; messageId: string }> {
  h.connector.clear();
  await h.post(activity);
  const call = h.connector.calls.find((c) => c.operation === 'replyToActivity')!;
  return { card: h.connector.cards()[0], messageId: `fake-id-of-${call.activityId}` };
}

/** The data of the button `title` (Execute buttons, also inside show-cards) acting on task `key` when given. */
function button(card: unknown, title: string, key?: string): Record<string, unknown> {
  const found = ofType(card, 'Action.Execute').find((e) => e.title === title && (!key || decodeAction((e.data as { action: string }).action)?.task === key));
  if (!found) throw new Error(`no ${title} button for ${key}`);
  return found.data as Record<string, unknown>;
}

/** The checkboxes of a card by task key: `[input id, checked]`. */
function toggles(card: unknown): Map<string, [string, boolean]> {
  return new Map(ofType(card, 'Input.Toggle').map((n) => [String(n.id).split(':').pop()!, [String(n.id), n.value === 'true']]));
}

/** What Teams sends for Save: the button's data and the value of every checkbox, some of them changed. */
function save(card: unknown, changes: Record<string, boolean>): Record<string, unknown> {
  const saveButton = ofType(card, 'Action.Execute').find((e) => (e.data as { toggles?: string }).toggles);
  if (!saveButton) throw new Error('no Save button');
  const data = { ...(saveButton.data as Record<string, unknown>) };
  for (const [key, [id, checked]] of toggles(card)) data[id] = String(changes[key] ?? checked);
  for (const key of Object.keys(changes)) if (!toggles(card).has(key)) throw new Error(`no checkbox for ${key}`);
  return data;
}

/** What Teams sends from a menu ("Not applicable…"): its submit button's data, the chosen task and the typed reason. */
function fromMenu(card: unknown, menu: string, task: string, reason?: string): Record<string, unknown> {
  const show = ofType(card, 'Action.ShowCard').find((a) => a.title === menu);
  if (!show) throw new Error(`no menu ${menu}`);
  const choices = ofType(show, 'Input.ChoiceSet')[0];
  expect((choices.choices as Array<{ value: string }>).map((c) => c.value)).toContain(task);
  const data = { ...(ofType(show, 'Action.Execute')[0].data as Record<string, unknown>), [String(choices.id)]: task };
  if (data.reasonInput) data[String(data.reasonInput)] = reason ?? '';
  return data;
}

async function click(activity: unknown): Promise<{ type: string; value: unknown }> {
  h.connector.clear();
  const res = await h.post(activity);
  expect(res.status).toBe(200);
  const body = res.body as { statusCode: number; type: string; value: unknown };
  expect(body.statusCode).toBe(200);
  return body;
}

async function status(key: string): Promise<{ status: string; reason?: string }> {
  const [rollout] = await h.bot.deps.store.listRollouts(workspace);
  return (await h.bot.deps.store.load(rollout.id))!.tasks[key] ?? { status: 'open' };
}

async function eventCount(): Promise<number> {
  const [rollout] = await h.bot.deps.store.listRollouts(workspace);
  return (await h.bot.deps.store.events(rollout.id, 1000)).length;
}

describe('Teams card buttons (Action.Execute invokes)', () => {
  it('checks tasks off with their checkboxes and one Save, answers with the updated card, also for the channel', async () => {
    const { card, messageId } = await cardFor(channelMessage(IIRO, 'status', where()));
    expect(toggles(card).get('investigate-conn-compare')).toEqual([expect.any(String), false]);
    const invoke = cardAction(IIRO, save(card, { 'investigate-conn-compare': true, 'investigate-impact-systems': true }), { ...where(), replyToId: messageId, id: 'f:click-1' });
    const answer = await click(invoke);
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    const shown = texts(answer.value);
    expect(shown[0]).toMatch(/^✅ 2\.1 .* is done/);
    expect(shown[1]).toMatch(/^✅ 4\.4 .* is done/);
    expect(toggles(answer.value).get('investigate-conn-compare')![1]).toBe(true);
    expect(await status('investigate-conn-compare')).toMatchObject({ status: 'done' });
    expect(await status('investigate-impact-systems')).toMatchObject({ status: 'done' });

    const put = h.connector.calls.filter((c) => c.operation === 'updateActivity');
    expect(put).toHaveLength(1);
    expect(put[0].activityId).toBe(messageId);
    expect(put[0].conversationId?.startsWith(CHANNEL)).toBe(true);

    // Teams retries an invoke with the same id: nothing changes twice.
    const before = await eventCount();
    const again = await click(invoke);
    expect(again).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'This click was already recorded.' });
    expect(await eventCount()).toBe(before);
    expect(h.connector.calls).toEqual([]);

    // Unchecking reopens.
    const reopened = await click(cardAction(IIRO, save(answer.value, { 'investigate-impact-systems': false }), where()));
    expect(texts(reopened.value)[0]).toMatch(/4\.4/);
    expect(await status('investigate-impact-systems')).toMatchObject({ status: 'open' });
  });

  it('answers Save with nothing changed by a message, without changing the card', async () => {
    const { card } = await cardFor(channelMessage(IIRO, 'status', where()));
    const before = await eventCount();
    expect(await click(cardAction(IIRO, save(card, {}), where()))).toEqual({
      statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'You changed no checkbox. Check or uncheck tasks, then save.',
    });
    expect(await eventCount()).toBe(before);
  });

  it('marks a task not applicable from the menu, with the reason typed into the card', async () => {
    const { card } = await cardFor(channelMessage(LEENA, 'status', where()));
    const input = String(button(card, 'Mark not applicable').reasonInput);
    expect(ofType(card, 'Input.Text').some((i) => i.id === input && i.isRequired === true)).toBe(true);

    // A blank reason is refused by the core, in the user's language, above the unchanged checklist.
    const empty = await click(cardAction(LEENA, fromMenu(card, 'Not applicable…', 'investigate-conn-costs', '  '), where()));
    expect(texts(empty.value)[0]).toBe('❌ Please give a reason.');
    expect(texts(empty.value)).toContain('Kotikunta');
    expect(await status('investigate-conn-costs')).toMatchObject({ status: 'open' });

    const answer = await click(cardAction(LEENA, fromMenu(card, 'Not applicable…', 'investigate-conn-costs', 'costs are set by the ministry'), where()));
    expect(texts(answer.value).join('|')).toContain('Reason: costs are set by the ministry');
    expect(await status('investigate-conn-costs')).toMatchObject({ status: 'na', reason: 'costs are set by the ministry' });
    // A skipped task comes back through "Reopen…".
    const reopened = await click(cardAction(LEENA, fromMenu(answer.value, 'Reopen…', 'investigate-conn-costs'), where()));
    expect(texts(reopened.value)[0]).toMatch(/reopened|open/i);
    expect(await status('investigate-conn-costs')).toMatchObject({ status: 'open' });
  });

  it('offers no checkbox and no menu entry for parents, which complete through their subtasks', async () => {
    const { card } = await cardFor(channelMessage(LEENA, 'status deploy', where()));
    const boxes = toggles(card);
    expect(boxes.has('deploy-communication')).toBe(false);
    expect(boxes.has('deploy-features')).toBe(false);
    expect(boxes.has('deploy-comm-topics')).toBe(true);
    const menuTasks = ofType(card, 'Input.ChoiceSet').flatMap((c) => (c.choices as Array<{ value: string }>).map((x) => x.value));
    expect(menuTasks).not.toContain('deploy-communication');
    expect(texts(card).join('|')).toMatch(/1 \|Go-live communication\| · completes through its subtasks/);
    // The whole go-live phase, 21 items, in one card.
    expect(boxes.size + ofType(card, 'RichTextBlock').filter((b) => /^(⬜|✅|➖|🔹) $/.test(String((b.inlines as Array<{ text: string }>)[0]?.text))).length).toBe(21);
    expect(ofType(card, 'Action.Execute').some((a) => decodeAction((a.data as { action: string }).action)?.name === 'page')).toBe(false);
  });

  it('refuses, translated, a change by someone without the role, and changes nothing', async () => {
    const { card } = await cardFor(channelMessage(LEENA, 'status', where()));
    const before = await eventCount();
    const answer = await click(cardAction(OUTSIDER, save(card, { 'investigate-scope': true }), { ...where(), locale: 'fi-FI' }));
    // The error on top of the checklist as it is, in Finnish, without checkboxes for someone without the role.
    const shown = texts(answer.value);
    expect(shown[0]).toContain('Et voi muuttaa tehtävää');
    expect(shown).toContain('Kotikunta');
    expect(shown.join('|')).toMatch(/⬜ \|1 \|.*· avoin/);
    expect(ofType(answer.value, 'Input.Toggle')).toEqual([]);
    expect(ofType(answer.value, 'Action.Execute')).toEqual([]);
    expect(await eventCount()).toBe(before);
    expect(h.connector.calls.filter((c) => c.operation === 'updateActivity')).toEqual([]);
  });

  it('answers tampered button data with a translated error card', async () => {
    const before = await eventCount();
    const forged = { action: JSON.stringify({ name: 'advance', rolloutId: 'x', admin: true }) };
    expect(texts((await click(cardAction(LEENA, forged, { ...where(), locale: 'fi-FI' }))).value)).toEqual([
      '❌ Painikkeen tiedot eivät kelpaa.', 'Hae tuore näkymä: tila',
    ]);
    expect(texts((await click(cardAction(LEENA, { action: '{' }, { ...where(), locale: 'sv-SE', verb: 'other' }))).value)[0]).toMatch(/knapp/i);
    expect(await eventCount()).toBe(before);
  });

  it('lets the lead advance past blockers with an override reason from the gate card', async () => {
    const { card } = await cardFor(channelMessage(LEENA, 'phase', where()));
    expect(texts(card)).toContain('⛔ These required tasks are still open:');
    const submit = button(card, 'Advance to Decide');
    const answer = await click(cardAction(LEENA, { ...submit, [String(submit.reasonInput)]: 'board meets on Friday' }, where()));
    expect(texts(answer.value).join(' ')).toMatch(/Decide/);
    const [rollout] = await h.bot.deps.store.listRollouts(workspace);
    expect(rollout.phase).toBe('decide');
  });

  it('keeps user text inert on the way through: notes and rollout names stay TextRun text', async () => {
    const note = '"}]}, {"type":"Action.OpenUrl","url":"https://evil"}';
    await h.post(channelMessage(LEENA, `done 1 -- ${note}`, where()));
    const { card } = await cardFor(channelMessage(LEENA, 'status', where()));
    expect(texts(card)).toContain(`Note: ${note}`);
    expect(ofType(card, 'Action.OpenUrl')).toEqual([]);

    const name = '[Kotikunta](https://evil.example) ${process.env} **x**';
    const created = await cardFor(personalMessage(OUTSIDER, `init ${name}`, where()));
    expect(ofType(created.card, 'Action.OpenUrl')).toEqual([]);
    const shown = texts((await cardFor(personalMessage(OUTSIDER, 'status', where()))).card);
    expect(shown.some((t) => t.includes(name))).toBe(true);
    expect(nodes(created.card).filter((n) => n.type === 'TextBlock')).toEqual([]);
  });

  it('answers clicks in personal chat with the card only (no shared update)', async () => {
    const { card } = await cardFor(personalMessage(OUTSIDER, 'next', where()));
    const first = [...toggles(card).keys()][0];
    const answer = await click(cardAction(OUTSIDER, save(card, { [first]: true }), { ...where(), personal: true, locale: 'fi-FI' }));
    expect(texts(answer.value)[0]).toMatch(/^✅/);
    expect(h.connector.calls).toEqual([]);
  });

  it('leaves other invokes to the SDK (501) and answers only Action.Execute', async () => {
    const other = { ...cardAction(LEENA, {}, where()), name: 'task/fetch' };
    h.connector.clear();
    expect((await h.post(other)).status).toBe(501);
    expect(h.connector.calls).toEqual([]);
  });
});
