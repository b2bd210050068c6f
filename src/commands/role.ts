import { isLead, LEAD_ROLE } from '../domain/permissions';
import { findRole } from '../domain/task-ref';
import type { CommandDef } from './context';
import { fail, isResult, loadRollout, mutate, notice, refuse } from './support';
import { displayUser, parseUserMention } from './user-token';
import { isWord } from './words';

export const role: CommandDef = {
  name: 'role',
  aliases: { en: ['role'], fi: ['rooli'], sv: ['roll'] },
  async run(ctx, args) {
    const tokens = args.split(/\s+/).filter(Boolean);
    // Swedish reads "roll lägg till <roll> <användare>" and "roll ta bort ...": the second word is filler.
    if (['till', 'bort'].includes(tokens[1]?.toLowerCase() ?? '')) tokens.splice(1, 1);
    const [verb, roleToken, who] = tokens;
    const adding = isWord(verb, 'add');
    const usage = ctx.t('commands.role.usage');
    if (verb && !adding && !isWord(verb, 'remove')) return fail(ctx, 'command.unknown_word', { word: verb.slice(0, 40), usage });
    if (!roleToken || !who) return fail(ctx, 'command.usage', { usage });
    if (tokens.length > 3) return fail(ctx, 'command.extra_word', { word: tokens[3].slice(0, 40), usage });
    const mention = parseUserMention(ctx.request.platform, who);
    if (!mention) return fail(ctx, 'user.invalid', { user: who.slice(0, 80) });
    const user = mention.id;
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const found = findRole(loaded.playbook, roleToken);
    if (!found) return fail(ctx, 'role.not_found', { role: roleToken.slice(0, 80), roles: loaded.playbook.roles.map((r) => r.key).join(', ') });
    const roleName = found.name[ctx.locale];

    const outcome = await mutate(ctx, loaded, (state) => {
      if (!isLead(state, ctx.request.user)) return refuse('auth.lead_only');
      const member = state.members.some((m) => m.role === found.key && m.user === user);
      if (adding) {
        if (member) return refuse('role.already', { role: roleName });
        return { ok: true, changes: [{ type: 'role.add', role: found.key, user }], value: null };
      }
      if (!member) return refuse('role.not_member', { role: roleName });
      if (found.key === LEAD_ROLE && state.members.filter((m) => m.role === LEAD_ROLE).length === 1) return refuse('role.last_lead');
      return { ok: true, changes: [{ type: 'role.remove', role: found.key, user }], value: null };
    });
    if (isResult(outcome)) return outcome;
    if (mention.label && !(await ctx.deps.store.userNames([user]))[user]) await ctx.deps.store.rememberUserName(user, mention.label);
    const name = displayUser(user, await ctx.deps.store.userNames([user]));
    return {
      views: [notice(ctx.t(adding ? 'notices.role_added' : 'notices.role_removed', { user: name, role: roleName }))],
      visibility: 'channel',
      changed: true,
    };
  },
};
