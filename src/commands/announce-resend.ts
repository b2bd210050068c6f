import type { CommandContext, CommandResult } from './context';
import { maySend } from './announcement-flow';
import { fail, isResult, mutate, notice, refuse, type Loaded } from './support';

/** `announce resend <id>`: the words after `announce`, in every language. */
export const RESEND_WORDS = ['resend', 'uudelleen', 'igen'];

/**
 * Sends a failed or unconfirmed announcement message again (the lead was told its id in the
 * failure report and `announce status` shows it). Those who may send announcements may resend;
 * the message goes out from its first attempt, to the same channel with the same text, and the
 * resend is recorded in the audit trail. A message that is not failed changes nothing.
 */
export async function resendAnnouncement(ctx: CommandContext, loaded: Loaded, args: string): Promise<CommandResult> {
  const given = args.trim().replace(/^#/, '');
  const id = /^\d{1,12}$/.test(given) ? Number(given) : NaN;
  if (!maySend(loaded.state, ctx.request.user)) return fail(ctx, 'auth.comms_only');
  const entry = Number.isNaN(id) ? undefined : await ctx.deps.outbox.entry(loaded.state.rollout.id, id);
  if (!entry || entry.status !== 'failed' || entry.kind !== 'announcement') {
    return fail(ctx, 'announce.not_resendable', { id: given.slice(0, 20) || '-' });
  }
  const outcome = await mutate(ctx, loaded, (state) => {
    if (!maySend(state, ctx.request.user)) return refuse('auth.comms_only');
    return { ok: true, changes: [{ type: 'outbox.resend', id }], value: null };
  });
  if (isResult(outcome)) return outcome;
  ctx.deps.onQueued?.();
  const name = loaded.state.channels.find((c) => c.channel === entry.channel)?.name;
  return { views: [notice(ctx.t('notices.announcement_resent', { channel: name ? `#${name}` : entry.channel }))], changed: outcome.changed };
}
