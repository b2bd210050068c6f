import type { Locale } from '../core/locale';
import type { ScheduleView } from '../core/views';
import type { LoadedPlaybook } from '../domain/playbook';
import type { RolloutState } from '../domain/rollout';
import { scheduleOf } from '../domain/schedule';
import { workingDaysBetween } from '../domain/working-days';
import type { Translate } from '../i18n/i18n';

/** A date as people here read it: `15.3.2027` in Finnish and Swedish, `15 Mar 2027` in English. */
export function shortDate(iso: string, locale: Locale): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  if (locale === 'en') return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `${d}.${m}.${y}`;
}

/** The schedule of a rollout as of `today` (`YYYY-MM-DD`), in the reader's language. */
export function scheduleView(playbook: LoadedPlaybook, state: RolloutState, today: string, locale: Locale, t: Translate): ScheduleView {
  const { rows, fits } = scheduleOf(playbook, state, today);
  const golive = state.rollout.settings.golive;
  const summary = !golive
    ? t('ui:schedule_no_golive')
    : t(fits ? 'ui:schedule_fits' : 'ui:schedule_does_not_fit', { date: shortDate(golive, locale), count: golive < today ? 0 : workingDaysBetween(today, golive) });
  return {
    kind: 'schedule',
    rolloutName: state.rollout.name,
    rows: rows.map((row, i) => ({
      phase: { key: row.phase, name: playbook.phases[i].name[locale], number: i + 1 },
      ...(row.target ? { target: shortDate(row.target, locale) } : {}),
      manual: row.manual,
      current: row.phase === state.rollout.phase,
      timing: row.timing,
      status: t(`ui:timing_${row.timing}`, { count: row.workingDays }),
    })),
    fits,
    summary,
  };
}
