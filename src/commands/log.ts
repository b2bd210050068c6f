import type { LogView } from '../core/views';
import { TARGET_PREFIX } from '../domain/schedule';
import { shortDate } from '../views/schedule-view';
import type { StoredEvent } from '../ports/rollout-store.port';
import type { CommandContext, CommandDef } from './context';
import { fail, isResult, loadRollout, viewsFor } from './support';
import type { RolloutViews } from '../views/build-views';
import { displayUser } from './user-token';
import { splitFirst } from './words';

const DEFAULT_ENTRIES = 10;
const MAX_ENTRIES = 50;

export const log: CommandDef = {
  name: 'log',
  aliases: { en: ['log', 'history'], fi: ['loki', 'historia'], sv: ['logg', 'historik'] },
  async run(ctx, args) {
    const [word, extra] = splitFirst(args);
    const count = word ? Number(word) : DEFAULT_ENTRIES;
    if (!Number.isInteger(count) || count < 1) return fail(ctx, 'command.unknown_word', { word: word.slice(0, 40), usage: ctx.t('commands.log.usage') });
    if (extra) return fail(ctx, 'command.extra_word', { word: splitFirst(extra)[0].slice(0, 40), usage: ctx.t('commands.log.usage') });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const events = await ctx.deps.store.events(loaded.state.rollout.id, Math.min(count, MAX_ENTRIES));
    const views = await viewsFor(ctx, loaded);
    const mentioned = events.flatMap((e) => [e.actor, ...[e.after, e.before].flatMap((x) => (x && typeof x === 'object' ? [(x as Record<string, unknown>).user, (x as Record<string, unknown>).assignee] : []))]);
    const names = await ctx.deps.store.userNames([...new Set(mentioned.filter((u): u is string => typeof u === 'string'))]);
    const view: LogView = {
      kind: 'log',
      rolloutName: loaded.state.rollout.name,
      entries: events.map((e) => ({
        at: e.at,
        actor: names[e.actor] ? { id: e.actor, name: names[e.actor] } : { id: e.actor },
        text: ctx.t('events.from_platform', { text: describeEvent(ctx, views, names, e), platform: ctx.t(`events.platform_${e.platform}`) }),
      })),
    };
    return { views: [view] };
  },
};

/** One audit event in words, in the reader's language, with the note or reason it was given. */
export function describeEvent(ctx: Pick<CommandContext, 't' | 'locale'>, views: RolloutViews, names: Record<string, string>, e: StoredEvent): string {
  const after = (e.after ?? {}) as Record<string, unknown>;
  const before = (e.before ?? {}) as Record<string, unknown>;
  const task = views.playbook.byKey.get(e.subject);
  const taskText = task ? `${views.phaseRef(task.phase).name} ${task.ref} ${task.title[ctx.locale]}` : e.subject;
  switch (e.type) {
    case 'task.set': {
      const status = String(after.status ?? 'open');
      if ((before.snoozedUntil ?? null) !== (after.snoozedUntil ?? null) && (before.status ?? 'open') === status) {
        return after.snoozedUntil ? ctx.t('events.task_snoozed', { task: taskText, date: shortDate(String(after.snoozedUntil), ctx.locale) }) : ctx.t('events.task_snooze_ended', { task: taskText });
      }
      if ((before.due ?? null) !== (after.due ?? null) && (before.status ?? 'open') === status) {
        return after.due ? ctx.t('events.task_due', { task: taskText, date: shortDate(String(after.due), ctx.locale) }) : ctx.t('events.task_due_cleared', { task: taskText });
      }
      if ((before.assignee ?? null) !== (after.assignee ?? null) && (before.status ?? 'open') === status) {
        return ctx.t('events.task_assigned', { task: taskText, user: after.assignee ? displayUser(String(after.assignee), names) : '-' });
      }
      const key = status === 'done' && after.note ? 'events.task_done_note' : `events.task_${status}`;
      return ctx.t(key, { task: taskText, reason: String(after.reason ?? ''), note: String(after.note ?? '') });
    }
    case 'phase.set': {
      const params = { from: phaseName(views, before.phase), to: phaseName(views, after.phase), reason: String(after.override ?? '') };
      return ctx.t(after.override ? 'events.phase_override' : 'events.phase', params);
    }
    case 'role.add':
    case 'role.remove':
      return ctx.t(e.type === 'role.add' ? 'events.role_add' : 'events.role_remove', {
        role: views.roleName(String((after.role ?? before.role) as string)),
        user: displayUser(String(after.user ?? before.user), names),
      });
    case 'rollout.option':
      return ctx.t(after.value ? 'events.option_on' : 'events.option_off', { option: views.optionName(e.subject) });
    case 'rollout.create':
      return ctx.t('events.rollout_create', { name: views.state.rollout.name });
    case 'channel.bind':
      return ctx.t('events.channel_bind');
    case 'channel.map':
      return ctx.t('events.channel_map', { role: views.roleName(e.subject), channel: channelName(after.channel, after.name), langs: ((after.locales as string[]) ?? []).join('+') });
    case 'channel.unmap':
      return ctx.t('events.channel_unmap', { role: views.roleName(e.subject), channel: channelName(before.channel, undefined) });
    case 'rollout.setting':
      if (e.subject.startsWith(TARGET_PREFIX)) {
        const phase = phaseName(views, e.subject.slice(TARGET_PREFIX.length));
        return after.value ? ctx.t('events.phase_target', { phase, date: shortDate(String(after.value), ctx.locale) }) : ctx.t('events.phase_target_cleared', { phase });
      }
      return ctx.t('events.setting', { setting: ctx.t(`settings.${e.subject}`), value: String(after.value ?? '-') });
    case 'outbox.add':
      if (after.template === 'weekly-digest') return ctx.t('events.digest_queued', { to: after.kind === 'reminder' ? displayUser(e.subject, names) : channelName(e.subject, views.state.channels.find((c) => c.channel === e.subject)?.name) });
      if (after.kind === 'reminder') return ctx.t('events.reminder_queued', { user: displayUser(e.subject, names) });
      return ctx.t('events.outbox_add', { channel: channelName(e.subject, views.state.channels.find((c) => c.channel === e.subject)?.name), what: String(after.template ?? after.kind ?? '') });
    case 'outbox.release':
      return ctx.t('events.outbox_release', { count: Number(after.messages ?? 0) });
    case 'outbox.resend':
      return ctx.t('events.outbox_resend', { channel: channelName(e.subject, views.state.channels.find((c) => c.channel === e.subject)?.name), id: Number(after.id ?? 0) });
    default:
      return ctx.t('events.other', { type: e.type, subject: e.subject });
  }
}

function channelName(id: unknown, name: unknown): string {
  if (typeof name === 'string' && name) return `#${name}`;
  return typeof id === 'string' ? id.slice(id.indexOf(':') + 1) : '-';
}

function phaseName(views: RolloutViews, key: unknown): string {
  return typeof key === 'string' && views.playbook.phaseIndex.has(key) ? views.phaseRef(key).name : String(key ?? '-');
}
