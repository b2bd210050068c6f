import { findTemplate } from '../comms/render-template';
import { SITUATIONS, type Situation } from '../comms/template';
import type { OutboxView } from '../core/views';
import type { CommandContext, CommandDef, CommandResult } from './context';
import { maySend, previewAnnouncement, sendAnnouncement, templatesOf, templateTitle } from './announcement-flow';
import { RESEND_WORDS, resendAnnouncement } from './announce-resend';
import { parseGivenValues } from './given-values';
import { fail, isResult, loadRollout, notice, type Loaded } from './support';
import { splitFirst } from './words';

const STATUS_WORDS = ['status', 'tila', 'läge'];
/** The text way to press Send: sends the asker's own newest preview. */
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
    if (SEND_WORDS.includes(first.toLowerCase())) return sendOwnDraft(ctx, loaded, rest);

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

/**
 * `announce send [template]`: sends the asker's own newest preview and says which one went
 * where. Someone else's preview is never sent by text; with previews of several announcements
 * the asker is asked which one.
 */
async function sendOwnDraft(ctx: CommandContext, loaded: Loaded, args: string): Promise<CommandResult> {
  if (!maySend(loaded.state, ctx.request.user)) return fail(ctx, 'auth.comms_only');
  const [wanted, extra] = splitFirst(args);
  if (extra) return fail(ctx, 'command.extra_word', { word: splitFirst(extra)[0].slice(0, 40), usage: ctx.t('commands.announce.usage') });
  const own = loaded.state.drafts.filter((d) => d.createdBy === ctx.request.user && (!wanted || d.template === wanted.toLowerCase()));
  if (own.length === 0) return fail(ctx, 'announce.nothing');
  const set = templatesOf(ctx, loaded);
  const keys = [...new Set(own.map((d) => d.template ?? ''))];
  if (keys.length > 1) {
    const choices = keys.map((key) => {
      const template = set.templates.find((t) => t.key === key);
      return `${key} (${template ? templateTitle(ctx, loaded, template) : key})`;
    });
    return fail(ctx, 'announce.which', { drafts: choices.join(', ') });
  }
  return sendAnnouncement(ctx, loaded, own[own.length - 1].batch, true);
}

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
