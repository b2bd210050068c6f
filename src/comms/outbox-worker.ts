import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { MessageSender, OutgoingMessage, SendResult } from '../ports/message-sender.port';
import type { NewOutboxEntry, OutboxEntry, OutboxStore } from '../ports/outbox.port';

export interface RetryPolicy {
  /** Attempts for errors other than rate limiting before a message is given up. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Messages in flight at once (each to a different channel). */
  concurrency: number;
}

export const DEFAULT_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 5 * 60_000, concurrency: 16 };

/** How soon to ask the platform again about a message a crash left half-sent. */
const RECOVERY_RETRY_MS = 30_000;

/** Rate-limited retries do not use up attempts, but a message is not retried for ever. */
const MAX_TOTAL_ATTEMPTS = 100;

export interface OutboxWorkerDeps {
  outbox: OutboxStore;
  senders: readonly MessageSender[];
  clock: Clock;
  logger: Logger;
  /** The living status text of a rollout for a channel, rendered from the state at delivery. */
  statusText(rolloutId: string, channel: string): Promise<string | undefined>;
  /** The report the lead gets about a message that finally failed. */
  failureReport(entry: OutboxEntry, error: string): Promise<(NewOutboxEntry & { rolloutId: string }) | undefined>;
  policy?: Partial<RetryPolicy>;
  /** Jitter source, injectable for deterministic tests. */
  random?: () => number;
}

/**
 * Delivers the outbox: each channel paced to its platform's rate, 429 Retry-After honoured,
 * 5xx and network errors retried with exponential backoff, every outcome settled durably.
 * One message per channel is in flight at a time, so each channel keeps its order.
 */
export class OutboxWorker {
  private readonly policy: RetryPolicy;
  /** Earliest time each channel may get its next message. */
  private readonly nextAllowed = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  /** Deliveries under way; each one that ends makes room for the next. */
  private readonly deliveries = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  /** The next try at recovering what the platform could not answer about; cleared on stop. */
  private recoveryRetry?: NodeJS.Timeout;
  private running = false;
  private pass?: Promise<void>;
  private again = false;

  /** Only channels of these platforms are this worker's: another process may serve the others. */
  private readonly platforms: string[];

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.policy = { ...DEFAULT_POLICY, ...deps.policy };
    this.platforms = deps.senders.map((s) => s.platform);
  }

  /** Settles what a previous process left half-sent, then delivers until stopped. */
  async start(): Promise<void> {
    this.running = true;
    await this.recover();
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.recoveryRetry) clearTimeout(this.recoveryRetry);
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
    const busy = [...new Set([...this.nextAllowed.keys(), ...this.inFlight])];
    const entries = await this.deps.outbox.claimDue(now.toISOString(), room, this.platforms, busy);
    for (const entry of entries) {
      this.inFlight.add(entry.channel);
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
      const result = await this.send(sender, entry).catch((err: unknown): SendResult => ({ ok: false, retryable: true, error: errorText(err) }));
      this.nextAllowed.set(entry.channel, this.deps.clock.now().getTime() + sender.minIntervalMs);
      await this.settle(entry, result);
    } finally {
      this.inFlight.delete(entry.channel);
    }
  }

  private async send(sender: MessageSender, entry: OutboxEntry): Promise<SendResult> {
    const message: OutgoingMessage = { channel: entry.channel, workspace: entry.workspace, text: entry.text, idempotencyKey: entry.idempotencyKey, kind: entry.kind };
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
      const delay = this.backoff(entry.attempts);
      logger.warn({ ...log, delayMs: delay }, 'outbox: delivery failed, retrying');
      await outbox.retryLater(entry.id, new Date(now.getTime() + delay).toISOString(), result.error);
      return;
    }
    logger.error(log, 'outbox: delivery failed for good');
    const report = entry.kind === 'report' ? undefined : await this.deps.failureReport(entry, result.error);
    await outbox.markFailed(entry.id, result.error, now.toISOString(), report);
  }

  /** Exponential backoff, jittered over its upper half so that retries from many channels spread out. */
  private backoff(attempts: number): number {
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** Math.max(attempts - 1, 0));
    return Math.round(ceiling / 2 + (ceiling / 2) * (this.deps.random ?? Math.random)());
  }

  /**
   * Entries a crashed process left in `sending`: settled as delivered if the platform shows
   * them, sent again if it shows they never arrived. When the platform cannot be asked right
   * now, the entry stays in `sending` and is asked about again later, never sent blindly.
   */
  private async recover(): Promise<void> {
    const now = this.deps.clock.now();
    const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
    let unresolved = 0;
    for (const entry of await this.deps.outbox.inFlight(this.platforms)) {
      if (this.inFlight.has(entry.channel)) continue;
      const sender = this.senderFor(entry.channel)!;
      const message = { channel: entry.channel, workspace: entry.workspace, text: entry.text, idempotencyKey: entry.idempotencyKey, kind: entry.kind };
      let found: string | undefined;
      try {
        found = sender.findDelivered ? await sender.findDelivered(message, since) : undefined;
      } catch (err) {
        unresolved += 1;
        this.deps.logger.warn({ id: entry.id, channel: entry.channel, err }, 'outbox: cannot tell yet whether a message was delivered');
        continue;
      }
      if (found) await this.deps.outbox.markSent(entry.id, found, now.toISOString());
      else await this.deps.outbox.retryLater(entry.id, now.toISOString(), entry.lastError ?? 'interrupted');
    }
    if (unresolved > 0 && this.running) {
      this.recoveryRetry = setTimeout(() => {
        if (this.running) void this.recover().then(() => this.wake(), (err: unknown) => this.deps.logger.error({ err }, 'outbox: recovery failed'));
      }, RECOVERY_RETRY_MS);
      this.recoveryRetry.unref();
    }
  }

  private senderFor(channel: string): MessageSender | undefined {
    const platform = channel.slice(0, channel.indexOf(':'));
    return this.deps.senders.find((s) => s.platform === platform);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
