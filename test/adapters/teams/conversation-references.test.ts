import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { MemoryConversationReferenceStore, referenceOf } from '../../../adapters/teams/conversation-references';
import {
  SqliteConversationReferenceStore, conversationReferenceStoreFor,
} from '../../../adapters/teams/sqlite-conversation-reference-store';
import { BOT, CHANNEL, LEENA, TENANT, botAddedToTeam, channelMessage, personalMessage } from './support/activities';

const serviceUrl = 'https://smba.trafficmanager.net/emea/';
const logger = pino({ level: 'silent' });
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-refs-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

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

  it('are written to SQLite once, and again only when they change', async () => {
    const file = path.join(dir, 'rollout.db');
    const ref = referenceOf(channelMessage(LEENA, 'next', { serviceUrl }))!;
    const store = SqliteConversationReferenceStore.open(file);
    expect(await store.save(`teams:${CHANNEL}`, ref)).toBe(true);
    for (let i = 0; i < 5; i++) expect(await store.save(`teams:${CHANNEL}`, { ...ref })).toBe(false);
    expect(store.writes).toBe(1);
    await store.close();

    const reopened = SqliteConversationReferenceStore.open(file);
    expect(await reopened.get(`teams:${CHANNEL}`)).toEqual(ref);
    expect(await reopened.save(`teams:${CHANNEL}`, ref)).toBe(false);
    expect(await reopened.save(`teams:${CHANNEL}`, { ...ref, serviceUrl: 'https://smba.trafficmanager.net/amer/' })).toBe(true);
    expect(reopened.writes).toBe(1);
    expect(await reopened.get('teams:19:other@thread.tacv2')).toBeUndefined();
    await reopened.close();
  });

  it('live next to the core store in its SQLite file, or in memory for :memory:', async () => {
    const file = path.join(dir, 'core.db');
    const db = new Database(file);
    const beside = conversationReferenceStoreFor({ database: db }, logger);
    expect(beside).toBeInstanceOf(SqliteConversationReferenceStore);
    await beside.close();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'teams_conversation_refs'").get()).toBeDefined();
    db.close();

    const memory = new Database(':memory:');
    expect(conversationReferenceStoreFor({ database: memory }, logger)).toBeInstanceOf(MemoryConversationReferenceStore);
    expect(conversationReferenceStoreFor({}, logger)).toBeInstanceOf(MemoryConversationReferenceStore);
    memory.close();
  });

  it('in memory also skip unchanged saves', async () => {
    const store = new MemoryConversationReferenceStore();
    const ref = referenceOf(personalMessage(LEENA, 'x', { serviceUrl }))!;
    expect(await store.save('teams:a:1', ref)).toBe(true);
    expect(await store.save('teams:a:1', ref)).toBe(false);
    expect(store.writes).toBe(1);
    expect(await store.get('teams:a:1')).toEqual(ref);
  });
});
