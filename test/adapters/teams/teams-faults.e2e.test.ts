// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20 (plain Node can).
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline: no signing keys')) }));

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import type { RolloutBot } from '../../../src/app';
import { createCore } from '../../../src/compose';
import { mountTeams, type MountedTeams } from '../../../adapters/teams/mount-teams';
import { LEENA, cardAction, channelMessage } from './support/activities';
import { FakeBotConnector } from './support/fake-bot-connector';

/** A core that fails on every request, to see what people get when something breaks. */
let bot: RolloutBot;
let connector: FakeBotConnector;
let server: http.Server;
let mounted: MountedTeams;
let url: string;
const errors: unknown[] = [];

beforeAll(async () => {
  const real = createCore({ databaseUrl: ':memory:', defaultLocale: 'fi' });
  bot = { ...real, handle: async () => { throw new Error('database is locked'); } };
  connector = await new FakeBotConnector().start();
  const app = express();
  const logger = Object.assign(pino({ level: 'silent' }), { error: (obj: unknown) => errors.push(obj) });
  mounted = await mountTeams(app, bot, {}, logger, false);
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
});
afterAll(async () => {
  await mounted.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await connector.stop();
  await bot.deps.store.close();
});

/** The core's own words for a fault, in one language. */
const fault = (locale: 'sv' | 'en') => `${bot.t(locale)('errors.internal.error')} ${bot.t(locale)('hints.internal.error')}`;
const post = (activity: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

describe('Teams when something breaks', () => {
  it('tells the person, in their language, that nothing changed, and logs the fault', async () => {
    const res = await post(channelMessage(LEENA, 'done 1', { serviceUrl: connector.url, locale: 'sv-SE' }));
    expect(res.status).toBe(200);
    expect(connector.sent().map((a) => a.text)).toEqual([fault('sv')]);
    expect(errors).toHaveLength(1);
  });

  it('answers a click with an error Teams shows, keeping the card', async () => {
    const data = { action: JSON.stringify({ name: 'done', rolloutId: 'r-1', task: 'k' }) };
    const res = await post(cardAction(LEENA, data, { serviceUrl: connector.url, locale: 'en-US' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      statusCode: 500,
      type: 'application/vnd.microsoft.error',
      value: { code: 'InternalError', message: fault('en') },
    });
  });

  it('rejects bodies that are not activities with 400', async () => {
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hello":1}' })).status).toBe(400);
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' })).status).toBe(400);
  });
});
