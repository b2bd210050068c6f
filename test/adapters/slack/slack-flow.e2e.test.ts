// The shared server also loads the Teams adapter, whose jwks-rsa requires `jose`, an ES module
// jest cannot require on Node 20 (plain Node can). Teams is not configured in these tests.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline')) }));

import { ACK_BUDGET_MS } from '../../../adapters/slack/slack-runtime';
import { createOutboxWorker } from '../../../src/comms/delivery';
import appHomeOpened from './fixtures/app-home-opened.json';
import appMention from './fixtures/app-mention.json';
import messageIm from './fixtures/message-im.json';
import urlVerification from './fixtures/url-verification.json';
import { SlackHarness, buttonsOf, visibleText, type SentMessage } from './slack-harness';

/** The whole check-off flow through real HTTP: signed requests in, Web API / response_url calls out. */
describe('Slack adapter end to end: check-off flow', () => {
  let h: SlackHarness;
  let checklist: SentMessage;

  beforeAll(async () => {
    h = await SlackHarness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  const taskStatus = async (key: string) => (await h.state())?.tasks[key]?.status ?? 'open';

  it('answers Slack URL verification with the challenge', async () => {
    const reply = await h.event(urlVerification);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ challenge: urlVerification.challenge });
  });

  it('/rollout init: a fast core answers in the ack itself, in the channel, with no response_url call', async () => {
    const { reply, target, acked } = await h.command('init Kunta Esimerkki');
    expect(reply.status).toBe(200);
    expect(reply.ms).toBeLessThan(ACK_BUDGET_MS);
    expect(acked).toBeDefined();
    const answer = await h.answer(target);
    expect(answer).toBe(acked);
    expect(answer.response_type).toBe('in_channel');
    expect(visibleText(answer)).toContain('Rollout "Kunta Esimerkki" started');
    expect(visibleText(answer)).toContain('Next steps: Investigate');
    expect((await h.state())?.rollout.name).toBe('Kunta Esimerkki');
    // The answer came once, in the ack: nothing follows through the response_url.
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.of('response_url', target)).toHaveLength(0);
  });

  it('/rollout done <task> -- <note> checks the task off and tells the channel', async () => {
    const { target } = await h.command('done 1 -- agreed with the board');
    const answer = await h.answer(target);
    expect(answer.response_type).toBe('in_channel');
    expect(visibleText(answer)).toContain('1 Scope the transactions to offer is done');
    const state = await h.state();
    expect(state?.tasks['investigate-scope']).toMatchObject({ status: 'done', note: 'agreed with the board', updatedBy: 'slack:U0ANNA001' });
  });

  it('/rollout status <phase> shows the checklist privately, with icons, progress and buttons', async () => {
    const { target } = await h.command('status investigate');
    checklist = await h.answer(target);
    expect(checklist.response_type).toBe('ephemeral');
    const text = visibleText(checklist);
    expect(text).toContain('Phase 1: Investigate');
    expect(text).toContain(':white_check_mark: *1* Scope the transactions to offer');
    expect(text).toContain('Note: agreed with the board');
    expect(text).toMatch(/▰▱+ 1\/9 done \(11%\)/);
    const labels = buttonsOf(checklist).map((b) => b.text.text);
    expect(labels).toContain('Done');
    expect(labels).toContain('Not applicable');
    expect(labels).toContain('Reopen');
  });

  it('the Done button checks a task off and updates the same message in place', async () => {
    const done = buttonsOf(checklist).find((b) => b.action.name === 'done' && b.action.task === 'investigate-conn-costs')!;
    const { reply, target } = await h.click(checklist, done);
    expect(reply.status).toBe(200);
    const [updated] = await h.fake.waitFor('response_url', 1, target);
    const message = updated.body as SentMessage;
    expect(message.replace_original).toBe(true);
    expect(visibleText(message)).toContain(':white_check_mark: *2.2* Weigh the cost of each connection method');
    expect(visibleText(message)).toMatch(/2\/9 done/);
    expect(buttonsOf(message).find((b) => b.action.task === 'investigate-conn-costs')?.text.text).toBe('Reopen');
    expect(await taskStatus('investigate-conn-costs')).toBe('done');
    checklist = message;
  });

  it('Not applicable asks for the reason in a modal, then updates the original message', async () => {
    const skip = buttonsOf(checklist).find((b) => b.action.name === 'skip' && b.action.task === 'investigate-features')!;
    const { target } = await h.click(checklist, skip);
    const [open] = await h.fake.waitFor('views.open');
    const modal = open.body.view as Record<string, unknown>;
    expect(open.body.trigger_id).toMatch(/^trigger\./);
    expect(visibleText(modal as SentMessage)).toContain('Why does this task not apply to you?');
    expect(visibleText(modal as SentMessage)).toContain('*3* Pick the optional features');
    expect(await taskStatus('investigate-features')).toBe('open');

    const reply = await h.submit(modal, 'We offer every feature');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('');
    const [updated] = await h.fake.waitFor('response_url', 1, target);
    const message = updated.body as SentMessage;
    expect(message.replace_original).toBe(true);
    expect(visibleText(message)).toContain(':heavy_minus_sign: *3* ~Pick the optional features~');
    expect(visibleText(message)).toContain('Reason: We offer every feature');
    expect((await h.state())?.tasks['investigate-features']).toMatchObject({ status: 'na', reason: 'We offer every feature' });
    checklist = message;
  });

  it('Reopen puts a finished task back to open', async () => {
    const reopen = buttonsOf(checklist).find((b) => b.action.name === 'undo' && b.action.task === 'investigate-conn-costs')!;
    const { target } = await h.click(checklist, reopen);
    const [updated] = await h.fake.waitFor('response_url', 1, target);
    expect(visibleText(updated.body as SentMessage)).toContain(':white_large_square: *2.2* Weigh the cost');
    expect(await taskStatus('investigate-conn-costs')).toBe('open');
  });

  it('the lead advances past open tasks only with a reason given in a modal; the gate updates in place', async () => {
    const { target } = await h.command('phase');
    const gate = await h.answer(target);
    expect(visibleText(gate)).toContain('Phase gate: Investigate → Decide');
    expect(visibleText(gate)).toContain('These required tasks are still open:');
    const [override] = buttonsOf(gate);
    expect(override.text.text).toBe('Advance with override');
    const opened = h.calls('views.open').length;
    const click = await h.click(gate, override, { messageTs: '1732362999.000900' });
    const modal = (await h.fake.waitFor('views.open', opened + 1))[opened].body.view as Record<string, unknown>;
    expect((modal.title as { text: string }).text).toBe('Advance anyway');
    await h.submit(modal, 'The board decided already');
    const [updated] = await h.fake.waitFor('response_url', 1, click.target);
    expect((updated.body as SentMessage).replace_original).toBe(true);
    expect(visibleText(updated.body as SentMessage)).toContain('Phase gate: Decide → Plan');
    expect((await h.state())?.rollout.phase).toBe('decide');
  });

  it('@Rollout understands a plain question and answers the asker privately', async () => {
    const reply = await h.event(appMention);
    expect(reply.status).toBe(200);
    const [sent] = await h.fake.waitFor('chat.postEphemeral');
    expect(sent.body).toMatchObject({ channel: 'C0DEPLOY1', user: 'U0ANNA001' });
    expect(sent.token).toBe('xoxb-e2e-token');
    expect(visibleText(sent.body as SentMessage)).toContain('Next steps: Decide');
  });

  it('a direct message gets its answer in the DM', async () => {
    await h.event(messageIm);
    const [sent] = await h.fake.waitFor('chat.postMessage');
    expect(sent.body.channel).toBe('D0ANNA001');
    expect(visibleText(sent.body as SentMessage)).toContain('Your next steps: Decide');
    // The bot's own messages in the DM are not answered.
    await h.event({ ...messageIm, event_id: 'Ev0BOTECHO1', event: { ...messageIm.event, bot_id: 'B0ROLLOUT1', subtype: 'bot_message' } });
    await h.command('help').then(({ target }) => h.answer(target));
    expect(h.calls('chat.postMessage')).toHaveLength(1);
  });

  it('the App Home shows the next tasks and the progress of each phase', async () => {
    await h.event(appHomeOpened);
    const [publish] = await h.fake.waitFor('views.publish');
    expect(publish.body.user_id).toBe('U0ANNA001');
    const view = publish.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = visibleText(view as SentMessage);
    expect(text).toContain('Your next steps: Decide');
    expect(text).toContain('Kunta Esimerkki: status');
    expect(text).toContain('*1. Investigate*');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('maps a role channel from a Slack channel mention, previews an announcement and sends it with the button', async () => {
    const mapped = await h.answer((await h.command('channel staff <#C0STAFF01|henkilosto> fi+sv')).target);
    expect(visibleText(mapped)).toContain('#henkilosto');
    expect((await h.state())?.channels).toEqual([expect.objectContaining({ channel: 'slack:C0STAFF01', role: 'staff' })]);

    const preview = await h.answer((await h.command('announce progress organisation=Kotikunta')).target);
    expect(visibleText(preview)).toContain('Preview: ');
    expect(visibleText(preview)).toContain('<#C0STAFF01> · Permit handlers · fi + sv');
    const send = buttonsOf(preview).find((b) => b.action.name === 'send')!;
    expect(send.text.text).toBe('Send');
    const { target } = await h.click(preview, send);
    const [updated, notice] = await h.fake.waitFor('response_url', 2, target);
    expect(updated.body).toMatchObject({ replace_original: true });
    expect(visibleText(updated.body as SentMessage)).toContain('Sent: ');
    expect(buttonsOf(updated.body as SentMessage)).toEqual([]);
    expect(notice.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(visibleText(notice.body as SentMessage)).toContain('on its way to 1 channel');

    // The outbox worker (started by main.ts next to the server) delivers it through the Slack sender.
    const worker = createOutboxWorker(h.bot.deps, h.server.senders);
    await worker.start();
    try {
      const announcement = () =>
        h.calls('chat.postMessage').find((c) => c.body.channel === 'C0STAFF01' && (c.body.metadata as { event_payload?: { kind?: string } } | undefined)?.event_payload?.kind === 'announcement');
      for (let waited = 0; !announcement() && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      const delivered = announcement()!;
      expect(delivered).toBeDefined();
      expect(delivered.token).toBe('xoxb-e2e-token');
      // The channel reads Finnish and Swedish: the progress announcement comes in both.
      expect(String(delivered.body.text)).toContain('(vaihe: Päätä)');
      expect(String(delivered.body.text)).toContain('(fas: ');
    } finally {
      await worker.stop();
    }
  });

  it('acknowledges empty within the budget when the store is slow, and answers through response_url when done', async () => {
    const store = h.bot.deps.store;
    const original = store.load.bind(store);
    let slowCalls = 0;
    store.load = async (id) => {
      slowCalls++;
      await new Promise((r) => setTimeout(r, ACK_BUDGET_MS + 200));
      return original(id);
    };
    try {
      const { reply, target, acked } = await h.command('next');
      expect(reply.status).toBe(200);
      expect(reply.body).toBe('');
      expect(acked).toBeUndefined();
      // At the budget, well inside Slack's 3 s.
      expect(reply.ms).toBeGreaterThanOrEqual(ACK_BUDGET_MS - 50);
      expect(reply.ms).toBeLessThan(ACK_BUDGET_MS + 500);
      expect(slowCalls).toBeGreaterThan(0);
      const [late] = await h.fake.waitFor('response_url', 1, target);
      expect(late.body.response_type).toBe('ephemeral');
      expect(visibleText(late.body as SentMessage)).toContain('Next steps: Decide');
    } finally {
      store.load = original;
    }
  });

  it('answers in the ack when the core is fast, with no response_url call', async () => {
    const { reply, target, acked } = await h.command('next');
    expect(reply.status).toBe(200);
    expect(reply.headers?.['content-type']).toMatch(/application\/json/);
    expect(acked).toMatchObject({ response_type: 'ephemeral' });
    expect(visibleText(acked!)).toContain('Next steps: Decide');
    expect(buttonsOf(acked!).length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 150));
    expect(h.fake.of('response_url', target)).toHaveLength(0);
  });
});
