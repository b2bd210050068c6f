import { makeBot } from '../../support/fixtures';
import { renderCard, renderUpdateCard } from '../../../adapters/teams/render-adaptive-card';
it('smoke', async () => {
  const bot = makeBot();
  const say = (user: string, text: string) => bot.handle({ platform: 'teams', workspace: 'teams:t', channel: 'teams:c', user: `teams:${user}`, text, locale: 'en' });
  await say('lead', 'init Kotikunta');
  const r = await say('lead', 'status');
  console.log(JSON.stringify(r.views.map(v=>v.kind)), JSON.stringify(renderCard(r.views, bot.t(r.locale))).length);
  const n = await say('lead', 'next');
  console.log(JSON.stringify(n.views, null, 1).slice(0, 1500));
  const g = await say('lead', 'phase');
  console.log(JSON.stringify(g.views.map(v=>v.kind)));
  const d = await bot.handle({ platform: 'teams', workspace: 'teams:t', channel: 'teams:c', user: 'teams:lead', action: { name: 'done', rolloutId: (n.views[0] as any).rolloutId, task: (n.views[0] as any).tasks[0].key, from: 'next' } });
  console.log(JSON.stringify({views: d.views, updateKind: d.update?.kind, changed: d.changed}).slice(0, 800));
  console.log(JSON.stringify(renderUpdateCard(d.views, d.update, bot.t(d.locale))).slice(0, 1500));
});
