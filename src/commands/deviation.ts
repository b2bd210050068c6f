import { findTemplate } from '../comms/render-template';
import type { CommandDef } from './context';
import { previewAnnouncement, templatesOf } from './announcement-flow';
import { parseGivenValues } from './given-values';
import { parseDate } from './set';
import { fail, isResult, loadRollout } from './support';

/**
 * `deviation <reason> [new date]`: prepares the notice of a deviation from the plan, which the
 * guide stresses above all, as a preview to send. `changes=` and `contact=` may be given too.
 * The new date (`15.3.2027` or `2027-03-15`, last) becomes the go-live date when the notice is sent.
 */
export const deviation: CommandDef = {
  name: 'deviation',
  aliases: { en: ['deviation'], fi: ['poikkeama'], sv: ['avvikelse'] },
  async run(ctx, args) {
    const given = parseGivenValues(args);
    if (!given.ok) return fail(ctx, 'command.usage', { usage: ctx.t('commands.deviation.usage') });
    const words = given.rest.split(' ').filter(Boolean);
    const newDate = words.length > 1 ? parseDate(words[words.length - 1]) : undefined;
    const reason = (newDate ? words.slice(0, -1) : words).join(' ');
    if (!reason && !given.values.reason) return fail(ctx, 'task.reason_required', { usage: ctx.t('commands.deviation.usage') });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const template = findTemplate(templatesOf(ctx, loaded), 'deviation', loaded.state.rollout.phase);
    if (!template) return fail(ctx, 'template.not_found', { template: 'deviation', templates: '-' });
    const values = { ...given.values, ...(reason ? { reason } : {}), ...(newDate ? { new_date: newDate } : {}) };
    return previewAnnouncement(ctx, loaded, template, values);
  },
};
