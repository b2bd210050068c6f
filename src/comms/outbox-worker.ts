import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { MessageSender, OutgoingMessage, SendResult } from '../ports/message-sender.port';
import type { NewOutboxEntry, OutboxEntry, OutboxStore } from '../ports/outbox.port';
import { DEFAULT_POLICY, type RetryPolicy } from './retry-policy';

export { DEFAULT_POLICY, type RetryPolicy } from './retry-policy';

/** Rate-limited retries do not use up attempts, but a message is not retried for ever. */
const MAX_TOTAL_ATTEMPTS = 100;

export interface OutboxWorkerDeps {
  outbox: OutboxStore;
  senders: readonly MessageSender[];
  clock: Clock;
  logger: Logger;
  /** The living status text of a rollout for a channel, rendered from the state at delivery. */
  statusText(rolloutId: string, channel: string): Promise<string | undefined>;
  /** A reminder's content as views, built at delivery; undefined when nothing is left to remind of. */
  reminderViews?(entry: OutboxEntry): Promise<Pick<OutgoingMessage, 'views' | 'locale'> | undefined>;
  /** The report the lead gets about a message that finally failed, or whose delivery could not be confirmed. */
  failureReport(entry: OutboxEntry, error: string, unconfirmed: boolean): Promise<(NewOutboxEntry & { rolloutId: string }) | undefined>;
  policy?: Partial<RetryPolicy>;
  /** Jitter source, injectable for deterministic tests. */
  random?: () => number;
}

/**
 * Delivers the outbox: each channel paced to its platform's rate, 429 Retry-After honoured,
 * 5xx and network errors retried with exponential backoff, every outcome settled durably.
 * One message per channel is in flight at a time, and a channel's next message waits while the
 * one before it waits for a retry, so each channel keeps its order.
 *
 * A message whose last attempt may have reached the platform (a lost answer, a crash mid-send)
 * is looked up before it is sent again, where the platform can tell (Slack: message metadata);
 * after `maxLookups` lookups that cannot tell, it is given up as unconfirmed and the lead is told.
 * A periodic sweep settles outcomes the store refused (locked, full) once it takes writes again,
 * and requeues entries left in `sending`.
 */
export class OutboxWorker {
  private readonly policy: RetryPolicy;
  /** Earliest time each channel may get its next message. */
  private readonly nextAllowed = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  private readonly inFlightIds = new Set<number>();
  /** Outcomes the store could not record yet, kept until it can. */
  private readonly unsettled = new Map<number, { entry: OutboxEntry; result: SendResult }>();
  private sweeper?: NodeJS.Timeout;
  /** Deliveries under way; each one that ends makes room for the next. */
  private readonly deliveries = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  /** The next try at recovering what the platform could not answer about; cleared on stop. */
  private running = false;
  private pass?: Promise<void>;
  private again = false;

  /** Only channels of these platforms are this worker's: another process may serve the others. */
  private readonly platforms: string[];

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.policy = { ...DEFAULT_POLICY, ...deps.policy };
    this.platforms = deps.senders.map((s) => s.platform);
  }

  /** Requeues what a previous process left half-sent (to be looked up first), then delivers until stopped. */
  async start(): Promise<void> {
    this.running = true;
    await this.deps.outbox
      .requeueStuck(this.platforms, this.deps.clock.now().toISOString())
      .catch((err: unknown) => this.deps.logger.error({ err }, 'outbox: cannot requeue half-sent messages yet'));
    this.sweeper = setInterval(() => void this.sweep(), this.policy.recoveryIntervalMs);
    this.sweeper.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.sweeper) clearInterval(this.sweeper);
    await this.pass;
    await Promise.all(this.deliveries);
  }

  /** Something was queued: deliver now rather than at the next timer. */
  wake(): void {
    if (!this.running) return;
    if (this.pass) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.pass = this.runPasses()
      .catch((err: unknown) => this.deps.logger.error({ err }, 'outbox: delivery pass failed'))
      .finally(() => {
        this.pass = undefined;
        void this.schedule();
      });
  }

  /** Delivers everything due now and waits for it (console and tests); returns how many were settled. */
  async drain(): Promise<number> {
    await this.pass;
    let settled = 0;
    for (;;) {
      const started = await this.deliverDue();
      settled += started;
      if (this.deliveries.size > 0) await Promise.race(this.deliveries);
      else if (started === 0) return settled;
    }
  }

  private async runPasses(): Promise<void> {
    do {
      this.again = false;
      while (this.running && (await this.deliverDue()) > 0);
    } while (this.again && this.running);
  }

  /** Sleeps until the next pending entry is due, or a paced channel opens again, whichever is first. */
  private async schedule(): Promise<void> {
    if (!this.running) return;
    const due = await this.deps.outbox.nextDue(this.platforms);
    if (!due) return;
    const now = this.deps.clock.now().getTime();
    const pacedUntil = [...this.nextAllowed.values()].filter((t) => t > now);
    const at = Math.max(Date.parse(due), pacedUntil.length ? Math.min(...pacedUntil) : 0);
    const delay = Math.min(Math.max(at - now, 10), 60_000);
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref();
  }

  /**
   * Claims what is due on channels that may send now, up to the room left under `concurrency`,
   * and starts delivering it. It does not wait for a batch to finish: a slow answer on one
   * channel does not hold back the others, and each delivery that ends wakes the worker again.
   */
  private async deliverDue(): Promise<number> {
    const room = this.policy.concurrency - this.inFlight.size;
    if (room <= 0) return 0;
    const now = this.deps.clock.now();
    const nowMs = now.getTime();
    for (const [channel, t] of this.nextAllowed) if (t <= nowMs) this.nextAllowed.delete(channel);
    const unsettled = [...this.unsettled.values()].map((u) => u.entry.channel);
    const busy = [...new Set([...this.nextAllowed.keys(), ...this.inFlight, ...unsettled])];
    const entries = await this.deps.outbox.claimDue(now.toISOString(), room, this.platforms, busy);
    for (const entry of entries) {
      this.inFlight.add(entry.channel);
      this.inFlightIds.add(entry.id);
      const delivery: Promise<void> = this.deliver(entry)
        .catch((err: unknown) => this.deps.logger.error({ err, id: entry.id }, 'outbox: settling a delivery failed'))
        .finally(() => {
          this.deliveries.delete(delivery);
          this.wake();
        });
      this.deliveries.add(delivery);
    }
    return entries.length;
  }

  private async deliver(entry: OutboxEntry): Promise<void> {
    try {
      const sender = this.senderFor(entry.channel)!;
      if (entry.verify && sender.findDelivered) {
        const found = await this.lookUp(sender, entry);
        if (found === 'unknown') return;
        if (found !== undefined) return await this.record(entry, { ok: true, messageId: found });
      }
      // No lookup possible (Teams): sent again, so at least once.
      const result = await this.send(sender, entry).catch((err: unknown): SendResult => ({ ok: false, retryable: true, uncertain: true, error: errorText(err) }));
      this.nextAllowed.set(entry.channel, this.deps.clock.now().getTime() + sender.minIntervalMs);
      await this.record(entry, result);
    } finally {
      this.inFlight.delete(entry.channel);
      this.inFlightIds.delete(entry.id);
    }
  }

  /**
   * Asks the platform whether a message whose last attempt may have reached it is there: its id
   * when it is, undefined when it is not (send it), 'unknown' when it cannot tell (settled here:
   * asked again later, or given up as unconfirmed after `maxLookups`).
   */
  private async lookUp(sender: MessageSender, entry: OutboxEntry): Promise<string | undefined | 'unknown'> {
    const since = new Date(this.deps.clock.now().getTime() - 24 * 3600_000).toISOString();
    try {
      return await sender.findDelivered!(outgoing(entry), since);
    } catch (err) {
      const error = errorText(err);
      const permanent = (err as { permanent?: unknown })?.permanent === true;
      const now = this.deps.clock.now();
      const log = { id: entry.id, channel: entry.channel, lookups: entry.lookups + 1, error };
      if (permanent || entry.lookups + 1 >= this.policy.maxLookups) {
        this.deps.logger.error(log, 'outbox: cannot tell whether a message was delivered; given up as unconfirmed, the lead is told');
        const report = entry.kind === 'announcement' ? await this.deps.failureReport(entry, error, true) : undefined;
        await this.keep(entry, () => this.deps.outbox.markUnconfirmed(entry.id, error, now.toISOString(), report));
      } else {
        const delay = this.backoff(entry.lookups + 1, this.policy.lookupDelayMs);
        this.deps.logger.warn({ ...log, delayMs: delay }, 'outbox: cannot tell yet whether a message was delivered; asking again later');
        await this.keep(entry, () => this.deps.outbox.retryLater(entry.id, new Date(now.getTime() + delay).toISOString(), error, { verify: true, lookupFailed: true }));
      }
      return 'unknown';
    }
  }

  /** Settles an outcome; when the store refuses, keeps it to settle at the next sweep. */
  private async record(entry: OutboxEntry, result: SendResult): Promise<void> {
    try {
      await this.settle(entry, result);
    } catch (err) {
      this.deps.logger.error({ err, id: entry.id, channel: entry.channel }, 'outbox: the store did not take the outcome; kept to settle later');
      this.unsettled.set(entry.id, { entry, result });
    }
  }

  /** Runs a store write about an entry; a refused one leaves it in `sending`, where the sweep finds it. */
  private async keep(entry: OutboxEntry, write: () => Promise<void>): Promise<void> {
    await write().catch((err: unknown) => this.deps.logger.error({ err, id: entry.id }, 'outbox: the store did not take a lookup outcome'));
  }

  /**
   * Settles outcomes the store refused earlier, then requeues entries left in `sending` longer
   * than `stuckAfterMs` by something other than this worker's deliveries (to be looked up
   * before they are sent again). Runs every `recoveryIntervalMs`; tests call it directly.
   */
  async sweep(): Promise<void> {
    const { outbox, clock, logger } = this.deps;
    try {
      for (const [id, { entry, result }] of this.unsettled) {
        await this.settle(entry, result);
        this.unsettled.delete(id);
      }
      const now = clock.now();
      const before = new Date(now.getTime() - this.policy.stuckAfterMs).toISOString();
      const requeued = await outbox.requeueStuck(this.platforms, now.toISOString(), before, [...this.inFlightIds, ...this.unsettled.keys()]);
      if (requeued > 0) logger.warn({ requeued }, 'outbox: messages stuck in sending are looked up again');
    } catch (err) {
      logger.error({ err }, 'outbox: the store is not taking writes yet; trying again at the next sweep');
      return;
    }
    this.wake();
  }

  private async send(sender: MessageSender, entry: OutboxEntry): Promise<SendResult> {
    const message = outgoing(entry);
    // A daily reminder (no template) is built at delivery; a weekly digest is sent as it was written.
    if (entry.kind === 'reminder' && !entry.template && this.deps.reminderViews) {
      const content = await this.deps.reminderViews(entry);
      return content ? sender.post({ ...message, ...content }) : { ok: true, messageId: '-' };
    }
    if (entry.kind !== 'status') return sender.post(message);
    const text = await this.deps.statusText(entry.rolloutId, entry.channel);
    if (text === undefined) return { ok: true, messageId: '-' };
    const existing = await this.deps.outbox.statusMessage(entry.rolloutId, entry.channel);
    if (existing) {
      const updated = await sender.update({ ...message, text, messageId: existing });
      // A status message someone deleted cannot be edited: post a new one instead.
      if (updated.ok || updated.retryable) return updated;
    }
    return sender.post({ ...message, text });
  }

  private async settle(entry: OutboxEntry, result: SendResult): Promise<void> {
    const { outbox, clock, logger } = this.deps;
    const now = clock.now();
    if (result.ok) {
      await outbox.markSent(entry.id, result.messageId, now.toISOString());
      return;
    }
    const log = { id: entry.id, channel: entry.channel, attempts: entry.attempts, error: result.error };
    if (result.retryAfterMs !== undefined && entry.attempts < MAX_TOTAL_ATTEMPTS) {
      const wait = Math.max(result.retryAfterMs, 0);
      this.nextAllowed.set(entry.channel, now.getTime() + wait);
      logger.info({ ...log, retryAfterMs: wait }, 'outbox: rate limited');
      await outbox.retryLater(entry.id, new Date(now.getTime() + wait).toISOString(), result.error);
      return;
    }
    if (result.retryable && entry.attempts < this.policy.maxAttempts) {
      const lookup = result.uncertain === true && this.senderFor(entry.channel)?.findDelivered !== undefined;
      const delay = Math.max(this.backoff(entry.attempts), lookup ? this.policy.lookupDelayMs : 0);
      logger.warn({ ...log, delayMs: delay, uncertain: result.uncertain === true }, 'outbox: delivery failed, retrying');
      await outbox.retryLater(entry.id, new Date(now.getTime() + delay).toISOString(), result.error, { verify: result.uncertain === true });
      return;
    }
    logger.error(log, 'outbox: delivery failed for good');
    const report = entry.kind === 'report' ? undefined : await this.deps.failureReport(entry, result.error, false);
    await outbox.markFailed(entry.id, result.error, now.toISOString(), report);
  }

  /** Exponential backoff, jittered over its upper half so that retries from many channels spread out. */
  private backoff(attempts: number, base = this.policy.baseDelayMs): number {
    const ceiling = Math.min(this.policy.maxDelayMs, base * 2 ** Math.max(attempts - 1, 0));
    return Math.round(ceiling / 2 + (ceiling / 2) * (this.deps.random ?? Math.random)());
  }

  private senderFor(channel: string): MessageSender | undefined {
    const platform = channel.slice(0, channel.indexOf(':'));
    return this.deps.senders.find((s) => s.platform === platform);
  }
}

function outgoing(entry: OutboxEntry): OutgoingMessage {
  return { channel: entry.channel, workspace: entry.workspace, text: entry.text, idempotencyKey: entry.idempotencyKey, kind: entry.kind };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
