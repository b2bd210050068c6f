import type { Rollout } from '../domain/rollout';
import type { CommandContext, CommandDef } from './context';
import { fail, notice } from './support';
import { displayUser, parseUserMention } from './user-token';
import { splitFirst } from './words';

/** The word that turns the preview into the erasure, in every language. */
const CONFIRM = ['confirm', 'vahvista', 'bekräfta'];

/**
 * `forget @person [confirm]`: a workspace admin or a rollout lead replaces a person's name and
 * ids by a pseudonym everywhere the bot keeps them. Without `confirm` it only shows what would
 * change; with it, the store does it in one transaction and records the erasure.
 */
export const forget: CommandDef = {
  name: 'forget',
  aliases: { en: ['forget'], fi: ['unohda'], sv: ['glöm'] },
  async run(ctx, args) {
    const { store } = ctx.deps;
    const [token, rest] = splitFirst(args);
    const target = token ? parseUserMention(ctx.request.platform, token) : undefined;
    const confirmed = CONFIRM.includes(rest.toLowerCase());
    if (!target || (rest && !confirmed)) return fail(ctx, 'command.usage', { usage: ctx.t('commands.forget.usage') });
    const led = await rolloutsLedBy(ctx, ctx.request.user);
    if (!ctx.request.workspaceAdmin && led.length === 0) return fail(ctx, 'auth.erase_forbidden');
    if (target.id === ctx.request.user) return fail(ctx, 'person.self');

    const data = await store.personalData(target.id);
    const user = data.name ?? target.label ?? displayUser(target.id, {});
    // Only someone this workspace's rollouts know: an admin or lead here cannot reach into other workspaces.
    if (!data.workspaces.includes(ctx.request.workspace)) return fail(ctx, 'person.unknown', { user });
    const bound = await store.rolloutForChannel(ctx.request.channel);
    // The erasure is recorded in the trail of this channel's rollout, else of one the asker leads, else of one the person was in.
    const theirs = [...data.roles, ...data.tasks].find((x) => x.workspace === ctx.request.workspace)?.rolloutId;
    const rolloutId = bound?.workspace === ctx.request.workspace ? bound.id : led[0]?.id ?? theirs;
    const options = rolloutId ? { rolloutId } : {};

    if (!confirmed) {
      const preview = await store.erasePerson(target.id, ctx.meta, { ...options, dryRun: true });
      const lines = [ctx.t('notices.erase_preview', {
        user, roles: data.roles.length, tasks: data.tasks.length, events: data.events.length, rows: preview.rows, confirm: ctx.t('personal_data.confirm'),
      })];
      const onlyLead = await rolloutsLedBy(ctx, target.id, true);
      if (onlyLead.length > 0) lines.push(ctx.t('notices.erase_only_lead', { user, rollouts: onlyLead.map((r) => r.name).join(', ') }));
      return { views: [notice(lines.join('\n'), 'warning')] };
    }
    const report = await store.erasePerson(target.id, ctx.meta, options);
    return { views: [notice(ctx.t('notices.erased', { user, pseudonym: report.pseudonym, rows: report.rows }))], changed: report.rows > 0 };
  },
};

/** Rollouts of the asker's workspace that `user` leads (with `alone`: as their only lead). */
async function rolloutsLedBy(ctx: CommandContext, user: string, alone = false): Promise<Rollout[]> {
  const led: Rollout[] = [];
  for (const rollout of await ctx.deps.store.listRollouts(ctx.request.workspace)) {
    const leads = (await ctx.deps.store.load(rollout.id))?.members.filter((m) => m.role === 'lead').map((m) => m.user) ?? [];
    if (leads.includes(user) && (!alone || leads.length === 1)) led.push(rollout);
  }
  return led;
}
