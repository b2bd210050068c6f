import { findTemplate } from '../comms/render-template';
import { SITUATIONS, type Situation } from '../comms/template';
import type { OutboxView } from '../core/views';
import type { CommandContext, CommandDef, CommandResult } from './context';
import { previewAnnouncement, sendAnnouncement, templatesOf, templateTitle } from './announcement-flow';
import { RESEND_WORDS, resendAnnouncement } from './announce-resend';
import { parseGivenValues } from './given-values';
import { fail, isResult, loadRollout, notice, type Loaded } from './support';
import { splitFirst } from './words';

const STATUS_WORDS = ['status', 'tila', 'läge'];
/** The text way to press Send: sends the newest preview. */
const SEND_WORDS = ['send', 'lähetä', 'skicka'];
const RECENT = 10;

export const announce: CommandDef = {
  name: 'announce',
  aliases: { en: ['announce'], fi: ['tiedota'], sv: ['meddela'] },
  async run(ctx, args) {
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const [first, rest] = splitFirst(args);
    if (!first) return listTemplates(ctx, loaded);
    if (STATUS_WORDS.includes(first.toLowerCase())) return outboxStatus(ctx, loaded);
    if (RESEND_WORDS.includes(first.toLowerCase())) return resendAnnouncement(ctx, loaded, rest);
    if (SEND_WORDS.includes(first.toLowerCase())) {
      const latest = loaded.state.drafts[loaded.state.drafts.length - 1];
      if (!latest) return fail(ctx, 'announce.sent');
      return sendAnnouncement(ctx, loaded, latest);
    }

    const set = templatesOf(ctx, loaded);
    const wanted = first.toLowerCase();
    const template = set.templates.find((t) => t.key === wanted) ??
      (SITUATIONS.includes(wanted as Situation) ? findTemplate(set, wanted as Situation, loaded.state.rollout.phase) : undefined);
    if (!template) return fail(ctx, 'template.not_found', { template: first.slice(0, 60), templates: set.templates.map((t) => t.key).join(', ') });
    const given = parseGivenValues(rest);
    if (!given.ok) return fail(ctx, 'command.usage', { usage: ctx.t('commands.announce.usage') });
    return previewAnnouncement(ctx, loaded, template, given.values);
  },
};

/** The templates that fit the current phase, with their keys. */
function listTemplates(ctx: CommandContext, loaded: Loaded): CommandResult {
  const phase = loaded.state.rollout.phase;
  const set = templatesOf(ctx, loaded);
  const fitting = SITUATIONS.map((s) => findTemplate(set, s, phase)).filter((t) => t !== undefined);
  const lines = fitting.map((t) => `• ${t.key}: ${templateTitle(ctx, loaded, t)}`);
  return { views: [notice(`${ctx.t('notices.templates', { phase: loaded.playbook.phases[loaded.playbook.phaseIndex.get(phase)!].name[ctx.locale] })}\n${lines.join('\n')}`, 'info')] };
}

async function outboxStatus(ctx: CommandContext, loaded: Loaded): Promise<CommandResult> {
  const summary = await ctx.deps.outbox.summary(loaded.state.rollout.id, RECENT);
  const set = templatesOf(ctx, loaded);
  const view: OutboxView = {
    kind: 'outbox',
    rolloutName: loaded.state.rollout.name,
    counts: { draft: summary.draft, pending: summary.pending, sent: summary.sent, failed: summary.failed, unconfirmed: summary.unconfirmed },
    entries: summary.recent.map((e) => {
      const template = set.templates.find((t) => t.key === e.template);
      const name = loaded.state.channels.find((c) => c.channel === e.channel)?.name;
      return {
        at: e.sentAt ?? e.createdAt,
        channel: { id: e.channel, ...(name ? { name } : {}) },
        what: template ? templateTitle(ctx, loaded, template) : ctx.t(`ui:outbox_${e.kind}`),
        // Failed and unconfirmed messages name the command that sends them again.
        status: ctx.t(`ui:outbox_status_${e.unconfirmed ? 'unconfirmed' : e.status}`, { id: e.id }),
        ...(e.lastError && e.status !== 'sent' ? { error: e.lastError } : {}),
      };
    }),
  };
  return { views: [view] };
}
