// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20; no test here gets as far
// as downloading signing keys (the unauthenticated local mode).
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline: no signing keys')) }));

import { CHANNEL, LEENA, channelMessage } from '../teams/support/activities';
import { startTeamsHarness, type TeamsHarness } from '../teams/support/teams-harness';
import { texts } from '../teams/support/views';

describe('dashboard links in Teams', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({});
    h.bot.deps.publicUrl = h.url;
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers @Rollout dashboard with a link that opens the rollout, framable by Teams only', async () => {
    const where = { serviceUrl: h.connector.url };
    await h.post(channelMessage(LEENA, 'init Kotikunta', where));
    h.connector.clear();
    expect((await h.post(channelMessage(LEENA, 'dashboard', where))).status).toBe(200);
    const [card] = h.connector.cards();
    const text = texts(card).join(' ');
    const link = /http:\/\/127\.0\.0\.1:\d+\/dashboard\/[A-Za-z0-9_.-]+\//.exec(text)?.[0];
    expect(link).toBeDefined();
    expect(h.connector.calls[0].conversationId).toContain(CHANNEL);
    const page = await fetch(`${link}?lang=sv`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors \'self\' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft');
    expect(await page.text()).toContain('Kotikunta');
  });
});
