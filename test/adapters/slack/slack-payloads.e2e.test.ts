// The shared server also loads the Teams adapter, whose jwks-rsa requires `jose`, an ES module
// jest cannot require on Node 20 (plain Node can). Teams is not configured in these tests.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline')) }));

import { Writable } from 'node:stream';
import pino from 'pino';
import actionFixture from './fixtures/block-actions.json';
import commandFixture from './fixtures/slash-command.json';
import submissionFixture from './fixtures/view-submission.json';
import { SIGNING_SECRET, SlackHarness, buttonsOf, visibleText } from './slack-harness';
import { signedHeaders } from './slack-requests';

/** Every log line the app writes, parsed. */
const lines: Array<{ level: number; msg: string; reason?: string }> = [];
const logger = pino({ level: 'info' }, new Writable({ write(chunk: Buffer, _enc, done) { lines.push(JSON.parse(chunk.toString())); done(); } }));

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const interaction = (payload: unknown) => form({ payload: JSON.stringify(payload) });
const without = <T extends object>(o: T, key: keyof T) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

/** Signed correctly, shaped wrongly: what Slack never sends, but anyone holding the secret could. */
const MALFORMED: Array<[string, string, string?]> = [
  ['an interaction whose payload is not JSON', form({ payload: '{"type":"block_actions",' })],
  ['a block_actions payload without actions', interaction(without(actionFixture, 'actions'))],
  ['a block_actions payload with no user', interaction(without(actionFixture, 'user'))],
  ['a slash command without its user', form(without(commandFixture, 'user_id') as Record<string, string>)],
  ['a slash command without its response_url', form(without(commandFixture, 'response_url') as Record<string, string>)],
  ['a view submission without its view', interaction(without(submissionFixture, 'view'))],
  ['a view submission whose view has no state', interaction({ ...submissionFixture, view: without(submissionFixture.view, 'state') })],
  ['an interaction of a kind this app does not use', interaction({ type: 'message_action', user: { id: 'U0ANNA001' } })],
  ['an event callback without its event', JSON.stringify({ type: 'event_callback', team_id: 'T0ROLLOUT' }), 'application/json'],
];

describe('Slack adapter end to end: signed requests of a wrong or outdated shape', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await SlackHarness.start({}, undefined, logger);
    await h.ask('init Kunta');
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(MALFORMED)('answers %s with 400 at once, logs it once and changes nothing', async (_label, body, contentType = 'application/x-www-form-urlencoded') => {
    const before = { state: await h.state(), calls: h.fake.calls.length, lines: lines.length };
    const started = performance.now();
    const res = await fetch(h.eventsUrl, { method: 'POST', headers: signedHeaders(body, contentType, { secret: SIGNING_SECRET }), body });
    expect(res.status).toBe(400);
    expect(performance.now() - started).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 100));
    const logged = lines.slice(before.lines).filter((l) => l.level >= 40);
    expect(logged).toHaveLength(1);
    expect(await h.state()).toEqual(before.state);
    expect(h.fake.calls.length).toBe(before.calls);
  });

  it('acknowledges a click on a button of an earlier version and answers that it is out of date, with the current checklist', async () => {
    const status = await h.ask('status');
    const before = await h.state();
    const { reply, target } = await h.click(status, { action_id: 'rollout.confirm.1', value: '{"old":"format"}', text: { text: 'Confirm' } });
    expect(reply.status).toBe(200);
    expect(reply.ms).toBeLessThan(3000);
    const answer = await h.answer(target);
    const text = visibleText(answer);
    expect(text).toContain('This button is out of date');
    expect(text).toContain('use its buttons instead');
    // The current checklist, with today's buttons.
    expect(buttonsOf(answer).some((b) => b.action.name === 'done')).toBe(true);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(await h.state()).toEqual(before);
  });

  it('answers it in the clicker\'s language', async () => {
    h.fake.users.set('U0SVEN003', { locale: 'sv-SE', name: 'Sven' });
    const status = await h.ask('status');
    const { target } = await h.click(status, { action_id: 'legacy_done_button', value: 'x', text: { text: 'Klar' } }, { user: 'U0SVEN003' });
    expect(visibleText(await h.answer(target))).toContain('Den här knappen är föråldrad');
  });

  it('answers the submission of a form of an earlier version in the ack: the form says it is out of date', async () => {
    const before = await h.state();
    const body = interaction({ ...submissionFixture, view: { ...submissionFixture.view, callback_id: 'rollout.confirm_modal' } });
    const started = performance.now();
    const res = await fetch(h.eventsUrl, { method: 'POST', headers: signedHeaders(body, 'application/x-www-form-urlencoded', { secret: SIGNING_SECRET }), body });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3000);
    const ack = (await res.json()) as { response_action: string; view: { blocks: Array<{ text: { text: string } }> } };
    expect(ack.response_action).toBe('update');
    expect(ack.view.blocks[0].text.text).toContain('This form is out of date');
    expect(await h.state()).toEqual(before);
  });
});
