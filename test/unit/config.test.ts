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

  it('says in one line what a wrong variable accepts', () => {
    expect(() => readConfig({ DEFAULT_LOCALE: 'de' })).toThrow(/^DEFAULT_LOCALE="de" is not accepted: use fi, sv or en\.$/);
    expect(() => readConfig({ LOG_LEVEL: 'loud', PORT: '3000' })).toThrow(/^LOG_LEVEL="loud" is not accepted: use fatal, error, warn, info, debug, trace or silent\.$/);
    expect(() => readConfig({ TEAMS_ENABLED: 'yes' })).toThrow(/^TEAMS_ENABLED="yes" is not accepted: use 1 or true/);
    expect(() => readConfig({ ROLLOUT_USER: 'two words' })).toThrow(/^ROLLOUT_USER="two words" is not accepted/);
    expect(() => readConfig({ TEMPLATES_DIR: path.join(os.tmpdir(), 'no-such-templates-folder') })).toThrow(/^TEMPLATES_DIR=".*no-such-templates-folder" is not accepted: use the path of an existing folder/);
  });

  it('takes words in any case', () => {
    expect(readConfig({ DEFAULT_LOCALE: 'SV' }).defaultLocale).toBe('sv');
    expect(readConfig({ DEFAULT_LOCALE: ' En ' }).defaultLocale).toBe('en');
    expect(readConfig({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
    expect(readConfig({ TEAMS_ENABLED: 'TRUE' }).teams).toEqual({});
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

  it('serves Teams without credentials only outside production', () => {
    expect(readConfig({ TEAMS_ENABLED: '1' }).teams).toEqual({});
    expect(() => readConfig({ TEAMS_ENABLED: '1', NODE_ENV: 'production' })).toThrow(/NODE_ENV=production/);
  });
});
