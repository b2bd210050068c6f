import pino from 'pino';
import { OutboxWorker, type RetryPolicy } from '../../src/comms/outbox-worker';
import type { Logger } from '../../src/ports/logger.port';
import type { MessageSender, OutgoingMessage, SendResult } from '../../src/ports/message-sender.port';
import type { NewOutboxEntry, OutboxEntry } from '../../src/ports/outbox.port';
import { openStores, type Stores } from '../../src/store/open-store';

/**
 * What a lead notices of the outbox's retries: how long it waits between attempts (doubling up
 * to five minutes, so a short outage does not fail announcements for good), how many attempts a
 * message gets, how many messages are in flight at once, and that a message a crashed process
 * may have sent is looked up before it is sent again. The clock and the jitter are injected.
 */
const START = Date.parse('2026-11-23T09:00:00.000Z');
let now = START;
const clock = { now: () => new Date(now) };
const meta = { actor: 'slack:U1', platform: 'slack' as const, at: '2026-11-23T09:00:00.000Z' };
let stores: Stores;
let rolloutId: string;

/** A sender whose answer the test decides per call; it records every call. */
class Sender implements MessageSender {
  readonly platform = 'slack' as const;
  /** Below the shortest retry wait, so pacing does not hide the waits. */
  readonly minIntervalMs = 100;
  readonly calls: OutgoingMessage[] = [];
  findDelivered?: MessageSender['findDelivered'];
  constructor(private readonly answer: (call: number, message: OutgoingMessage) => SendResult | Promise<SendResult>) {}
  async post(message: OutgoingMessage): Promise<SendResult> {
    this.calls.push(message);
    return this.answer(this.calls.length, message);
  }
  async update(message: OutgoingMessage & { messageId: string }): Promise<SendResult> {
    return { ok: true, messageId: message.messageId };
  }
}

const entry = (channel: string): NewOutboxEntry => ({
  idempotencyKey: `b1:${channel}`, batch: 'b1', kind: 'announcement', channel, locales: ['fi'], text: `hello ${channel}`, status: 'pending', reportTo: 'slack:CLEAD',
});

async function queue(...entries: NewOutboxEntry[]) {
  await stores.rollouts.transact(rolloutId, meta, () => ({ ok: true, changes: entries.map((e) => ({ type: 'outbox.add' as const, entry: e })), value: null }));
}

function worker(sender: MessageSender, options: { policy?: Partial<RetryPolicy>; random?: () => number; logger?: Logger } = {}) {
  return new OutboxWorker({
    outbox: stores.outbox,
    senders: [sender],
    clock,
    logger: options.logger ?? pino({ level: 'silent' }),
    random: options.random ?? (() => 1),
    policy: options.policy,
    statusText: async () => 'status',
    failureReport: async (e, error) => ({ ...entry('slack:CLEAD'), idempotencyKey: `report:${e.idempotencyKey}`, kind: 'report', text: `failed: ${error}`, rolloutId }),
  });
}

async function announcement(channel = 'slack:C1'): Promise<OutboxEntry> {
  return (await stores.outbox.summary(rolloutId, 50)).recent.find((e) => e.channel === channel && e.kind === 'announcement')!;
}

/** Delivers, then moves the clock to the next attempt, until the message is settled; returns the waits. */
async function retryUntilSettled(w: OutboxWorker, limit = 30): Promise<number[]> {
  const waits: number[] = [];
  for (let i = 0; i < limit; i++) {
    await w.drain();
    const e = await announcement();
    if (e.status !== 'pending') return waits;
    waits.push(Date.parse(e.nextAttemptAt) - now);
    now = Date.parse(e.nextAttemptAt);
  }
  throw new Error('never settled');
}

beforeEach(async () => {
  now = START;
  stores = openStores(':memory:');
  const created = await stores.rollouts.createRollout({ workspace: 'slack:T1', name: 'R', playbookId: 'p', phase: 'a', locale: 'fi', lead: 'slack:U1', channel: 'slack:C0' }, meta);
  if (!created.ok) throw new Error('setup');
  rolloutId = created.rollout.id;
});
afterEach(() => stores.rollouts.close());

const serverError: SendResult = { ok: false, retryable: true, error: 'HTTP 503' };

describe('outbox retries', () => {
  it('waits twice as long after each failure, at most five minutes, and gives up after the last attempt', async () => {
    const sender = new Sender((_, m) => (m.kind === 'report' ? { ok: true, messageId: 'r1' } : serverError));
    await queue(entry('slack:C1'));
    const waits = await retryUntilSettled(worker(sender, { policy: { maxAttempts: 12 } }));
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000]);
    expect(sender.calls.filter((c) => c.kind === 'announcement')).toHaveLength(12);
    expect(await announcement()).toMatchObject({ status: 'failed', attempts: 12, lastError: 'HTTP 503' });
  });

  it('gives a message eight attempts by default and spreads the waits over the upper half', async () => {
    const sender = new Sender((_, m) => (m.kind === 'report' ? { ok: true, messageId: 'r1' } : serverError));
    await queue(entry('slack:C1'));
    const waits = await retryUntilSettled(worker(sender, { random: () => 0 }));
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 16000, 32000]);
    expect(sender.calls.filter((c) => c.kind === 'announcement')).toHaveLength(8);
    expect(await announcement()).toMatchObject({ status: 'failed', attempts: 8 });
    // The lead is told, once.
    const reports = (await stores.outbox.summary(rolloutId, 50)).recent.filter((e) => e.kind === 'report');
    expect(reports.map((r) => r.text)).toEqual(['failed: HTTP 503']);
  });

  it('gets an announcement through a platform outage of a minute', async () => {
    const sender = new Sender(() => (now < START + 60_000 ? serverError : { ok: true, messageId: 'm1' }));
    await queue(entry('slack:C1'));
    await retryUntilSettled(worker(sender, { random: () => 0 }));
    expect(await announcement()).toMatchObject({ status: 'sent', messageId: 'm1' });
  });

  it('does not count rate limiting as an attempt that fails the message', async () => {
    const sender = new Sender((call) => (call <= 10 ? { ok: false, retryable: true, retryAfterMs: 2000, error: 'ratelimited' } : { ok: true, messageId: 'm11' }));
    await queue(entry('slack:C1'));
    const waits = await retryUntilSettled(worker(sender));
    expect(waits).toEqual(Array(10).fill(2000));
    expect(await announcement()).toMatchObject({ status: 'sent', messageId: 'm11' });
  });

  it('after an answer that may have been lost, waits at least the lookup delay and looks the message up before sending it again', async () => {
    const sender = new Sender(() => ({ ok: false, retryable: true, uncertain: true, error: 'timeout' }));
    const asked: string[] = [];
    sender.findDelivered = async (message, since) => {
      asked.push(since);
      return message.channel === 'slack:C1' ? 'found-it' : undefined;
    };
    await queue(entry('slack:C1'));
    const waits = await retryUntilSettled(worker(sender));
    expect(waits).toEqual([5000]);
    expect(sender.calls).toHaveLength(1);
    expect(asked).toEqual([new Date(START + 5000 - 24 * 3600_000).toISOString()]);
    expect(await announcement()).toMatchObject({ status: 'sent', messageId: 'found-it' });
  });

  it('gives up looking after five lookups that cannot tell, waiting longer each time, and tells the lead it is unconfirmed', async () => {
    const sender = new Sender(() => ({ ok: true, messageId: 'never' }));
    let lookups = 0;
    sender.findDelivered = async () => {
      lookups += 1;
      throw new Error('history unavailable');
    };
    await queue(entry('slack:C1'));
    // A previous process claimed it and died mid-send.
    await stores.outbox.claimDue(clock.now().toISOString(), 10, ['slack'], []);
    await stores.outbox.requeueStuck(['slack'], clock.now().toISOString());
    const waits = await retryUntilSettled(worker(sender));
    expect(waits).toEqual([5000, 10000, 20000, 40000]);
    // Never sent blindly again; only the lead's report went out.
    expect(sender.calls.map((c) => c.kind)).toEqual(['report']);
    expect(await announcement()).toMatchObject({ status: 'failed', unconfirmed: true, lastError: 'history unavailable' });
    expect(lookups).toBe(5);
  });
});

describe('messages in flight', () => {
  it('sends to at most sixteen channels at once and to the rest as answers come back', async () => {
    const release: Array<() => void> = [];
    const sender = new Sender(() => new Promise<SendResult>((resolve) => release.push(() => resolve({ ok: true, messageId: 'm' }))));
    await queue(...Array.from({ length: 20 }, (_, i) => entry(`slack:C${i + 1}`)));
    const w = worker(sender);
    await w.start();
    try {
      for (let i = 0; i < 200 && sender.calls.length < 16; i++) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50));
      expect(sender.calls).toHaveLength(16);
      release.splice(0, 2).forEach((r) => r());
      for (let i = 0; i < 200 && sender.calls.length < 18; i++) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50));
      expect(sender.calls).toHaveLength(18);
      release.splice(0).forEach((r) => r());
      for (let i = 0; i < 200 && sender.calls.length < 20; i++) await new Promise((r) => setTimeout(r, 5));
      release.splice(0).forEach((r) => r());
      expect(sender.calls).toHaveLength(20);
    } finally {
      await w.stop();
    }
    expect((await stores.outbox.summary(rolloutId, 50)).sent).toBe(20);
  });
});

describe('stopping', () => {
  it('leaves no timer behind that touches the store once it is closed', async () => {
    const errors: unknown[] = [];
    const logger: Logger = { debug() {}, info() {}, warn() {}, error: (obj) => errors.push(obj) };
    const sender = new Sender(() => serverError);
    await queue(entry('slack:C1'));
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'Date'] });
    try {
      const w = worker(sender, { logger, policy: { recoveryIntervalMs: 1000 } });
      await w.start();
      await w.drain();
      await w.stop();
      stores.rollouts.close();
      await jest.advanceTimersByTimeAsync(10 * 60_000);
    } finally {
      jest.useRealTimers();
      stores = openStores(':memory:');
    }
    expect(sender.calls).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
