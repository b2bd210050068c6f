// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20; no token is checked here.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline: no signing keys')) }));

import { LEENA, TEAM, TENANT, channelMessage, groupChatMessage } from './support/activities';
import { startTeamsHarness, type TeamsHarness } from './support/teams-harness';

const OTHER_CHANNEL = '19:f0e1d2c3b4a5968778695a4b3c2d1e0f@thread.tacv2';

/**
 * Teams activity ids are timestamps, unique only within a conversation: the same id arriving in
 * two conversations is two requests, and each changes its own rollout.
 */
describe('Teams: the same activity id in two conversations', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({});
  });
  afterAll(async () => {
    await h.close();
  });

  it('changes both rollouts, and a redelivery in one of them changes nothing more', async () => {
    const serviceUrl = h.connector.url;
    await h.post(channelMessage(LEENA, 'init Rakennusluvat', { serviceUrl }));
    await h.post(channelMessage(LEENA, 'init Ympäristöluvat', { serviceUrl, channel: OTHER_CHANNEL }));
    await h.post(groupChatMessage(LEENA, 'init Kemikaaliluvat', { serviceUrl }));
    const id = '1763888499999';
    for (const activity of [
      channelMessage(LEENA, 'done 1', { serviceUrl, id }),
      channelMessage(LEENA, 'done 1', { serviceUrl, id, channel: OTHER_CHANNEL }),
      { ...groupChatMessage(LEENA, 'done 1', { serviceUrl }), id },
    ]) {
      expect((await h.post(activity)).status).toBe(200);
    }
    const done = async (workspace: string) => {
      const rollouts = await h.bot.deps.store.listRollouts(workspace);
      return Promise.all(rollouts.map(async (r) => [r.name, Object.values((await h.bot.deps.store.load(r.id))!.tasks).filter((t) => t.status === 'done').length]));
    };
    expect(await done(`teams:${TENANT}:${TEAM}`)).toEqual(expect.arrayContaining([['Rakennusluvat', 1], ['Ympäristöluvat', 1]]));
    expect(await done(`teams:${TENANT}`)).toEqual([['Kemikaaliluvat', 1]]);

    // The Bot Connector delivering the same activity again in one conversation: nothing more changes.
    expect((await h.post(channelMessage(LEENA, 'done 2', { serviceUrl, id }))).status).toBe(200);
    expect(await done(`teams:${TENANT}:${TEAM}`)).toEqual(expect.arrayContaining([['Rakennusluvat', 1], ['Ympäristöluvat', 1]]));
  });
});
