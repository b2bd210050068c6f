import { inSentence } from '../../src/i18n/i18n';
import type { ErrorView, NoticeView } from '../../src/core/views';
import { makeBot, say } from '../support/fixtures';

/** Issue #15 item 10: role names are common nouns inside Finnish and Swedish sentences. */
describe('role names inside sentences', () => {
  it('are lower-case in fi and sv, acronyms and English kept', () => {
    expect(inSentence('Käyttöönoton vetäjä', 'fi')).toBe('käyttöönoton vetäjä');
    expect(inSentence('Viestintä, Käyttöönoton vetäjä', 'fi')).toBe('viestintä, käyttöönoton vetäjä');
    expect(inSentence('IT ja integraatiot', 'fi')).toBe('IT ja integraatiot');
    expect(inSentence('PTV-pääkäyttäjä', 'fi')).toBe('PTV-pääkäyttäjä');
    expect(inSentence('Kommunikation', 'sv')).toBe('kommunikation');
    expect(inSentence('Communications', 'en')).toBe('Communications');
  });

  it('in the notices and refusals the core sends', async () => {
    const bot = makeBot();
    try {
      await bot.handle(say('lead', 'init Kotikunta'));
      await bot.handle(say('lead', 'lang fi'));
      const added = (await bot.handle(say('lead', 'role add communications @viivi'))).views[0] as NoticeView;
      expect(added.text).toContain('roolissa viestintä');
      await bot.handle(say('viivi', 'lang fi'));
      const refused = (await bot.handle(say('viivi', 'done 1'))).views.find((v): v is ErrorView => v.kind === 'error')!;
      expect(refused.text).toMatch(/sen voi tehdä vain käyttöönoton vetäjä/);
      await bot.handle(say('lead', 'lang sv'));
      const removed = (await bot.handle(say('lead', 'role remove communications @viivi'))).views[0] as NoticeView;
      expect(removed.text).toMatch(/rollen kommunikation/);
    } finally {
      await bot.deps.store.close();
    }
  });
});
