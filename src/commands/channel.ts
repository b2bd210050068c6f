import { isLead } from '../domain/permissions';
import { findRole } from '../domain/task-ref';
import { parseChannelToken, parseLocales } from './channel-token';
import type { CommandDef } from './context';
import { fail, isResult, loadRollout, mutate, notice, refuse } from './support';
import { isWord } from './words';

/** Maps a role to a channel that receives its announcements, in one language or two. */
export const channel: CommandDef = {
  name: 'channel',
  aliases: { en: ['channel'], fi: ['kanava'], sv: ['kanal'] },
  async run(ctx, args) {
    const [roleToken, channelToken, third, ...extra] = args.split(/\s+/).filter(Boolean);
    if (!roleToken || !channelToken) return fail(ctx, 'command.usage', { usage: ctx.t('commands.channel.usage') });
    if (extra.length > 0) return fail(ctx, 'command.extra_word', { word: extra[0].slice(0, 40), usage: ctx.t('commands.channel.usage') });
    const target = parseChannelToken(ctx.request.platform, channelToken, ctx.request.channel);
    if (!target) return fail(ctx, 'channel.invalid', { channel: channelToken.slice(0, 80) });
    const removing = isWord(third, 'off');
    const locales = third && !removing ? parseLocales(third) : undefined;
    if (third && !removing && !locales) return fail(ctx, 'lang.unknown', { lang: third.slice(0, 20), langs: 'fi, sv, en, fi+sv' });

    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const role = findRole(loaded.playbook, roleToken);
    if (!role) return fail(ctx, 'role.not_found', { role: roleToken.slice(0, 80), roles: loaded.playbook.roles.map((r) => r.key).join(', ') });

    const outcome = await mutate(ctx, loaded, (state) => {
      if (!isLead(state, ctx.request.user)) return refuse('auth.lead_only');
      if (removing) {
        if (!state.channels.some((c) => c.role === role.key && c.channel === target.id)) return refuse('channel.not_mapped', { role: role.name[ctx.locale] });
        return { ok: true, changes: [{ type: 'channel.unmap', role: role.key, channel: target.id }], value: null };
      }
      const mapping = { role: role.key, channel: target.id, ...(target.name ? { name: target.name } : {}), locales: locales ?? [state.rollout.locale] };
      return { ok: true, changes: [{ type: 'channel.map', mapping }], value: null };
    });
    if (isResult(outcome)) return outcome;
    const params = { role: role.name[ctx.locale], channel: target.name ? `#${target.name}` : ctx.t('ui:this_channel'), langs: (locales ?? [loaded.state.rollout.locale]).join(' + ') };
    return { views: [notice(ctx.t(removing ? 'notices.channel_unmapped' : 'notices.channel_mapped', params))], visibility: 'channel', changed: true };
  },
};
