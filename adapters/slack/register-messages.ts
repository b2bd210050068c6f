import type { App, RespondArguments } from '@slack/bolt';
import type { SlackRuntime } from './slack-runtime';
import { isUserMessage, translateMessage, type EventEnvelope, type MessageEventPayload } from './translate';

/**
 * Slash commands, @mentions, direct messages and the App Home. A slash command is acknowledged
 * within ACK_BUDGET_MS: with the answer in the ack when the core is that fast, else empty and
 * the answer follows through response_url. Events are acknowledged by Bolt before the listener
 * runs; their answers go through the Web API.
 */
export function registerMessages(app: App, rt: SlackRuntime): void {
  // Any slash command of this app: the manifest defines `/rollout`, a renamed copy keeps working.
  app.command(/^\/.+/, async ({ command, ack, client }) => {
    await rt.answerCommand(client, command, (answer) => ack(answer as RespondArguments | undefined));
  });

  app.event('app_mention', async ({ event, body, context, client }) => {
    const envelope = body as EventEnvelope;
    const message = event as unknown as MessageEventPayload;
    if (!isUserMessage(message) || !rt.firstDelivery(envelope.event_id, context.retryNum)) return;
    await answerMessage(rt, client, message, envelope, context.botUserId);
  });

  app.event('message', async ({ event, body, context, client }) => {
    const envelope = body as EventEnvelope;
    const message = event as unknown as MessageEventPayload;
    // Channel messages reach us only as app_mention; here we take the bot's DMs, written by people.
    if (message.channel_type !== 'im' || !isUserMessage(message)) return;
    if (!rt.firstDelivery(envelope.event_id, context.retryNum)) return;
    await answerMessage(rt, client, message, envelope, context.botUserId);
  });

  app.event('app_home_opened', async ({ event, body, context, client }) => {
    if (event.tab !== 'home') return;
    const envelope = body as EventEnvelope;
    if (!rt.firstDelivery(envelope.event_id, context.retryNum)) return;
    try {
      await rt.publishHome(client, envelope.team_id ?? context.teamId ?? '', event.user, event.channel);
    } catch (err) {
      rt.logger.error({ err, user: event.user }, 'slack app home could not be published');
    }
  });
}

async function answerMessage(
  rt: SlackRuntime,
  client: Parameters<SlackRuntime['answer']>[0],
  message: MessageEventPayload,
  envelope: EventEnvelope,
  botUserId: string | undefined,
): Promise<void> {
  const team = envelope.team_id ?? '';
  const info = await rt.users.lookup(client, team, message.user ?? '');
  const request = translateMessage(message, envelope, botUserId, info);
  await rt.answer(client, request, {
    kind: 'message',
    channel: message.channel,
    user: message.user ?? '',
    personal: Boolean(request.personal),
    ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
  });
}
