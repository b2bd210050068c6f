import pino from 'pino';
import { OutboxWorker } from '../../src/comms/outbox-worker';
import type { MessageSender, OutgoingMessage, SendResult } from '../../src/ports/message-sender.port';
import type { NewOutboxEntry, OutboxStore } from '../../src/ports/outbox.port';
import { openStores, type Stores } from '../../src/store/open-store';

/**
 * The outbox when it cannot know: answers lost after the platform accepted a message, lookups
 * that cannot tell (Slack's `not_in_channel`), entries left in `sending`, and a store that
 * refuses to record an outcome for a while.
 */

function manualClock(start = Date.parse('2026-11-23T09:00:00.000Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

type Fault = 'lost-answer' | 'reset-before';

/** A platform with a channel history: a fault either loses the answer after accepting, or fails before. */
class FaultySender implements MessageSender {
  readonly platform = 'slack' as const;
  readonly minIntervalMs = 0;
  /** Every message the platform accepted, in order. */
  readonly accepted: OutgoingMessage[] = [];
  lookups = 0;
  lookupError?: Error & { permanent?: boolean };

  constructor(private readonly faults: Fault[] = []) {}

  async post(message: OutgoingMessage): Promise<SendResult> {
    const fault = this.faults.shift();
    if (fault !== 'reset-before') this.accepted.push(message);
    if (fault) return { ok: false, retryable: true, uncertain: true, error: fault === 'lost-answer' ? 'timeout' : 'ECONNRESET' };
    return { ok: true, messageId: `m${this.accepted.length}` };
  }

  async update(message: OutgoingMessage & { messageId: string }): Promise<SendResult> {
    return { ok: true, messageId: message.messageId };
  }

  findDelivered = async (message: OutgoingMessage): Promise<string | undefined> => {
    this.lookups++;
    if (this.lookupError) throw this.lookupError;
    const at = this.accepted.findIndex((m) => m.idempotencyKey === message.idempotencyKey);
    return at < 0 ? undefined : `m${at + 1}`;
  };

  count(key: string): number {
    return this.accepted.filter((m) => m.idempotencyKey === key).length;
  }
}

let stores: Stores;
let rolloutId: string;
let clock: ReturnType<typeof manualClock>;
const meta = { actor: 'slack:U1', platform: 'slack' as const, at: '2026-11-23T09:00:00.000Z' };

function entry(channel: string, n = 1): NewOutboxEntry {
  return { idempotencyKey: `b1:${channel}:${n}`, batch: 'b1', kind: 'announcement', channel, locales: ['fi'], text: `hello ${channel} ${n}`, status: 'pending', reportTo: 'slack:CLEAD' };
}

async function queue(...entries: NewOutboxEntry[]) {
  await stores.rollouts.transact(rolloutId, meta, () => ({ ok: true, changes: entries.map((e) => ({ type: 'outbox.add' as const, entry: e })), value: null }));
}

function worker(sender: MessageSender, outbox: OutboxStore = stores.outbox) {
  return new OutboxWorker({
    outbox,
    senders: [sender],
    clock,
    logger: pino({ level: 'silent' }),
    random: () => 0.5,
    policy: { baseDelayMs: 100, maxDelayMs: 1000, maxLookups: 3, stuckAfterMs: 60_000, recoveryIntervalMs: 3_600_000 },
    statusText: async () => 'status',
    failureReport: async (e, error, unconfirmed) => ({
      ...entry('slack:CLEAD'), idempotencyKey: `report:${e.idempotencyKey}`, kind: 'report', text: `${unconfirmed ? 'unconfirmed' : 'failed'} ${e.id}: ${error}`, rolloutId,
    }),
  });
}

/** Drains, moving the clock on, until nothing is due for a while. */
async function settle(w: OutboxWorker, rounds = 12) {
  for (let i = 0; i < rounds; i++) {
    await w.drain();
    clock.advance(2000);
  }
}

beforeEach(async () => {
  clock = manualClock();
  stores = openStores(':memory:');
  const created = await stores.rollouts.createRollout({ workspace: 'slack:T1', name: 'R', playbookId: 'p', phase: 'a', locale: 'fi', lead: 'slack:U1', channel: 'slack:C0' }, meta);
  if (!created.ok) throw new Error('setup');
  rolloutId = created.rollout.id;
});

afterEach(() => stores.rollouts.close());

describe('outbox: a lost answer is looked up before the message is sent again', () => {
  it('finds a message the platform accepted before its answer was lost, and does not send it twice', async () => {
    const sender = new FaultySender(['lost-answer', 'reset-before', 'lost-answer']);
    await queue(entry('slack:C1'), entry('slack:C2'), entry('slack:C3'));
    const w = worker(sender);
    await settle(w);
    const counts = ['slack:C1', 'slack:C2', 'slack:C3'].map((c) => sender.count(`b1:${c}:1`));
    const summary = await stores.outbox.summary(rolloutId, 10);
    process.stdout.write(`lost answers: delivered ${counts.filter((n) => n > 0).length}, lost ${counts.filter((n) => n === 0).length}, duplicated ${counts.filter((n) => n > 1).length}\n`);
    expect(counts).toEqual([1, 1, 1]);
    expect(summary).toMatchObject({ sent: 3, pending: 0, failed: 0, unconfirmed: 0 });
    // One lookup per uncertain failure, none for the message that went through at once.
    expect(sender.lookups).toBe(3);
  });
});

describe('outbox: a message whose delivery cannot be confirmed', () => {
  it('is looked up a bounded number of times, then given up as unconfirmed and reported to the lead, never sent blindly', async () => {
    const sender = new FaultySender(['lost-answer']);
    sender.lookupError = Object.assign(new Error('ratelimited'), {});
    await queue(entry('slack:C1'));
    const w = worker(sender);
    await settle(w, 20);
    expect(sender.lookups).toBe(3);
    expect(sender.count('b1:slack:C1:1')).toBe(1);
    const summary = await stores.outbox.summary(rolloutId, 10);
    expect(summary).toMatchObject({ pending: 0, failed: 0, unconfirmed: 1 });
    const stuck = summary.recent.find((e) => e.channel === 'slack:C1');
    expect(stuck).toMatchObject({ status: 'failed', unconfirmed: true, lastError: 'ratelimited' });
    // The report to the lead went out, naming the entry.
    expect(sender.accepted.map((m) => m.text)).toContain(`unconfirmed ${stuck!.id}: ratelimited`);
  });

  it('gives up at once when the lookup can never work (not_in_channel)', async () => {
    await queue(entry('slack:C1'));
    // A previous process claimed it and died mid-send.
    await stores.outbox.claimDue(clock.now().toISOString(), 10, ['slack'], []);
    const sender = new FaultySender();
    sender.lookupError = Object.assign(new Error('not_in_channel'), { permanent: true });
    const w = worker(sender);
    await w.start();
    await w.stop();
    await settle(w);
    expect(sender.lookups).toBe(1);
    expect(sender.count('b1:slack:C1:1')).toBe(0);
    expect((await stores.outbox.summary(rolloutId, 10)).unconfirmed).toBe(1);
  });
});

describe('outbox: entries left in sending', () => {
  it('the periodic sweep requeues an entry stuck in sending and looks it up, without a restart', async () => {
    await queue(entry('slack:C1'), entry('slack:C2'));
    // Claimed by something that never settled them (the platform has C1 already).
    await stores.outbox.claimDue(clock.now().toISOString(), 10, ['slack'], []);
    const sender = new FaultySender();
    sender.accepted.push({ channel: 'slack:C1', workspace: 'slack:T1', text: 'hello', idempotencyKey: 'b1:slack:C1:1', kind: 'announcement' });
    const w = worker(sender);
    await w.sweep();
    await w.drain();
    expect(sender.lookups).toBe(0); // not stuck long enough yet
    clock.advance(60_001);
    await w.sweep();
    await settle(w);
    expect(sender.lookups).toBe(2);
    expect([sender.count('b1:slack:C1:1'), sender.count('b1:slack:C2:1')]).toEqual([1, 1]);
    expect((await stores.outbox.summary(rolloutId, 10)).sent).toBe(2);
  });

  it('an outcome the store refused is kept and settled at the next sweep, without sending again', async () => {
    await queue(entry('slack:C1'));
    let refuse = true;
    const outbox: OutboxStore = Object.create(stores.outbox) as OutboxStore;
    outbox.markSent = async (...args) => {
      if (refuse) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return stores.outbox.markSent(...args);
    };
    const sender = new FaultySender();
    const w = worker(sender, outbox);
    await w.drain();
    expect(sender.accepted).toHaveLength(1);
    expect((await stores.outbox.summary(rolloutId, 10)).recent[0].status).toBe('sending');
    await w.sweep();
    expect((await stores.outbox.summary(rolloutId, 10)).recent[0].status).toBe('sending');
    refuse = false;
    clock.advance(3_600_000);
    await w.sweep();
    await settle(w);
    expect((await stores.outbox.summary(rolloutId, 10)).recent[0]).toMatchObject({ status: 'sent', messageId: 'm1' });
    expect(sender.accepted).toHaveLength(1);
    expect(sender.lookups).toBe(0);
  });
});
