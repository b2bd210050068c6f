import { renderText } from '../../adapters/console/render-text';
import { renderMessage } from '../../adapters/slack/render-block-kit';
import { renderHome } from '../../adapters/slack/render-home';
import { renderCard } from '../../adapters/teams/render-adaptive-card';
import type { NextView, TaskLine } from '../../src/core/views';
import { Translations } from '../../src/i18n/i18n';
import { textObjects } from '../adapters/slack/block-kit-checks';
import { texts } from '../adapters/teams/support/views';
import { makeBot, say } from '../support/fixtures';

/**
 * Issue #15 items 5-7: `next` lists subtasks under their parent's name (not under whatever task
 * came before), says how many more tasks are open and how to see them, with the command in the
 * reader's language and in the platform's form (`/rollout tila` in Slack, ”tila” in Teams).
 */

const translations = new Translations();
const parent = { key: 'deploy-features', ref: '4.2', title: 'Palvelun ominaisuuksien tarkistaminen' };

function line(key: string, ref: string, title: string, over: Partial<TaskLine> = {}): TaskLine {
  return { key, ref, phase: 'deploy', depth: 0, title, status: 'open', role: 'it', roleName: 'IT ja integraatiot', conditional: false, hasChildren: false, canChange: true, ...over };
}

const view: NextView = {
  kind: 'next',
  rolloutId: 'r-1',
  rolloutName: 'Kotikunta',
  phase: { key: 'deploy', name: 'Ota käyttöön', number: 5 },
  tasks: [
    line('deploy-ptv', '3.3', 'Ohjaustietojen päivitys', { depth: 1, parent: { key: 'deploy-connect', ref: '3', title: 'Palvelun liittäminen' } }),
    line('deploy-notifications', '4.2.1', 'Herätteet', { depth: 2, parent }),
    line('deploy-status-info', '4.2.3', 'Tilatiedot', { depth: 2, parent }),
    line('deploy-monitoring', '5', 'Tehostettu seuranta'),
  ],
  phaseComplete: false,
  mine: false,
  waiting: false,
  more: 4,
};

describe('next steps on every platform', () => {
  it('Slack: subtasks under their parent, and "4 more" with /rollout in the reader\'s language', () => {
    const text = textObjects(renderMessage([view], translations.t('fi')).blocks).map((t) => t.text).join('\n');
    expect(text).toMatch(/\*3\* Palvelun liittäminen\n.*3\.3\* Ohjaustietojen/);
    expect(text).toMatch(/\*4\.2\* Palvelun ominaisuuksien tarkistaminen\n.*4\.2\.1\* Herätteet[\s\S]*4\.2\.3\* Tilatiedot/);
    expect(text.match(/4\.2\* Palvelun ominaisuuksien/g)).toHaveLength(1);
    expect(text).toContain('…ja 4 muuta avointa tehtävää. Kaikki näet komennolla `/rollout tila`.');
    const sv = textObjects(renderMessage([{ ...view, more: 1 }], translations.t('sv')).blocks).map((t) => t.text).join('\n');
    expect(sv).toContain('…och 1 öppen uppgift till. Du ser alla med `/rollout läge`.');
  });

  it('Teams: the same, with the command in quotes and no backticks', () => {
    const shown = texts(renderCard([view], translations.t('fi')));
    const at = (s: string) => shown.findIndex((x) => x.startsWith(s));
    expect(at('4.2 Palvelun ominaisuuksien tarkistaminen')).toBeGreaterThan(-1);
    expect(at('4.2 Palvelun ominaisuuksien tarkistaminen')).toBeLessThan(at('4.2.1 Herätteet'));
    expect(at('3 Palvelun liittäminen')).toBeLessThan(at('3.3 Ohjaustietojen'));
    expect(shown).toContain('…ja 4 muuta avointa tehtävää. Kaikki näet komennolla ”tila”.');
    expect(shown.join('|')).not.toContain('`');
    const en = texts(renderCard([{ ...view, tasks: [], phaseComplete: true }], translations.t('en')));
    expect(en).toContain('Phase Ota käyttöön is complete. Next comes the gate: “phase”.');
  });

  it('console: the same grouping and count', () => {
    const out = renderText(translations.t('fi'), view);
    expect(out).toMatch(/4\.2 Palvelun ominaisuuksien tarkistaminen\n {2}\[ \] 4\.2\.1 Herätteet/);
    expect(out).toContain('…ja 4 muuta avointa tehtävää. Kaikki näet komennolla ”tila”.');
    expect(renderText(translations.t('fi'), { ...view, more: 0 })).not.toContain('muuta avointa');
  });
});

describe('next steps in the core', () => {
  it('counts the open tasks it does not show, and names each subtask\'s parent', async () => {
    const bot = makeBot();
    try {
      await bot.handle(say('lead', 'init Kotikunta'));
      const next = (await bot.handle(say('lead', 'next'))).views.find((v) => v.kind === 'next') as NextView;
      expect(next.tasks).toHaveLength(5);
      // Investigate has 9 tasks to check off; 5 are shown.
      expect(next.more).toBe(4);
      const sub = next.tasks.find((t) => t.ref === '2.1')!;
      expect(sub.parent).toEqual({ key: 'investigate-connection', ref: '2', title: 'Choose a connection method per transaction' });
      const mine = (await bot.handle(say('lead', 'next mine'))).views.find((v) => v.kind === 'next') as NextView;
      // The lead owns five of them; those waiting for earlier tasks count as more.
      expect(mine.tasks.length + mine.more).toBe(5);
    } finally {
      await bot.deps.store.close();
    }
  });
});

describe('commands inside Slack texts', () => {
  it('are in the reader\'s language: the Finnish App Home says /rollout apua, the Swedish one /rollout hjälp', () => {
    const home = (lang: 'fi' | 'sv') => textObjects(renderHome([], translations.t(lang)).blocks).map((t) => t.text).join('\n');
    expect(home('fi')).toContain('`/rollout apua`');
    expect(home('fi')).toContain('`/rollout aloita &lt;nimi&gt;`');
    expect(home('fi')).not.toMatch(/\/rollout (help|init|status)/);
    expect(home('sv')).toContain('`/rollout hjälp`');
    expect(home('sv')).not.toMatch(/\/rollout (help|init|status)/);
  });
});
