import { renderText } from '../../adapters/console/render-text';
import { renderHome } from '../../adapters/slack/render-home';
import { renderCard } from '../../adapters/teams/render-adaptive-card';
import type { OverviewView, View } from '../../src/core/views';
import { textObjects } from '../adapters/slack/block-kit-checks';
import { texts } from '../adapters/teams/support/views';
import { finishPhase, makeBot, say } from '../support/fixtures';

/** Issue #15 item 9: a phase the rollout left with open tasks is marked, not shown like a future phase. */
describe('phases left behind', () => {
  it('are marked in the overview of the core, the App Home, Teams and the console', async () => {
    const bot = makeBot();
    try {
      await bot.handle(say('lead', 'init Kotikunta'));
      const [rollout] = await bot.deps.store.listRollouts('console:local');
      await finishPhase(bot, rollout.id, 'investigate');
      await bot.handle(say('lead', 'phase next'));
      await bot.handle(say('lead', 'phase next override the board decides in January'));
      const home = await bot.home(say('lead', ''));
      const overview = home.views.find((v): v is OverviewView => v.kind === 'overview')!;
      expect(overview.phases.map((p) => [p.key, p.behind, p.current])).toEqual([
        ['investigate', false, false], ['decide', true, false], ['plan', false, true],
        ['implement', false, false], ['deploy', false, false], ['sustain', false, false],
      ]);

      const t = bot.t('en');
      const slack = textObjects(renderHome(home.views as View[], t).blocks).map((x) => x.text).join('\n');
      expect(slack).toContain(':warning: *2. Decide* _(left unfinished)_');
      expect(slack).toContain(':white_check_mark: *1. Investigate*');
      expect(slack).toContain(':white_large_square: *4. Implement*');
      expect(texts(renderCard([overview], t))).toContain(' · ⚠ left unfinished');
      expect(renderText(t, overview)).toMatch(/^! 2\. Decide .*\(left unfinished\)$/m);
    } finally {
      await bot.deps.store.close();
    }
  });
});
