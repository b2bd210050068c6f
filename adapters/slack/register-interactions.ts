import type { App, BlockAction, ViewSubmitAction } from '@slack/bolt';
import { decodeAction } from '../../src/core/action-codec';
import { toLocale } from '../../src/core/locale';
import type { View } from '../../src/core/views';
import { ACTION_ID_PATTERN, EXPECTED_ACTION, MODAL_CALLBACK, REASON_BLOCK, REASON_INPUT, UNKNOWN_ACTION_PATTERN, UNKNOWN_CALLBACK_PATTERN } from './action-ids';
import type { Surface } from './reply';
import { decodeOrigin, outdatedModal, reasonModal, type ModalOrigin } from './render-modal';
import type { SlackRuntime } from './slack-runtime';
import { modalReason, translateBlockAction, translateOutdatedAction, translateSubmission, type BlockActionPayload, type ViewSubmissionPayload } from './translate';

/** The parts of a block_actions body used here beyond what `translate` reads. */
interface ActionBody extends BlockActionPayload {
  trigger_id: string;
  response_url?: string;
  message?: { blocks?: Array<{ type: string; block_id?: string; text?: { text?: string } }> };
  actions: Array<{ action_id: string; value?: string; action_ts?: string; block_id?: string }>;
}

function surfaceOf(body: ActionBody): Surface {
  if (body.container?.type === 'view') return { kind: 'home', user: body.user.id };
  return {
    kind: 'action',
    user: body.user.id,
    ...(body.response_url ? { responseUrl: body.response_url } : {}),
    ...(body.channel?.id ? { channel: body.channel.id } : {}),
    ...(body.container?.message_ts ? { ts: body.container.message_ts } : {}),
    ephemeral: Boolean(body.container?.is_ephemeral),
  };
}

/** The task line the clicked button belongs to (our own mrkdwn, sent earlier), shown in the modal. */
function taskLineOf(body: ActionBody): string | undefined {
  const blocks = body.message?.blocks ?? [];
  const at = blocks.findIndex((b) => b.block_id !== undefined && b.block_id === body.actions[0]?.block_id);
  const section = at > 0 && blocks[at].type === 'actions' ? blocks[at - 1] : blocks[at];
  return section?.type === 'section' ? section.text?.text : undefined;
}

/**
 * Buttons and reason modals. A click is acknowledged at once; "Not applicable" and advancing
 * past open tasks first open a modal asking why (trigger_id is valid for 3 s, long after the
 * ack), and the submission then runs the action and updates the original message in place.
 */
export function registerInteractions(app: App, rt: SlackRuntime): void {
  app.action<BlockAction>(ACTION_ID_PATTERN, async ({ ack, body, client }) => {
    await ack();
    const payload = body as unknown as ActionBody;
    const team = payload.team?.id ?? payload.user.team_id ?? '';
    const info = await rt.users.lookup(client, team, payload.user.id);
    const translated = translateBlockAction(payload, info);
    const surface = surfaceOf(payload);
    if (!translated.ok) {
      const locale = await rt.localeFor(`slack:${payload.user.id}`, info);
      await rt.send(client, rt.adapterError(locale, 'action'), surface);
      return;
    }
    if (translated.kind === 'skip' || translated.kind === 'override') {
      const locale = await rt.localeFor(translated.request.user, info);
      const origin: ModalOrigin = {
        value: payload.actions[0].value ?? '',
        ...(surface.kind === 'home' ? { home: true } : {}),
        ...(surface.kind === 'action' ? { channel: surface.channel, ts: surface.ts, responseUrl: surface.responseUrl } : {}),
      };
      const about = translated.kind === 'skip' ? taskLineOf(payload) : undefined;
      await client.views.open({ trigger_id: payload.trigger_id, view: reasonModal(translated.kind, rt.t(locale), origin, about) });
      return;
    }
    await rt.answer(client, translated.request, surface);
  });

  // A button of an earlier version: acknowledged, and answered with the current state under a
  // note that the button is out of date (on the App Home, the home itself is the current state).
  app.action<BlockAction>(UNKNOWN_ACTION_PATTERN, async ({ ack, body, client }) => {
    await ack();
    const payload = body as unknown as ActionBody;
    rt.logger.info({ actionId: payload.actions[0]?.action_id, user: payload.user.id }, 'slack: a button of an earlier version was clicked');
    const team = payload.team?.id ?? payload.user.team_id ?? '';
    const surface = surfaceOf(payload);
    if (surface.kind === 'home') {
      await rt.publishHome(client, team, payload.user.id).catch((err: unknown) => rt.logger.error({ err }, 'slack app home could not be published'));
      return;
    }
    const info = await rt.users.lookup(client, team, payload.user.id);
    const current = await rt.respond(translateOutdatedAction(payload, info));
    const t = rt.t(current.locale);
    const outdated: View = { kind: 'error', code: 'action.outdated', text: t('slack:action_outdated'), hint: t('slack:action_outdated_hint') };
    await rt.send(client, { locale: current.locale, visibility: 'private', changed: false, views: [outdated, ...current.views] }, surface);
  });

  // A modal of an earlier version: the answer is the ack itself, so it must not wait for the
  // store or the API; the cached Slack locale will do.
  app.view<ViewSubmitAction>({ callback_id: UNKNOWN_CALLBACK_PATTERN, type: 'view_submission' }, async ({ ack, body }) => {
    rt.logger.info({ callbackId: body.view.callback_id, user: body.user.id }, 'slack: a form of an earlier version was submitted');
    const locale = toLocale(rt.users.peek(body.team?.id ?? body.user.team_id ?? '', body.user.id).locale) ?? rt.bot.deps.defaultLocale;
    await ack({ response_action: 'update', view: outdatedModal(rt.t(locale)) });
  });
  app.view({ callback_id: /.*/, type: 'view_closed' }, async ({ ack }) => {
    await ack();
  });

  for (const kind of ['skip', 'override'] as const) {
    app.view<ViewSubmitAction>(MODAL_CALLBACK[kind], async ({ ack, body, client }) => {
      const payload = body as unknown as ViewSubmissionPayload & { view: { private_metadata?: string } };
      const team = payload.team?.id ?? payload.user.team_id ?? '';
      const reason = modalReason(payload, REASON_BLOCK, REASON_INPUT);
      if (!reason) {
        // Slack requires the input, so this is a reason of only spaces. The answer is the ack
        // itself, so it must not wait for the store or the API: the cached Slack locale will do.
        const locale = toLocale(rt.users.peek(team, payload.user.id).locale) ?? rt.bot.deps.defaultLocale;
        const t = rt.t(locale);
        await ack({ response_action: 'errors', errors: { [REASON_BLOCK]: t('slack:reason_required') } });
        return;
      }
      await ack();
      const info = await rt.users.lookup(client, team, payload.user.id);
      const origin = decodeOrigin(payload.view.private_metadata);
      const action = origin ? decodeAction(origin.value) : undefined;
      const surface: Surface = origin?.home
        ? { kind: 'home', user: payload.user.id }
        : { kind: 'action', user: payload.user.id, responseUrl: origin?.responseUrl, channel: origin?.channel, ts: origin?.ts };
      if (!origin || !action || action.name !== EXPECTED_ACTION[kind]) {
        await rt.send(client, rt.adapterError(await rt.localeFor(`slack:${payload.user.id}`, info), 'action'), surface);
        return;
      }
      await rt.answer(client, translateSubmission(payload, action, origin.channel, reason, info), surface);
    });
  }
}
