import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSlackSender } from '../../../adapters/slack/slack-sender';
import { createOutboxWorker } from '../../../src/comms/delivery';
import { createCore } from '../../../src/compose';
import type { RolloutBot } from '../../../src/app';
import type { OutboxWorker } from '../../../src/comms/outbox-worker';
import type { NewOutboxEntry } from '../../../src/ports/outbox.port';
import { FakeSlackApi, POST_FAULTS, type PostFault } from './fake-slack-api';

const CHANNELS = 40;
const ANNOUNCEMENTS = 5;
/** Share of chat.postMessage calls that meet a fault. */
const FAULT_RATE = 0.3;
/** The sender's Web API timeout here: a hang outlasts it. */
const TIMEOUT_MS = 1000;

/** A small seeded generator, so a failing run can be repeated. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Issue #14 item 2: 40 channels x 5 announcements through the real outbox worker, the real Slack
 * sender and a real SQLite file, against the fake Web API answering 429, 500 and 503, 500 after
 * posting, resetting the connection before and after posting, and not answering at all (before
 * and after posting) past the sender's timeout. Every message must arrive exactly once: after a
 * failure that may have come after Slack posted, the worker looks the message up in the
 * channel's history (metadata) before it sends again.
 */
describe('Slack outbox under injected faults', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slack-faults-'));
  let fake: FakeSlackApi;
  let bot: RolloutBot;
  let worker: OutboxWorker;

  beforeAll(async () => {
    fake = await new FakeSlackApi().start();
    bot = createCore({ databaseUrl: path.join(dir, 'rollout.db'), defaultLocale: 'en' });
  });

  afterAll(async () => {
    await worker?.stop();
    await fake.close();
    await bot.deps.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`delivers ${CHANNELS * ANNOUNCEMENTS} messages with 0 lost and 0 duplicated`, async () => {
    const random = seeded(14);
    // The first post to every channel meets a fault, so each kind is met many times; later ones at FAULT_RATE.
    const seen = new Set<string>();
    fake.postFault = (channel): PostFault | undefined => {
      const first = !seen.has(channel);
      seen.add(channel);
      return first || random() < FAULT_RATE ? POST_FAULTS[Math.floor(random() * POST_FAULTS.length)] : undefined;
    };
    const created = await bot.deps.store.createRollout(
      { workspace: 'slack:T0ROLLOUT', name: 'Faults', playbookId: 'luvat-ja-valvonta', phase: 'investigate', locale: 'en', lead: 'slack:U0LEAD001', channel: 'slack:C0LEAD001' },
      { actor: 'slack:U0LEAD001', platform: 'slack', at: new Date().toISOString() },
    );
    if (!created.ok) throw new Error('setup');
    const channels = Array.from({ length: CHANNELS }, (_, i) => `C0FAULT${String(i).padStart(2, '0')}`);
    const keys: string[] = [];
    const entries: NewOutboxEntry[] = [];
    for (let n = 1; n <= ANNOUNCEMENTS; n++) {
      for (const channel of channels) {
        const key = `faults:${n}:${channel}`;
        keys.push(key);
        entries.push({ idempotencyKey: key, batch: `faults:${n}`, kind: 'announcement', channel: `slack:${channel}`, locales: ['en'], text: `Announcement ${n}`, status: 'pending' });
      }
    }
    const sender = createSlackSender({ token: 'xoxb-faults', apiUrl: fake.apiUrl, timeoutMs: TIMEOUT_MS });
    // Slack's pace of one a second per channel, scaled down; short backoff; attempts enough to
    // outlast the faults. The lookup waits past the timeout: a request this busy process sent
    // just before its answer timed out may reach the fake only then (as a slow network would).
    worker = createOutboxWorker(bot.deps, [{ ...sender, minIntervalMs: 20 }], { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 20, concurrency: 40, lookupDelayMs: 1500 });
    const started = Date.now();
    await bot.deps.store.transact(created.rollout.id, { actor: 'test', platform: 'system', at: new Date().toISOString() }, () => ({
      ok: true,
      changes: entries.map((entry) => ({ type: 'outbox.add' as const, entry })),
      value: null,
    }));
    bot.deps.onQueued = () => worker.wake();
    await worker.start();

    const summary = async () => bot.deps.outbox.summary(created.rollout.id, 0);
    for (;;) {
      const s = await summary();
      if (s.pending === 0) break;
      // Not settled in time: the counts below say what is missing.
      if (Date.now() - started > 25_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const counts = fake.keyCounts();
    const delivered = keys.filter((k) => (counts.get(k) ?? 0) >= 1).length;
    const lost = keys.filter((k) => (counts.get(k) ?? 0) === 0).length;
    const duplicated = keys.filter((k) => (counts.get(k) ?? 0) > 1).length;
    const faults = [...fake.faultCounts].map(([f, n]) => `${f} ${n}`).join(', ');
    const lookups = fake.of('conversations.history').length;
    process.stdout.write(
      `Slack outbox, ${CHANNELS} channels x ${ANNOUNCEMENTS}: delivered ${delivered}, lost ${lost}, duplicated ${duplicated}; ` +
        `faults: ${faults}; history lookups ${lookups}; ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    expect({ delivered, lost, duplicated }).toEqual({ delivered: CHANNELS * ANNOUNCEMENTS, lost: 0, duplicated: 0 });
    expect(await summary()).toMatchObject({ sent: CHANNELS * ANNOUNCEMENTS, failed: 0, unconfirmed: 0, pending: 0 });
    // Every kind of fault was met.
    expect([...fake.faultCounts.keys()].sort()).toEqual([...POST_FAULTS].sort());
    // Each channel kept its order.
    for (const channel of channels) {
      expect(fake.delivered(channel).map((m) => m.text)).toEqual(Array.from({ length: ANNOUNCEMENTS }, (_, i) => `Announcement ${i + 1}`));
    }
  }, 30_000);
});
