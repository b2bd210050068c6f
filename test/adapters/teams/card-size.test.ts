import { renderCard } from '../../../adapters/teams/render-adaptive-card';
import { LOCALES } from '../../../src/core/locale';
import type { ChecklistView } from '../../../src/core/views';
import { defaultPlaybookDir, loadPlaybooks } from '../../../src/domain/load-playbooks';
import type { RolloutState, TaskRecord } from '../../../src/domain/rollout';
import { RolloutViews } from '../../../src/views/build-views';
import { stateOf } from '../../support/fixtures';
import { ofType, texts, translations } from './support/views';

/**
 * Issue #9 item 16: Teams refuses a message over about 28 KB. The worst case a real rollout can
 * reach: every task of the go-live phase (the longest) carrying a very long note or reason, in
 * each language, with assignees, as the core builds the view for the lead who may change all.
 */

const TEAMS_LIMIT_BYTES = 28 * 1024;
/** Longer than anything a chat message carries into a note (Slack's command text is at most 4,000). */
const LONG = 'Pitkä huomio, jossa on paljon sanoja ja yksityiskohtia käyttöönotosta. '.repeat(80);

function worstState(): RolloutState {
  const playbook = loadPlaybooks(defaultPlaybookDir()).get('luvat-ja-valvonta')!;
  const tasks: Record<string, TaskRecord> = {};
  playbook.tasks.filter((t) => t.phase === 'deploy').forEach((t, i) => {
    tasks[t.key] = i % 3 === 2
      ? { status: 'na', reason: LONG }
      : { status: i % 3 === 0 ? 'done' : 'open', note: LONG, assignee: 'teams:29:1someone' };
  });
  const state = stateOf({ phase: 'deploy', tasks });
  return { ...state, rollout: { ...state.rollout, playbookId: 'luvat-ja-valvonta', name: 'K'.repeat(200) } };
}

function checklistFor(locale: (typeof LOCALES)[number]): ChecklistView {
  const playbook = loadPlaybooks(defaultPlaybookDir()).get('luvat-ja-valvonta')!;
  const views = new RolloutViews(playbook, worstState(), locale, translations.t(locale), 'console:lead', { 'teams:29:1someone': 'Maija Meikäläinen-Virtanen '.repeat(4) });
  return views.checklist('deploy');
}

describe('Teams checklist card size', () => {
  it.each(LOCALES)('stays well under Teams\' 28 KB with a long note on every go-live task (%s), whole phase in one card', (locale) => {
    const view = checklistFor(locale);
    expect(view.tasks).toHaveLength(21);
    const card = renderCard([{ kind: 'notice', tone: 'success', text: '✅ '.padEnd(300, 'x') }, view], translations.t(locale));
    const bytes = Buffer.byteLength(JSON.stringify(card));
    expect(bytes).toBeLessThan(TEAMS_LIMIT_BYTES - 4 * 1024);
    // Every task is on the card, no pager; notes and reasons are cut to a line or two.
    expect(ofType(card, 'Action.Execute').some((a) => String((a.data as { action: string }).action).includes('"page"'))).toBe(false);
    const notes = texts(card).filter((x) => x.includes(LONG.slice(0, 30)));
    expect(notes).toHaveLength(21);
    // Assignee (cut to 40) and the note or reason (cut to 140) on one small line.
    for (const note of notes) expect(note.length).toBeLessThanOrEqual(220);
  });

  it.each(LOCALES)('keeps `status` (the overview and the checklist on one card) under the limit in the worst case (%s)', (locale) => {
    const playbook = loadPlaybooks(defaultPlaybookDir()).get('luvat-ja-valvonta')!;
    const views = new RolloutViews(playbook, worstState(), locale, translations.t(locale), 'console:lead', { 'teams:29:1someone': 'Maija Meikäläinen-Virtanen '.repeat(4) });
    const card = renderCard([views.overview(), views.checklist('deploy')], translations.t(locale));
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_LIMIT_BYTES - 3 * 1024);
  });
});
