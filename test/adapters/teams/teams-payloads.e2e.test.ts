// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20; no token is checked here.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline: no signing keys')) }));

import { Writable } from 'node:stream';
import pino from 'pino';
import { LEENA, TEAM, TENANT, cardAction, channelMessage, personalMessage } from './support/activities';
import { startTeamsHarness, type TeamsHarness } from './support/teams-harness';

const lines: Array<{ level: number; msg: string }> = [];
const logger = pino({ level: 'info' }, new Writable({ write(chunk: Buffer, _enc, done) { lines.push(JSON.parse(chunk.toString())); done(); } }));

describe('Teams: activities of a wrong shape, and card submissions not meant for the bot', () => {
  let h: TeamsHarness;
  const state = async () => {
    const [rollout] = await h.bot.deps.store.listRollouts(`teams:${TENANT}:${TEAM}`);
    return rollout ? h.bot.deps.store.load(rollout.id) : undefined;
  };

  beforeAll(async () => {
    h = await startTeamsHarness({}, logger);
    expect((await h.post(channelMessage(LEENA, 'init Kotikunta', { serviceUrl: h.connector.url }))).status).toBe(200);
  });
  afterAll(async () => {
    await h.close();
  });

  it.each([
    ['no value', undefined],
    ['a value without the clicked action', { trigger: 'manual' }],
    ['an action that is not an object', { action: 'done 1' }],
  ])('answers a card action invoke with %s with 400, logs it once and changes nothing', async (_label, value) => {
    const before = { state: await state(), lines: lines.length };
    h.connector.calls.length = 0;
    const res = await h.post({ ...cardAction(LEENA, {}, { serviceUrl: h.connector.url }), value });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect(lines.slice(before.lines).filter((l) => l.level >= 40)).toHaveLength(1);
    expect(await state()).toEqual(before.state);
    expect(h.connector.calls).toEqual([]);
  });

  it('ignores a message with no text but a value (an Action.Submit of another card): no help card, nothing changed', async () => {
    const before = await state();
    for (const activity of [
      { ...personalMessage(LEENA, '', { serviceUrl: h.connector.url }), value: { choice: 'yes' } },
      { ...channelMessage(LEENA, '', { serviceUrl: h.connector.url }), value: { comment: 'hello' } },
    ]) {
      h.connector.calls.length = 0;
      const res = await h.post(activity);
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(h.connector.calls).toEqual([]);
    }
    expect(await state()).toEqual(before);
  });

  it('still answers an empty message without a value with the help card', async () => {
    h.connector.calls.length = 0;
    expect((await h.post(personalMessage(LEENA, '', { serviceUrl: h.connector.url }))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.connector.calls.length).toBeGreaterThan(0);
  });
});
