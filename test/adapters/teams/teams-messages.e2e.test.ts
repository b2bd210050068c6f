// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20 (plain Node can); no
// test here gets as far as downloading signing keys, and a forged token must fail anyway.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline: no signing keys')) }));

import { readCardAction } from '../../../adapters/teams/card-action';
import { CONVERSATION_RECORD, ConversationReferences } from '../../../adapters/teams/conversation-references';
import { createTeamsSender, type TeamsSender } from '../../../adapters/teams/teams-sender';
import { CloudAdapter } from '@microsoft/agents-hosting';
import {
  CHANNEL, IIRO, LEENA, OUTSIDER, TEAM, TENANT, botAddedToTeam, channelMessage, groupChatMessage, personalMessage,
} from './support/activities';
import { startTeamsHarness, type TeamsHarness } from './support/teams-harness';
import { nodes, texts } from './support/views';

let h: TeamsHarness;
const where = () => ({ serviceUrl: h.connector.url });

beforeAll(async () => {
  h = await startTeamsHarness({});
});
afterAll(async () => {
  await h.close();
});

/** Sends one activity and returns the card the bot answered with (there must be exactly one). */
async function say(activity: unknown): Promise<unknown> {
  h.connector.clear();
  const res = await h.post(activity);
  expect(res.status).toBe(200);
  const cards = h.connector.cards();
  expect(cards).toHaveLength(1);
  return cards[0];
}

async function taskStatus(workspace: string, key: string): Promise<string> {
  const [rollout] = await h.bot.deps.store.listRollouts(workspace);
  const state = await h.bot.deps.store.load(rollout.id);
  return state!.tasks[key]?.status ?? 'open';
}

const teamWorkspace = `teams:${TENANT}:${TEAM}`;

describe('Teams by message, through the real server and a fake Bot Connector', () => {
  it('greets a team when installed there and keeps the channel reference', async () => {
    const card = await say(botAddedToTeam(where()));
    expect(texts(card).join(' ')).toContain('Luvat ja valvonta');
    const call = h.connector.calls[0];
    expect(call.conversationId).toBe(CHANNEL);
    const stored = await h.bot.deps.store.platformRecord(CONVERSATION_RECORD, `teams:${CHANNEL}`);
    expect(JSON.parse(stored!)).toMatchObject({ serviceUrl: h.connector.url, conversation: { id: CHANNEL }, channelId: 'msteams' });
  });

  it('runs the whole check-off flow in a channel, with the bot mention stripped', async () => {
    const created = await say(channelMessage(LEENA, 'init Kotikunta', where()));
    expect(texts(created).join(' ')).toContain('Kotikunta');
    const call = h.connector.calls[0];
    expect(call.operation).toBe('replyToActivity');
    expect(call.conversationId).toMatch(new RegExp(`^${CHANNEL.replace(/[.$]/g, '\\$&')};messageid=`));

    await say(channelMessage(LEENA, 'role add it <at>Iiro IT</at>', { ...where(), mentions: [IIRO] }));
    const roles = texts(await say(channelMessage(LEENA, 'roles', where()))).join(' ');
    expect(roles).toContain('Iiro IT');

    const next = await say(channelMessage(IIRO, "what's next?", where()));
    expect(texts(next).join(' ')).toContain('Compare the light e-service');

    const done = texts(await say(channelMessage(IIRO, 'done 2.1 -- compared both, interface wins', { ...where(), teamIn: 'teamsTeamId' }))).join(' ');
    expect(done).toMatch(/2\.1 .* is done/);
    expect(await taskStatus(teamWorkspace, 'investigate-conn-compare')).toBe('done');

    const status = texts(await say(channelMessage(IIRO, 'status', where()))).join('|');
    expect(status).toContain('Note: compared both, interface wins');
    expect(status).toMatch(/▰+▱+ {2}\|\d+\/\d+ done \(\d+%\)/);
  });

  it('refuses, translated, a user without the role', async () => {
    const fi = texts(await say(channelMessage(OUTSIDER, 'done 1', { ...where(), locale: 'fi-FI' }))).join(' ');
    expect(fi).toContain('Et voi muuttaa tehtävää');
    const en = texts(await say(channelMessage(OUTSIDER, 'done 1', { ...where(), locale: 'en-GB' }))).join(' ');
    expect(en).toContain('You cannot change');
    expect(await taskStatus(teamWorkspace, 'investigate-scope')).toBe('open');
  });

  it('does not claim "nothing changed" when only the reply failed after the change was made', async () => {
    h.connector.clear();
    h.connector.failNext(503);
    const res = await h.post(channelMessage(LEENA, 'done 3', where()));
    expect(res.status).toBe(200);
    expect(h.connector.failed.map((c) => [c.operation, c.status])).toEqual([['replyToActivity', 503]]);
    expect(h.connector.calls).toEqual([]);
    expect(await taskStatus(teamWorkspace, 'investigate-features')).toBe('done');
  });

  it('applies a repeated activity id once and answers it once', async () => {
    const activity = channelMessage(LEENA, 'done 1', { ...where(), id: '1763888499999' });
    await say(activity);
    const events = await h.bot.deps.store.events((await h.bot.deps.store.listRollouts(teamWorkspace))[0].id, 100);
    h.connector.clear();
    expect((await h.post(activity)).status).toBe(200);
    expect(h.connector.calls).toEqual([]);
    const after = await h.bot.deps.store.events((await h.bot.deps.store.listRollouts(teamWorkspace))[0].id, 100);
    expect(after.length).toBe(events.length);
    expect(await taskStatus(teamWorkspace, 'investigate-scope')).toBe('done');
  });

  it('follows activity.locale for the language', async () => {
    expect(texts(await say(channelMessage(IIRO, 'next', { ...where(), locale: 'sv-SE' }))).join(' ')).toContain('Nästa steg');
    expect(texts(await say(channelMessage(IIRO, 'next', { ...where(), locale: 'fi-FI' }))).join(' ')).toContain('Seuraavat askeleet');
    expect(texts(await say(channelMessage(IIRO, 'next', { ...where(), locale: 'en-US' }))).join(' ')).toContain('Next steps');
  });

  it('works in personal chat and group chats, plain questions included', async () => {
    const help = await say(personalMessage(LEENA, 'apua', where()));
    expect(texts(help).length).toBeGreaterThan(5);
    expect(texts(await say(personalMessage(LEENA, 'aloita Omat', where()))).join(' ')).toContain('Omat');
    expect(texts(await say(personalMessage(LEENA, 'mitä seuraavaksi?', where()))).join(' ')).toContain('Seuraavat askeleet');
    expect(texts(await say(groupChatMessage(IIRO, 'hjälp', where()))).length).toBeGreaterThan(5);
    // Buttons on the personal card carry actions the adapter can read back.
    const executes = nodes(await say(personalMessage(LEENA, 'next', where()))).filter((n) => n.type === 'Action.Execute');
    expect(readCardAction({ action: { type: 'Action.Execute', verb: executes[0].verb, data: executes[0].data } }).ok).toBe(true);
  });

  it('posts into a known channel later without being spoken to, and edits what it posted', async () => {
    const sender = h.server.senders.find((s) => s.platform === 'teams') as TeamsSender;
    const message = { channel: `teams:${CHANNEL}`, workspace: 'teams:tenant', text: 'Go-live starts on Monday.\n\n[Details](https://evil.example)', idempotencyKey: 'k1', kind: 'announcement' as const };
    h.connector.clear();
    const posted = await sender.post(message);
    expect(posted).toEqual({ ok: true, messageId: expect.stringMatching(/^fake-/) });
    // A new post in the channel, not a reply to some thread in it.
    expect(h.connector.calls[0]).toMatchObject({ operation: 'sendToConversation', conversationId: CHANNEL });
    expect(texts(h.connector.cards()[0])).toEqual(['Go-live starts on Monday.', '[Details](https://evil.example)']);

    h.connector.clear();
    const messageId = (posted as { messageId: string }).messageId;
    expect(await sender.update({ ...message, text: 'Go-live moved to Tuesday.', messageId })).toEqual({ ok: true, messageId });
    expect(h.connector.calls[0]).toMatchObject({ operation: 'updateActivity', conversationId: CHANNEL, activityId: messageId });

    // People the core writes as <@id> are shown by the name Teams told the bot.
    h.connector.clear();
    await sender.post({ ...message, text: `Ask <@${IIRO.id}> or <@29:1Unknown>.` });
    expect(texts(h.connector.cards()[0])).toEqual(['Ask @Iiro IT or @29:1Unknown.']);

    const views = await sender.postViews(`teams:${CHANNEL}`, [{ kind: 'notice', tone: 'info', text: 'Reminder' }], 'en');
    expect(views.ok).toBe(true);
    expect(await sender.post({ ...message, channel: 'teams:19:unknown@thread.tacv2' })).toMatchObject({ ok: false, retryable: false });
    expect(sender).toMatchObject({ platform: 'teams', minIntervalMs: 1000 });
  });

  it('reports throttling and outages as the outbox expects, without retrying by itself', async () => {
    const refs = new ConversationReferences(h.bot.deps.store);
    const sender = createTeamsSender(new CloudAdapter({}), refs, (locale) => h.bot.t(locale), {});
    const message = { channel: `teams:${CHANNEL}`, workspace: 'teams:tenant', text: 'Status', idempotencyKey: 'k2', kind: 'status' as const };
    h.connector.clear();
    h.connector.failNext(429, { 'retry-after': '7' });
    expect(await sender.post(message)).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 });
    h.connector.failNext(503);
    expect(await sender.post(message)).toMatchObject({ ok: false, retryable: true });
    h.connector.failNext(403);
    expect(await sender.post(message)).toMatchObject({ ok: false, retryable: false });
    expect(h.connector.calls).toEqual([]);
  });
});
