import http from 'node:http';
import https from 'node:https';
import {
  CardFactory, HttpError, MessageFactory, type ConnectorClient, type HttpRequestConfig, type TurnContext,
} from '@microsoft/agents-hosting';
import type { AdaptiveCard } from './card-elements';

export const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A message activity carrying one Adaptive Card, for the SDK's `sendActivity` / `updateActivity`. */
export function cardMessage(card: AdaptiveCard) {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** Longest wait for the Bot Connector to answer a reply (Teams itself gives a turn 15 s). */
const REPLY_TIMEOUT_MS = 30_000;

/** One keep-alive agent per protocol for the whole process: replies reuse their connections to the Bot Connector. */
const AGENTS: Record<string, http.Agent> = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/**
 * Replies to the activity of this turn with one card, serialised once, over a kept-alive
 * connection.
 *
 * `context.sendActivity` sends the same JSON, but on the way it parses the whole activity, card
 * included, with zod (`Activity.fromObject`), deep-copies it through `JSON.parse(JSON.stringify())`
 * (`normalizeOutgoingActivity`), serialises it again and posts it with `fetch`: about 125 µs for the
 * 7 KB `next` card before the request, against 25 µs for one `JSON.stringify`, and Node 20's
 * `fetch` costs about 210 µs more CPU per request than `http.request` on a keep-alive agent
 * (measured; see the README's benchmark). This builds the body that pipeline produces (the fields
 * `applyConversationReference` sets, in their wire form) and posts it to the URL the SDK's
 * `replyToActivity` uses, with the headers of the turn's own connector client
 * (`turnState.get(adapter.ConnectorClientKey)`, as the SDK documents): its base URL is the
 * activity's `serviceUrl`, already checked by the SDK, and its headers carry the bot's token and
 * user agent. A failure throws the SDK's `HttpError`. What it skips are the turn's
 * `onSendActivities` hooks, which this adapter does not use, and the SDK's trace span for the
 * send. Anything else (another channel, an agentic request, `expectReplies`, no connector client)
 * goes through `sendActivity`.
 */
export async function replyWithCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  const incoming = context.activity;
  const client = context.turnState.get<ConnectorClient | undefined>(context.adapter.ConnectorClientKey);
  const conversation = incoming.conversation?.id;
  const plainTeamsTurn = incoming.channelId === 'msteams' && !incoming.isAgenticRequest() && incoming.deliveryMode !== 'expectReplies';
  if (!plainTeamsTurn || !client || !conversation || !incoming.id || !incoming.serviceUrl) {
    await context.sendActivity(cardMessage(card));
    return;
  }
  const body = JSON.stringify({
    type: 'message',
    attachmentLayout: 'list',
    inputHint: 'acceptingInput',
    attachments: [{ contentType: CARD_TYPE, content: card }],
    locale: incoming.locale,
    serviceUrl: incoming.serviceUrl,
    conversation: incoming.conversation,
    from: incoming.recipient,
    recipient: incoming.from,
    replyToId: incoming.id,
    channelId: incoming.channelId,
  });
  // The conversation id goes into the path as the SDK's `replyToActivity` puts it (not encoded).
  const path = `v3/conversations/${conversation}/activities/${encodeURIComponent(incoming.id)}`;
  await postJson(client, path, body);
  context.responded = true;
}

interface Answer {
  status: number;
  statusText: string;
  responseHeaders: http.IncomingHttpHeaders;
  text: string;
}

/** A reused keep-alive socket that turned out to be closed (ECONNRESET before any answer). */
class StaleSocketError extends Error {}

function send(url: URL, headers: Record<string, string | number>, body: string): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      { method: 'POST', agent: AGENTS[url.protocol], headers, timeout: REPLY_TIMEOUT_MS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => resolve({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          responseHeaders: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`The Bot Connector did not answer within ${REPLY_TIMEOUT_MS} ms`)));
    request.on('error', (err: NodeJS.ErrnoException) => {
      reject(request.reusedSocket && err.code === 'ECONNRESET' ? new StaleSocketError(err.message, { cause: err }) : err);
    });
    request.end(body);
  });
}

/** POSTs a JSON text with the connector client's base URL and headers; throws `HttpError` unless 2xx. */
async function postJson(client: ConnectorClient, path: string, body: string): Promise<unknown> {
  const base = client.httpClient.baseURL.replace(/\/+$/, '');
  const url = new URL(`${base}/${path}`);
  const config: HttpRequestConfig = { method: 'post', url: path, data: body };
  const headers: Record<string, string | number> = {
    ...client.httpClient.defaultHeaders,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  };
  let answer: Answer;
  try {
    answer = await send(url, headers, body);
  } catch (err) {
    // A kept-alive connection the Bot Connector closed while it was idle fails at once, before
    // the request reached it; Node documents sending it once more as the remedy.
    if (!(err instanceof StaleSocketError)) throw err;
    answer = await send(url, headers, body);
  }
  const { status, statusText, responseHeaders, text } = answer;
  let data: unknown = text;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  if (status >= 200 && status < 300) return data;
  const fetchHeaders = new Headers();
  for (const [name, value] of Object.entries(responseHeaders)) {
    if (value !== undefined) fetchHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  throw new HttpError(`Request failed with status ${status}`, { data, status, statusText, headers: fetchHeaders, config }, config);
}
