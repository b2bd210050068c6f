// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20 (plain Node can); nothing
// here checks a token.
jest.mock('jwks-rsa', () => () => ({}));

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Activity } from '@microsoft/agents-activity';
import { CloudAdapter, ConnectorClient, HttpError, TurnContext } from '@microsoft/agents-hosting';
import { renderCard } from '../../../adapters/teams/render-adaptive-card';
import { cardMessage, replyWithCard } from '../../../adapters/teams/send-card';
import { LEENA, channelMessage, groupChatMessage, personalMessage } from './support/activities';
import { FakeBotConnector } from './support/fake-bot-connector';
import { checklist, en } from './support/views';

let connector: FakeBotConnector;
beforeAll(async () => {
  connector = await new FakeBotConnector().start();
});
afterAll(async () => {
  await connector.stop();
});

/** A turn for an incoming activity, with a connector client for the fake Bot Connector (and a token, as with credentials). */
function turn(incoming: object) {
  const adapter = new CloudAdapter({});
  const client = ConnectorClient.createClientWithToken(connector.url, 'a-bot-token');
  const context = new TurnContext(adapter, Activity.fromObject(incoming));
  context.turnState.set(adapter.ConnectorClientKey, client);
  return context;
}

describe('replying with a card serialised once', () => {
  const card = renderCard([checklist()], en);

  it.each([
    ['a channel thread', () => channelMessage(LEENA, 'status', { serviceUrl: connector.url })],
    ['a personal chat', () => personalMessage(LEENA, 'tila', { serviceUrl: connector.url })],
    ['a group chat', () => groupChatMessage(LEENA, 'läge', { serviceUrl: connector.url })],
  ])('sends in %s exactly what context.sendActivity sends', async (_where, incoming) => {
    const activity = incoming();
    connector.clear();
    await turn(activity).sendActivity(cardMessage(card));
    const ours = turn(activity);
    await replyWithCard(ours, card);

    const [sdk, direct] = connector.calls;
    expect(connector.calls).toHaveLength(2);
    expect(direct).toMatchObject({ method: sdk.method, operation: 'replyToActivity', conversationId: sdk.conversationId, activityId: activity.id });
    expect(direct.authorization).toBe('Bearer a-bot-token');
    expect(direct.body).toEqual(sdk.body);
    expect(ours.responded).toBe(true);
  });

  it('fails with the SDK\'s HttpError, status and Retry-After included', async () => {
    connector.failNext(429, { 'retry-after': '3' });
    const failure = await replyWithCard(turn(channelMessage(LEENA, 'status', { serviceUrl: connector.url })), card).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(HttpError);
    expect(failure).toMatchObject({ status: 429 });
    expect((failure as HttpError).response.headers.get('retry-after')).toBe('3');
  });

  it('sends once more when a kept-alive connection turns out to be closed', async () => {
    // A connector that drops every connection on its second request, as an idle timeout would.
    const seen = new WeakMap<object, number>();
    const bodies: string[] = [];
    const server = http.createServer((req, res) => {
      const n = (seen.get(req.socket) ?? 0) + 1;
      seen.set(req.socket, n);
      if (n > 1) {
        req.socket.destroy();
        return;
      }
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"r"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const context = () => {
        const adapter = new CloudAdapter({});
        const c = new TurnContext(adapter, Activity.fromObject(channelMessage(LEENA, 'status', { serviceUrl: url })));
        c.turnState.set(adapter.ConnectorClientKey, ConnectorClient.createClientWithToken(url, ''));
        return c;
      };
      await replyWithCard(context(), card);
      await replyWithCard(context(), card);
      expect(bodies).toHaveLength(2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('leaves expectReplies turns to the SDK, which collects the reply instead of posting it', async () => {
    connector.clear();
    const context = turn({ ...channelMessage(LEENA, 'status', { serviceUrl: connector.url }), deliveryMode: 'expectReplies' });
    await replyWithCard(context, card);
    expect(connector.calls).toEqual([]);
    expect(context.bufferedReplyActivities).toHaveLength(1);
  });
});
