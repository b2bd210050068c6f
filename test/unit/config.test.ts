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

  it('reads the dashboard\'s public address and secret, refusing ones that would give wrong or weak links', () => {
    expect(readConfig({})).not.toHaveProperty('publicUrl');
    expect(readConfig({ PUBLIC_URL: 'https://rollout.kotikunta.fi/', DASHBOARD_SECRET: 'x'.repeat(32) })).toMatchObject({ publicUrl: 'https://rollout.kotikunta.fi', dashboardSecret: 'x'.repeat(32) });
    expect(readConfig({ PUBLIC_URL: 'https://kotikunta.fi/rollout' }).publicUrl).toBe('https://kotikunta.fi/rollout');
    for (const wrong of ['rollout.kotikunta.fi', 'ftp://kotikunta.fi', 'https://kotikunta.fi/?a=1', 'https://kotikunta.fi/#x']) {
      expect(() => readConfig({ PUBLIC_URL: wrong })).toThrow(/PUBLIC_URL/);
    }
    expect(() => readConfig({ DASHBOARD_SECRET: 'short' })).toThrow(/DASHBOARD_SECRET/);
  });

  it('serves Teams without credentials only outside production', () => {
    expect(readConfig({ TEAMS_ENABLED: '1' }).teams).toEqual({});
    expect(() => readConfig({ TEAMS_ENABLED: '1', NODE_ENV: 'production' })).toThrow(/NODE_ENV=production/);
  });
});
