import { z } from 'zod';

/**
 * The shapes of what Slack signs and sends to `/slack/events` that this app acts on, checked
 * after the signature and before Bolt dispatches: a signed body of another shape (a `payload`
 * without actions, a command without its user, a submission without its view) is answered 400
 * and reaches nothing. Only the fields the adapter reads are required; Slack adds others freely.
 */
const id = z.string().min(1).max(100);
const user = z.looseObject({ id, team_id: id.optional() });
const team = z.looseObject({ id }).nullish();

const slashCommand = z.looseObject({
  command: z.string().regex(/^\/\S+$/).max(100),
  text: z.string().max(10_000).optional(),
  user_id: id,
  team_id: id,
  channel_id: id,
  response_url: z.url(),
  trigger_id: id.optional(),
});

const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  user,
  team,
  trigger_id: id,
  actions: z.array(z.looseObject({ action_id: z.string().min(1).max(255), value: z.string().max(2000).optional() })).min(1),
});

const view = z.looseObject({
  id,
  callback_id: z.string().max(255),
  private_metadata: z.string().max(3000).optional(),
});

const viewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  user,
  team,
  view: view.extend({ state: z.looseObject({ values: z.record(z.string(), z.unknown()) }) }),
});

const viewClosed = z.looseObject({ type: z.literal('view_closed'), user, team, view });

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  team_id: id.optional(),
  event_id: id.optional(),
  event: z.looseObject({ type: z.string().min(1) }),
});

const appRateLimited = z.looseObject({ type: z.literal('app_rate_limited') });

const interaction = z.discriminatedUnion('type', [blockActions, viewSubmission, viewClosed, eventCallback, appRateLimited]);

export type PayloadCheck = { ok: true } | { ok: false; reason: string };

/** Whether a verified, parsed Slack body has a shape this app handles; else a short reason for the log. */
export function checkPayload(body: unknown): PayloadCheck {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, reason: 'not an object' };
  const record = body as Record<string, unknown>;
  // A slash command is the only form body without a `type`; an interaction's `payload` field
  // arrives already parsed, and an event as JSON, both with one.
  const result = record.type === undefined ? slashCommand.safeParse(body) : interaction.safeParse(body);
  if (result.success) return { ok: true };
  const issue = result.error.issues[0];
  const kind = record.type === undefined ? 'slash command' : String(record.type).slice(0, 40);
  return { ok: false, reason: `${kind}: ${issue.path.join('.') || '(body)'} ${issue.message}` };
}
