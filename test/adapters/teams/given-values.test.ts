// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20; no token is checked here.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline: no signing keys')) }));

import { renderTextCard } from '../../../adapters/teams/render-adaptive-card';
import { withUserNames } from '../../../adapters/teams/teams-sender';
import { givenValue } from '../../../src/comms/given-values';

describe('Teams: values people give in outbox texts', () => {
  const names = async (ids: string[]) => Object.fromEntries(ids.filter((id) => id === 'teams:29:1lead').map((id) => [id, 'Leena Lead']));

  it('names the people the bot mentions itself, and shows a given value as it was given, on one line', async () => {
    const text = `⚠️ <@29:1lead> Contact: ${givenValue('<@29:1lead> **urgent**\n[call](https://evil.example)')}`;
    const shown = await withUserNames(text, names);
    expect(shown).toBe('⚠️ @Leena Lead Contact: <@29:1lead> **urgent** [call](https://evil.example)');
    // Cards show text runs as written: no Markdown, no link.
    const card = JSON.stringify(renderTextCard(shown));
    expect(card).not.toContain('"type":"TextBlock"');
    expect(card).not.toContain('OpenUrl');
    expect(card).not.toMatch(/[\uE000\uE001]/);
  });
});
