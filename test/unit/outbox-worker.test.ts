import pino from 'pino';
import { OutboxWorker } from '../../src/comms/outbox-worker';
import type { MessageSender, OutgoingMessage, SendResult } from '../../src/ports/message-sender.port';
import type { NewOutboxEntry } from '../../src/ports/outbox.port';
import { openStores, type Stores } from '../../src/store/open-store';

/** A clock the test moves by hand. */
function manualClock(start = Date.parse('2026-11-23T09:00:00.000Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

/** A sender that answers from a script, then succeeds; it records every message it accepted. */
class ScriptedSender implements MessageSender {
  readonly platform = 'slack' as const;
  readonly minIntervalMs = 1000;
  readonly delivered: OutgoingMessage[] = [];
  readonly calls: string[] = [];
  findDelivered?: MessageSender['findDelivered'];
  private sequence = 0;

  constructor(private readonly script: SendResult[] = []) {}

  async post(message: OutgoingMessage): Promise<SendResult> {
    this.calls.push(message.channel);
    const scripted = this.script.shift();
    if (scripted && !scripted.ok) return scripted;
    this.delivered.push(message);
    return { ok: true, messageId: `m${++this.sequence}` };
  }

  async update(message: OutgoingMessage & { messageId: string }): Promise<SendResult> {
    this.delivered.push(message);
    return { ok: true, messageId: message.messageId };
  }
}

let stores: Stores;
let rolloutId: string;
const clock = manualClock();
const meta = { actor: 'slack:U1', platform: 'slack' as const, at: '2026-11-23T09:00:00.000Z' };

function entry(channel: string, n = 1): NewOutboxEntry {
  return { idempotencyKey: `b1:${channel}:${n}`, batch: 'b1', kind: 'announcement', channel, locales: ['fi'], text: `hello ${channel} ${n}`, status: 'pending', reportTo: 'slack:CLEAD' };
}

async function queue(...entries: NewOutboxEntry[]) {
  await stores.rollouts.transact(rolloutId, meta, () => ({ ok: true, changes: entries.map((e) => ({ type: 'outbox.add' as const, entry: e })), value: null }));
}

function worker(sender: MessageSender) {
  return new OutboxWorker({
    outbox: stores.outbox,
    senders: [sender],
    clock,
    logger: pino({ level: 'silent' }),
    random: () => 0.5,
    statusText: async () => 'status',
    failureReport: async (e, error, unconfirmed) => ({ ...entry('slack:CLEAD'), idempotencyKey: `report:${e.idempotencyKey}`, kind: 'report', text: `${unconfirmed ? 'unconfirmed' : 'failed'}: ${error}`, rolloutId }),
  });
}

beforeEach(async () => {
  stores = openStores(':memory:');
  const created = await stores.rollouts.createRollout({ workspace: 'slack:T1', name: 'R', playbookId: 'p', phase: 'a', locale: 'fi', lead: 'slack:U1', channel: 'slack:C0' }, meta);
  if (!created.ok) throw new Error('setup');
  rolloutId = created.rollout.id;
});

afterEach(() => stores.rollouts.close());

describe('outbox delivery', () => {
  it('delivers every message exactly once through 429 Retry-After and then 5xx answers', async () => {
    const sender = new ScriptedSender([
      { ok: false, retryable: true, retryAfterMs: 3000, error: 'ratelimited' },
      { ok: false, retryable: true, error: 'HTTP 500' },
      { ok: false, retryable: true, error: 'HTTP 503' },
    ]);
    const w = worker(sender);
    await queue(entry('slack:C1'));
    expect(await w.drain()).toBe(1);
    expect(sender.delivered).toHaveLength(0);

    clock.advance(2999);
    expect(await w.drain()).toBe(0); // Retry-After is honoured to the millisecond
    for (let i = 0; i < 6 && sender.delivered.length === 0; i++) {
      clock.advance(5000);
      await w.drain();
    }
    expect(sender.delivered.map((m) => m.text)).toEqual(['hello slack:C1 1']);
    expect(sender.calls).toHaveLength(4);
    const summary = await stores.outbox.summary(rolloutId, 10);
    expect(summary).toMatchObject({ sent: 1, pending: 0, failed: 0 });
  });

  it('paces each channel to the platform rate but serves channels in parallel', async () => {
    const sender = new ScriptedSender();
    const w = worker(sender);
    await queue(entry('slack:C1', 1), entry('slack:C1', 2), entry('slack:C2', 1));
    await w.drain();
    expect(sender.delivered.map((m) => m.text).sort()).toEqual(['hello slack:C1 1', 'hello slack:C2 1']);
    clock.advance(999);
    await w.drain();
    expect(sender.delivered).toHaveLength(2);
    clock.advance(1);
    await w.drain();
    expect(sender.delivered.map((m) => m.text)).toContain('hello slack:C1 2');
  });

  it('gives up after the last attempt and reports the failure to the lead', async () => {
    const sender = new ScriptedSender(Array.from({ length: 8 }, () => ({ ok: false as const, retryable: true, error: 'HTTP 502' })));
    const w = worker(sender);
    await queue(entry('slack:C9'));
    for (let i = 0; i < 10; i++) {
      await w.drain();
      clock.advance(10 * 60_000);
    }
    const summary = await stores.outbox.summary(rolloutId, 10);
    expect(summary.failed).toBe(1);
    expect(summary.sent).toBe(1);
    expect(sender.delivered.map((m) => m.text)).toEqual(['failed: HTTP 502']);
  });

  it('fails at once on an error that retrying cannot fix', async () => {
    const sender = new ScriptedSender([{ ok: false, retryable: false, error: 'channel_not_found' }]);
    const w = worker(sender);
    await queue(entry('slack:CX'));
    await w.drain();
    const summary = await stores.outbox.summary(rolloutId, 10);
    expect(summary.recent.find((e) => e.channel === 'slack:CX')).toMatchObject({ status: 'failed', lastError: 'channel_not_found', attempts: 1 });
  });

  it('queues a message once however often the same key is queued', async () => {
    await queue(entry('slack:C1'));
    await queue(entry('slack:C1'));
    const sender = new ScriptedSender();
    await worker(sender).drain();
    expect(sender.delivered).toHaveLength(1);
  });

  it('after a crash mid-send, settles a message the platform already has without sending it again', async () => {
    await queue(entry('slack:C1'), entry('slack:C2'));
    // A previous process claimed both and died before settling them.
    await stores.outbox.claimDue(clock.now().toISOString(), 10, ['slack'], []);
    const sender = new ScriptedSender();
    sender.findDelivered = async (m) => (m.channel === 'slack:C1' ? 'already-there' : undefined);
    const w = worker(sender);
    await w.start();
    await w.stop();
    await w.drain();
    expect(sender.delivered.map((m) => m.channel)).toEqual(['slack:C2']);
    expect((await stores.outbox.summary(rolloutId, 10)).sent).toBe(2);
  });

  it('after a crash, does not send again while the platform cannot say whether it has the message', async () => {
    await queue(entry('slack:C1'));
    await stores.outbox.claimDue(clock.now().toISOString(), 10, ['slack'], []);
    const sender = new ScriptedSender();
    sender.findDelivered = async () => {
      throw new Error('ratelimited');
    };
    const w = worker(sender);
    await w.start();
    await w.stop();
    await w.drain();
    expect(sender.delivered).toHaveLength(0);
    // Back in the queue, to be looked up again before anything is sent.
    const [kept] = (await stores.outbox.summary(rolloutId, 10)).recent;
    expect(kept).toMatchObject({ channel: 'slack:C1', status: 'pending', verify: true, lookups: 1 });
  });

  it('once stopped, no longer asks the platform about a message it could not settle', async () => {
    await queue(entry('slack:C1'));
    await stores.outbox.claimDue(clock.now().toISOString(), 10, ['slack'], []);
    const sender = new ScriptedSender();
    let asked = 0;
    sender.findDelivered = async () => {
      asked += 1;
      throw new Error('ratelimited');
    };
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'Date'] });
    try {
      const w = worker(sender);
      await w.start();
      await w.stop();
      // The store may be closed from here on; the retry it had planned must not run.
      await jest.advanceTimersByTimeAsync(60_000);
    } finally {
      jest.useRealTimers();
    }
    expect(asked).toBe(1);
  });

  it('leaves other platforms\' messages to the process that serves them', async () => {
    await queue(entry('teams:19:abc@thread.tacv2'));
    const sender = new ScriptedSender();
    expect(await worker(sender).drain()).toBe(0);
    expect((await stores.outbox.summary(rolloutId, 10)).pending).toBe(1);
  });
});
