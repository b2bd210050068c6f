import { isLead } from '../domain/permissions';
import type { CommandDef } from './context';
import { fail, isResult, loadRollout, mutate, notice, refuse } from './support';
import { isWord } from './words';

/** Chooses a connection method: conditional tasks that depend on it apply or not. */
export const option: CommandDef = {
  name: 'option',
  aliases: { en: ['option', 'method'], fi: ['valinta', 'liitostapa'], sv: ['val', 'anslutningssätt'] },
  async run(ctx, args) {
    const [key, value, ...extra] = args.split(/\s+/).filter(Boolean);
    const on = isWord(value, 'on');
    const usage = ctx.t('commands.option.usage');
    if (!key || !value) return fail(ctx, 'command.usage', { usage });
    if (!on && !isWord(value, 'off')) return fail(ctx, 'command.unknown_word', { word: value.slice(0, 40), usage });
    if (extra.length > 0) return fail(ctx, 'command.extra_word', { word: extra[0].slice(0, 40), usage });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const wanted = key.toLowerCase();
    const found = loaded.playbook.options.find((o) => o.key === wanted || Object.values(o.name).some((n) => n.toLowerCase() === wanted));
    if (!found) return fail(ctx, 'option.not_found', { option: key.slice(0, 80), options: loaded.playbook.options.map((o) => o.key).join(', ') });
    const outcome = await mutate(ctx, loaded, (state) => {
      if (!isLead(state, ctx.request.user)) return refuse('auth.lead_only');
      if (state.rollout.options[found.key] === on) return { ok: true, changes: [], value: null };
      return { ok: true, changes: [{ type: 'rollout.option', option: found.key, value: on }], value: null };
    });
    if (isResult(outcome)) return outcome;
    const text = ctx.t(on ? 'notices.option_on' : 'notices.option_set_off', { option: found.name[ctx.locale] });
    return { views: [notice(text)], visibility: 'channel', changed: outcome.changed };
  },
};
