// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20 (plain Node can); these
// tests run without credentials and never download signing keys.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline: no signing keys')) }));

import { CHANNEL, LEENA, TEAM, channelMessage, type Person } from './support/activities';
import { startTeamsHarness, type TeamsHarness } from './support/teams-harness';
import { ofType, texts } from './support/views';

/**
 * Issue #9 item 18 / #15 Teams 3: a channel mapped with `here` is known to the core only by its
 * id; previews and channel lists name it, from the Bot Connector's list of the team's channels.
 */

const COMMS = '19:c0a1b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2';
const STAFF = '19:5a1b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2';

let h: TeamsHarness;

async function say(p: Person, text: string, channel: string): Promise<unknown> {
  const activity = channelMessage(p, text, { serviceUrl: h.connector.url, channel, locale: 'en-US' });
  expect((await h.post(activity)).status).toBe(200);
  const reply = h.connector.calls.find((c) => c.operation === 'replyToActivity' && c.activityId === activity.id)!;
  return (reply.body as { attachments: Array<{ content: unknown }> }).attachments[0].content;
}

async function setUp(): Promise<void> {
  await say(LEENA, 'init Kotikunta', CHANNEL);
  await say(LEENA, 'channel communications here fi+sv', COMMS);
  await say(LEENA, 'channel staff here fi', STAFF);
  await say(LEENA, 'set organisation Kotikunta', CHANNEL);
  await say(LEENA, 'set golive 1.3.2027', CHANNEL);
}

describe('Teams channel names', () => {
  beforeEach(async () => {
    h = await startTeamsHarness({});
  });
  afterEach(async () => {
    await h.close();
  });

  it('names the channels of a preview and of the channel list, asking the Bot Connector once', async () => {
    h.connector.teams.set(TEAM, [
      { id: TEAM, name: null },
      { id: CHANNEL, name: 'Rollout' },
      { id: COMMS, name: 'Viestintä' },
      { id: STAFF, name: 'Henkilöstö' },
    ]);
    await setUp();
    const preview = await say(LEENA, 'announce golive-coming contact=Maija', CHANNEL);
    const shown = texts(preview);
    expect(shown).toContain('#Viestintä');
    expect(shown).toContain('#Henkilöstö');
    expect(shown.join('|')).not.toContain('@thread.tacv2');
    expect(ofType(preview, 'Action.Execute').map((a) => a.title)).toEqual(['Send']);

    const channels = texts(await say(LEENA, 'channels', CHANNEL));
    expect(channels).toContain('#Viestintä (fi + sv)');
    expect(channels).toContain('#Henkilöstö (fi)');
    // Remembered: one lookup for the preview and the list together.
    expect(h.connector.channelLookups).toEqual([TEAM]);
  });

  it('falls back to the id when the lookup fails, and still answers', async () => {
    // No channels registered for the team: the fake Bot Connector answers 404.
    await setUp();
    const shown = texts(await say(LEENA, 'channels', CHANNEL));
    expect(shown).toContain(`${COMMS} (fi + sv)`);
    expect(shown).toContain(`${STAFF} (fi)`);
    expect(h.connector.channelLookups).toEqual([TEAM]);
  });
});
