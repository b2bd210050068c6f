import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfig } from '../../src/config';

describe('configuration', () => {
  it('defaults to the console on the embedded SQLite file in Finnish', () => {
    expect(readConfig({})).toMatchObject({ port: 3000, databaseUrl: './data/rollout.db', defaultLocale: 'fi', slack: undefined, teams: undefined });
  });

  it('reads single-workspace Slack and Teams credentials', () => {
    const config = readConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', TEAMS_APP_ID: 'a', TEAMS_APP_PASSWORD: 'p', TEAMS_TENANT_ID: 't', PORT: '8080' });
    expect(config.slack).toMatchObject({ signingSecret: 's', botToken: 'xoxb-1' });
    expect(config.teams).toEqual({ credentials: { appId: 'a', appPassword: 'p', tenantId: 't' } });
    expect(config.port).toBe(8080);
  });

  it('names the variable that is wrong', () => {
    expect(() => readConfig({ DEFAULT_LOCALE: 'de' })).toThrow(/DEFAULT_LOCALE/);
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ SLACK_BOT_TOKEN: 'xoxb' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => readConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'x', SLACK_API_URL: 'http://localhost/' })).toThrow(/SLACK_API_URL/);
  });

  it('bounds the read cache as READ_CACHE_ENTRIES says, and leaves the default to the store', () => {
    expect(readConfig({}).readCacheEntries).toBeUndefined();
    expect(readConfig({ READ_CACHE_ENTRIES: '500' }).readCacheEntries).toBe(500);
    expect(readConfig({ READ_CACHE_ENTRIES: '0' }).readCacheEntries).toBe(0);
    expect(() => readConfig({ READ_CACHE_ENTRIES: '-1' })).toThrow(/READ_CACHE_ENTRIES/);
  });

  it('refuses Slack OAuth mode without ENCRYPTION_KEY, in one line, and reads keys given as base64 or hex', () => {
    const oauth = { SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'c', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'ss' };
    expect(() => readConfig(oauth)).toThrow(/^Slack OAuth mode .*set ENCRYPTION_KEY[^\n]*$/);
    const hex = 'ab'.repeat(32);
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(readConfig({ ...oauth, ENCRYPTION_KEY: hex }).slack?.secretKeys).toEqual({ current: Buffer.from(hex, 'hex'), previous: [] });
    expect(readConfig({ ...oauth, ENCRYPTION_KEY: base64, ENCRYPTION_KEY_PREVIOUS: hex }).slack?.secretKeys).toEqual({ current: Buffer.alloc(32, 7), previous: [Buffer.from(hex, 'hex')] });
    expect(() => readConfig({ ...oauth, ENCRYPTION_KEY: 'short' })).toThrow(/^ENCRYPTION_KEY must be 32 bytes/);
    expect(() => readConfig({ ...oauth, ENCRYPTION_KEY: hex, ENCRYPTION_KEY_PREVIOUS: 'x' })).toThrow(/^ENCRYPTION_KEY_PREVIOUS must be 32 bytes/);
  });

  it('serves Teams without credentials only when NODE_ENV is exactly development or test', () => {
    expect(readConfig({ TEAMS_ENABLED: '1', NODE_ENV: 'development' }).teams).toEqual({});
    expect(readConfig({ TEAMS_ENABLED: '1', NODE_ENV: 'test' }).teams).toEqual({});
    for (const env of [undefined, 'production', 'prod', 'production ', 'Production', 'staging', 'development ']) {
      const call = () => readConfig({ TEAMS_ENABLED: '1', ...(env === undefined ? {} : { NODE_ENV: env }) });
      expect(call).toThrow(/^TEAMS_ENABLED=1 .*NODE_ENV=development or NODE_ENV=test .*TEAMS_APP_ID and TEAMS_APP_PASSWORD/);
      expect(call).toThrow(/^[^\n]+$/);
    }
    expect(readConfig({ TEAMS_ENABLED: '1', NODE_ENV: 'test', TEAMS_SERVICE_URL_ALLOW: ' 127.0.0.1:4000, proxy.internal ' }).teams).toEqual({ serviceUrlAllow: ['127.0.0.1:4000', 'proxy.internal'] });
    // With credentials the endpoint is authenticated, whatever NODE_ENV says.
    expect(readConfig({ TEAMS_APP_ID: 'a', TEAMS_APP_PASSWORD: 'p', NODE_ENV: 'prod' }).teams).toEqual({ credentials: { appId: 'a', appPassword: 'p' } });
  });

  it('reads the dashboard\'s public address and secret, refusing ones that would give wrong or weak links', () => {
    expect(readConfig({})).not.toHaveProperty('publicUrl');
    expect(readConfig({ PUBLIC_URL: 'https://rollout.kotikunta.fi/', DASHBOARD_SECRET: 'x'.repeat(32) })).toMatchObject({ publicUrl: 'https://rollout.kotikunta.fi', dashboardSecret: 'x'.repeat(32) });
    expect(readConfig({ PUBLIC_URL: 'https://kotikunta.fi/rollout' }).publicUrl).toBe('https://kotikunta.fi/rollout');
    for (const wrong of ['rollout.kotikunta.fi', 'ftp://kotikunta.fi', 'https://kotikunta.fi/?a=1', 'https://kotikunta.fi/#x']) {
      expect(() => readConfig({ PUBLIC_URL: wrong })).toThrow(/PUBLIC_URL/);
    }
    expect(() => readConfig({ DASHBOARD_SECRET: 'short' })).toThrow(/DASHBOARD_SECRET/);
  });

  it('says in one line what a wrong variable accepts', () => {
    expect(() => readConfig({ DEFAULT_LOCALE: 'de' })).toThrow(/^DEFAULT_LOCALE="de" is not accepted: use fi, sv or en\.$/);
    expect(() => readConfig({ LOG_LEVEL: 'loud', PORT: '3000' })).toThrow(/^LOG_LEVEL="loud" is not accepted: use fatal, error, warn, info, debug, trace or silent\.$/);
    expect(() => readConfig({ TEAMS_ENABLED: 'yes' })).toThrow(/^TEAMS_ENABLED="yes" is not accepted: use 1 or true/);
    expect(() => readConfig({ ROLLOUT_USER: 'two words' })).toThrow(/^ROLLOUT_USER="two words" is not accepted/);
    expect(() => readConfig({ TEMPLATES_DIR: path.join(os.tmpdir(), 'no-such-templates-folder') })).toThrow(/^TEMPLATES_DIR=".*no-such-templates-folder" is not accepted: use the path of an existing folder/);
    expect(() => readConfig({ AUDIT_RETENTION_DAYS: '0' })).toThrow(/^AUDIT_RETENTION_DAYS="0" is not accepted: use a whole number of days from 1, or keep\.$/);
    expect(() => readConfig({ PUBLIC_URL: 'rollout.example.org' })).toThrow(/^PUBLIC_URL="rollout\.example\.org" is not accepted: use the http\(s\) base URL/);
  });

  it('takes words in any case', () => {
    expect(readConfig({ DEFAULT_LOCALE: 'SV' }).defaultLocale).toBe('sv');
    expect(readConfig({ DEFAULT_LOCALE: ' En ' }).defaultLocale).toBe('en');
    expect(readConfig({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
    expect(readConfig({ TEAMS_ENABLED: 'TRUE', NODE_ENV: 'test' }).teams).toEqual({});
    expect(readConfig({ TEAMS_ENABLED: '0' }).teams).toBeUndefined();
  });

  it('reads who the console acts as and an existing templates folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-test-'));
    try {
      expect(readConfig({ ROLLOUT_USER: 'maija.meikäläinen', TEMPLATES_DIR: dir })).toMatchObject({ consoleUser: 'maija.meikäläinen', templatesDir: dir });
      expect(readConfig({}).consoleUser).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
