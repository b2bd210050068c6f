// The shared server also loads the Teams adapter, whose jwks-rsa requires `jose`, an ES module
// jest cannot require on Node 20 (plain Node can). Teams is not configured in these tests.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline')) }));

import appMention from './fixtures/app-mention.json';
import { controlSequences, mrkdwnStrings } from './block-kit-checks';
import { SlackHarness, buttonsOf, visibleText, type SentMessage } from './slack-harness';

const BERTIL = 'U0BERT002';
const SVEN = 'U0SVEN003';

/** Signatures, redelivery, permissions, injection and language, through real HTTP. */
describe('Slack adapter end to end: safety', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await SlackHarness.start();
    h.fake.users.set(SVEN, { locale: 'sv-SE', name: 'Sven' });
    h.fake.users.set(BERTIL, { locale: 'en-GB', name: 'Bertil' });
    const { target } = await h.command('init Kunta');
    await h.answer(target);
    await h.answer((await h.command(`role add staff <@${SVEN}|sven>`)).target);
  });
  afterAll(async () => {
    await h.close();
  });

  const taskEvents = async () => {
    const state = await h.state();
    return (await h.bot.deps.store.events(state!.rollout.id, 100)).filter((e) => e.type === 'task.set');
  };

  it('refuses unsigned, wrongly signed and stale requests with 401 and changes nothing', async () => {
    const before = h.fake.calls.length;
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    for (const sign of [{ signature: 'none' as const }, { signature: 'wrong' as const }, { timestamp: stale }]) {
      const { reply } = await h.command('done 1', { sign });
      expect(reply.status).toBe(401);
      expect((await h.event({ ...appMention, event_id: `Ev${Math.random()}` }, sign)).status).toBe(401);
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.calls.length).toBe(before);
    expect((await h.state())?.tasks['investigate-scope']).toBeUndefined();
  });

  it('an event delivered twice (X-Slack-Retry-Num) changes state once and is answered once', async () => {
    const mention = { ...appMention, event_id: 'Ev0RETRY001', event: { ...appMention.event, text: '<@U0ROLLBOT> done 1 -- first try' } };
    expect((await h.event(mention)).status).toBe(200);
    expect((await h.event(mention, { retryNum: 1 })).status).toBe(200);
    expect((await h.event(mention, { retryNum: 2 })).status).toBe(200);
    await h.fake.waitFor('chat.postMessage');
    await new Promise((r) => setTimeout(r, 150));
    expect(h.calls('chat.postMessage').filter((c) => visibleText(c.body as SentMessage).includes('is done'))).toHaveLength(1);
    expect(await taskEvents()).toHaveLength(1);
  });

  it('a button clicked twice changes state once; the repeat delivery sends nothing', async () => {
    const { target: statusTarget } = await h.command('status investigate');
    const list = await h.answer(statusTarget);
    const done = buttonsOf(list).find((b) => b.action.name === 'done' && b.action.task === 'investigate-features')!;

    const first = await h.click(list, done, { actionTs: '1732363000.000001' });
    await h.fake.waitFor('response_url', 1, first.target);
    // Slack redelivers the very same click (same message ts and action ts): nothing is sent.
    const again = await h.click(list, done, { actionTs: '1732363000.000001' });
    // A second, real click on the stale message: the task is already done, said privately.
    const second = await h.click(list, done, { actionTs: '1732363000.000002' });
    const [refusal] = await h.fake.waitFor('response_url', 1, second.target);
    expect(refusal.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(visibleText(refusal.body as SentMessage)).toContain('already done');
    await new Promise((r) => setTimeout(r, 150));
    expect(h.fake.of('response_url', again.target)).toHaveLength(0);
    expect((await taskEvents()).filter((e) => e.subject === 'investigate-features')).toHaveLength(1);
  });

  it('refuses a user without the role, translated, by command and by button', async () => {
    const { target } = await h.command('done 2.2', { user: BERTIL });
    const answer = await h.answer(target);
    expect(answer.response_type).toBe('ephemeral');
    expect(visibleText(answer)).toMatch(/You cannot change 2\.2 .*: only Rollout lead may/);

    const sv = await h.command('done 2.2', { user: SVEN });
    expect(visibleText(await h.answer(sv.target))).toMatch(/Du kan inte ändra uppgiften 2\.2/);

    const list = await h.answer((await h.command('status investigate')).target);
    const done = buttonsOf(list).find((b) => b.action.name === 'done' && b.action.task === 'investigate-conn-costs')!;
    const click = await h.click(list, done, { user: BERTIL });
    const [refusal] = await h.fake.waitFor('response_url', 1, click.target);
    expect(refusal.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(visibleText(refusal.body as SentMessage)).toContain('You cannot change');
    expect((await h.state())?.tasks['investigate-conn-costs']).toBeUndefined();
  });

  it('follows the users.info locale: a Swedish user gets Swedish', async () => {
    const { target } = await h.command('next', { user: SVEN });
    const answer = await h.answer(target);
    expect(visibleText(answer)).toContain('Nästa steg: Utred');
    expect(buttonsOf(answer).map((b) => b.text.text)).toContain('Klar');
    const lookups = h.calls('users.info').filter((c) => c.body.user === SVEN);
    expect(lookups[0].body.include_locale).toBe('true');
    // Cached: a second request does not ask Slack again.
    await h.answer((await h.command('roles', { user: SVEN })).target);
    expect(h.calls('users.info').filter((c) => c.body.user === SVEN)).toHaveLength(lookups.length);
  });

  it('a tampered button value is refused with a translated error', async () => {
    const list = await h.answer((await h.command('status investigate')).target);
    const [button] = buttonsOf(list);
    const forged = { ...button, value: JSON.stringify({ name: 'done', rolloutId: 'r-other', task: 'x', admin: true }) };
    const click = await h.click(list, forged, { user: SVEN });
    const [refusal] = await h.fake.waitFor('response_url', 1, click.target);
    expect(visibleText(refusal.body as SentMessage)).toContain('Den här knappen gäller inte längre.');
  });

  it('neutralises <!channel>, <@U999> and links typed into a name, a note or a reason', async () => {
    // What Slack sends when someone types them (should_escape): entities; and raw, as an API caller could.
    const typed = '&lt;!channel&gt; &lt;@U999&gt; &lt;https://evil.example|x&gt;';
    const raw = '<!channel> <!here|here> <https://evil.example|x>';
    await h.answer((await h.command(`init Second ${typed}`, { channel: 'C0SECOND1' })).target);
    await h.answer((await h.command(`done 1 -- ${typed} ${raw}`, { channel: 'C0SECOND1' })).target);
    const list = await h.answer((await h.command('status investigate', { channel: 'C0SECOND1' })).target);
    const skip = buttonsOf(list).find((b) => b.action.name === 'skip')!;
    const click = await h.click(list, skip);
    const opened = await h.fake.waitFor('views.open');
    await h.submit(opened[opened.length - 1].body.view as Record<string, unknown>, `no ${raw} <@U999>`);
    await h.fake.waitFor('response_url', 1, click.target);
    await h.answer((await h.command('log 5', { channel: 'C0SECOND1' })).target);

    const sent = h.sentMessages();
    const mrkdwn = sent.flatMap((m) => mrkdwnStrings(m));
    const sequences = mrkdwn.flatMap(controlSequences);
    expect(sequences.length).toBeGreaterThan(0);
    for (const seq of sequences) expect(seq).toMatch(/^<(@U0[A-Z0-9]+|!date\^\d+\^\{date_num\} \{time\}\|[^<>]*)>$/);
    expect(sequences.join(' ')).not.toMatch(/U999|evil|!channel|!here/);
    const shown = visibleText(list);
    expect(shown).toContain('Second &lt;!channel&gt; &lt;@U999&gt; &lt;https://evil.example|x&gt;');
    expect(shown).toContain('&lt;!channel&gt;');
    // A modal's input arrives as typed; it is escaped on the way out like everything else.
    expect(mrkdwn.join('\n')).toContain('Reason: no &lt;!channel&gt; &lt;!here|here&gt; &lt;https://evil.example|x&gt; &lt;@U999&gt;');
  });
});
