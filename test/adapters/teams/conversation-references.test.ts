import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONVERSATION_RECORD, ConversationReferences, referenceOf } from '../../../adapters/teams/conversation-references';
import { openStore } from '../../../src/store/open-store';
import type { RolloutStore } from '../../../src/ports/rollout-store.port';
import { BOT, CHANNEL, LEENA, TENANT, botAddedToTeam, channelMessage, personalMessage } from './support/activities';

const serviceUrl = 'https://smba.trafficmanager.net/emea/';
const channel = `teams:${CHANNEL}`;
let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-refs-'));
  file = path.join(dir, 'rollout.db');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The core store with its platform-record calls counted. */
function counted(store: RolloutStore) {
  const calls = { save: 0, read: 0 };
  const save = store.savePlatformRecord.bind(store);
  const read = store.platformRecord.bind(store);
  store.savePlatformRecord = (...args) => ((calls.save += 1), save(...args));
  store.platformRecord = (...args) => ((calls.read += 1), read(...args));
  return { store, calls };
}

describe('conversation references', () => {
  it('are the same for every message of a channel, whoever writes in which thread', () => {
    const fromUpdate = referenceOf(botAddedToTeam({ serviceUrl }));
    const fromMessage = referenceOf(channelMessage(LEENA, 'next', { serviceUrl }));
    expect(fromMessage).toEqual(fromUpdate);
    expect(fromMessage).toEqual({
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: CHANNEL, conversationType: 'channel', tenantId: TENANT, isGroup: true },
      agent: BOT,
    });
    expect(referenceOf({ ...personalMessage(LEENA, 'x', { serviceUrl }), serviceUrl: undefined })).toBeUndefined();
  });

  it('go to the core store once, and again only when they change; an unchanged one costs no store call', async () => {
    const { store, calls } = counted(openStore(file));
    const refs = new ConversationReferences(store, () => '2026-11-23T09:00:00.000Z');
    const ref = referenceOf(channelMessage(LEENA, 'next', { serviceUrl }))!;
    expect(await refs.save(channel, ref)).toBe(true);
    for (let i = 0; i < 5; i++) expect(await refs.save(channel, { ...ref })).toBe(false);
    expect(await refs.get(channel)).toEqual(ref);
    expect(calls).toEqual({ save: 1, read: 0 });
    expect(JSON.parse((await store.platformRecord(CONVERSATION_RECORD, channel))!)).toEqual(ref);
    await store.close();

    // After a restart: found in the store, and an unchanged save writes nothing.
    const reopened = counted(openStore(file));
    const again = new ConversationReferences(reopened.store);
    expect(await again.get(channel)).toEqual(ref);
    expect(await again.save(channel, ref)).toBe(false);
    expect(await again.save(channel, { ...ref, serviceUrl: 'https://smba.trafficmanager.net/amer/' })).toBe(true);
    expect(reopened.calls).toEqual({ save: 1, read: 1 });
    await reopened.store.close();
  });

  it('find a reference another instance saved after this one looked and found none', async () => {
    const store = openStore(':memory:');
    const mine = new ConversationReferences(store);
    const other = new ConversationReferences(store);
    const ref = referenceOf(personalMessage(LEENA, 'x', { serviceUrl }))!;
    expect(await mine.get('teams:a:1')).toBeUndefined();
    expect(await other.save('teams:a:1', ref)).toBe(true);
    expect(await mine.get('teams:a:1')).toEqual(ref);
    expect(await mine.save('teams:a:1', ref)).toBe(false);
    await store.close();
  });
});
