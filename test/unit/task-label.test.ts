import type { NoticeView } from '../../src/core/views';
import { makeBot, say } from '../support/fixtures';

/** Issue #15 item 8: "Ota käyttöön 3.4 … on valmis" reads as an order; a task of another phase names its phase as a phase. */
describe('a task of another phase in messages', () => {
  it('is "<phase> -vaihe, <number> <title>" in Finnish, and the same idea in Swedish and English', async () => {
    const bot = makeBot();
    try {
      await bot.handle(say('lead', 'init Kotikunta'));
      const notice = async (lang: string, text: string) => {
        await bot.handle(say('lead', `lang ${lang}`));
        return (await bot.handle(say('lead', text))).views.find((v): v is NoticeView => v.kind === 'notice')!.text;
      };
      expect(await notice('fi', 'done deploy:1.1')).toMatch(/^✅ Ota käyttöön -vaihe, 1\.1 Viestinnän kohderyhmät rooleittain on valmis\./);
      expect(await notice('sv', 'undo deploy:1.1')).toContain('fasen Inför, 1.1 ');
      expect(await notice('en', 'done deploy:1.1')).toMatch(/^✅ Go live phase, 1\.1 Communication target groups by role is done\./);
      // A task of the current phase keeps its plain number.
      expect(await notice('en', 'done 1')).toMatch(/^✅ 1 Scope/);
    } finally {
      await bot.deps.store.close();
    }
  });
});
