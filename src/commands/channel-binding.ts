import { LEAD_ROLE } from '../domain/permissions';
import type { CommandContext, CommandResult } from './context';
import { fail } from './support';
import { displayUser } from './user-token';

/**
 * Whether the asker may bind this channel to another rollout than the one it follows. A channel
 * no rollout holds is free; a bound one is for the lead of the rollout bound there, or a workspace
 * admin where the platform tells (Slack). Returns the refusal naming who may, or undefined.
 */
export async function refuseRebind(ctx: CommandContext, targetRolloutId?: string): Promise<CommandResult | undefined> {
  const { store } = ctx.deps;
  const bound = await store.rolloutForChannel(ctx.request.channel);
  if (!bound || bound.id === targetRolloutId || ctx.request.workspaceAdmin) return undefined;
  const state = await store.load(bound.id);
  const leads = (state?.members ?? []).filter((m) => m.role === LEAD_ROLE).map((m) => m.user);
  if (leads.includes(ctx.request.user)) return undefined;
  const names = await store.userNames(leads);
  const lead = leads.map((u) => displayUser(u, names)).join(', ') || '-';
  // Only Slack tells the bot who administers the workspace.
  const who = ctx.t(ctx.request.platform === 'slack' ? 'rebind.lead_or_admin' : 'rebind.lead', { leads: lead });
  return fail(ctx, 'channel.rebind_forbidden', { name: bound.name, who, leads: lead });
}
