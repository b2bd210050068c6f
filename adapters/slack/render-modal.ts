import { z } from 'zod';
import type { Translate } from '../../src/i18n/i18n';
import { MODAL_CALLBACK, REASON_BLOCK, REASON_INPUT } from './action-ids';
import type { KnownBlock, ModalView } from './block-kit-types';
import { LIMITS, md, plain } from './mrkdwn';

/** Longest reason the core accepts (see action-codec). */
const MAX_REASON = 2000;

/**
 * Where the button sat, carried through the modal in `private_metadata` so that the original
 * message can be updated in place after the submission. Slack returns it untouched in the
 * signed `view_submission`.
 */
export interface ModalOrigin {
  /** The clicked button's value: the encoded action. */
  value: string;
  channel?: string;
  ts?: string;
  responseUrl?: string;
  /** The button sat on the App Home: republish it instead of updating a message. */
  home?: boolean;
}

const originSchema = z.strictObject({
  value: z.string().min(1).max(LIMITS.buttonValue),
  channel: z.string().max(50).optional(),
  ts: z.string().max(50).optional(),
  responseUrl: z.string().url().max(1000).optional(),
  home: z.boolean().optional(),
});

export function encodeOrigin(origin: ModalOrigin): string {
  const json = JSON.stringify(origin);
  // A response_url is long; without it chat.update still finds the message by channel and ts.
  return json.length <= LIMITS.privateMetadata ? json : JSON.stringify({ ...origin, responseUrl: undefined });
}

export function decodeOrigin(raw: string | undefined): ModalOrigin | undefined {
  if (!raw) return undefined;
  try {
    const parsed = originSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The modal asking why: a task does not apply (`skip`) or the lead advances past open tasks
 * (`override`). `about` is mrkdwn we rendered ourselves earlier (the task line), shown on top.
 */
export function reasonModal(kind: 'skip' | 'override', t: Translate, origin: ModalOrigin, about?: string): ModalView {
  const blocks: KnownBlock[] = [];
  if (about) blocks.push({ type: 'section', text: md(about) });
  blocks.push({
    type: 'input',
    block_id: REASON_BLOCK,
    label: plain(t('ui:reason_label'), 2000),
    element: {
      type: 'plain_text_input',
      action_id: REASON_INPUT,
      multiline: true,
      max_length: MAX_REASON,
      placeholder: plain(t(kind === 'skip' ? 'ui:reason_placeholder' : 'ui:override_placeholder'), 150),
    },
  });
  return {
    type: 'modal',
    callback_id: MODAL_CALLBACK[kind],
    title: plain(t(kind === 'skip' ? 'ui:skip_title' : 'slack:override_title'), LIMITS.modalTitle),
    // The button says what it does: skipping saves a reason, an override moves the rollout on.
    submit: plain(t(kind === 'skip' ? 'ui:skip_submit' : 'ui:advance_anyway'), LIMITS.modalButton),
    close: plain(t('ui:cancel'), LIMITS.modalButton),
    private_metadata: encodeOrigin(origin),
    blocks,
  };
}

/** What replaces a submitted modal of an earlier version of the bot: it is out of date, start again. */
export function outdatedModal(t: Translate): ModalView {
  return {
    type: 'modal',
    title: plain(t('slack:form_outdated_title'), LIMITS.modalTitle),
    close: plain(t('slack:close'), LIMITS.modalButton),
    blocks: [{ type: 'section', text: md(t('slack:form_outdated')) }],
  };
}
