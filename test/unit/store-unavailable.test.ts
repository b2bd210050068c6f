import { StoreUnavailableError } from '../../src/ports/store-unavailable';
import { makeBot, say } from '../support/fixtures';

describe('a store that does not take writes', () => {
  it('answers with store.unavailable in the asker\'s language, saying nothing changed and what to do', async () => {
    const bot = makeBot();
    await bot.handle(say('lead', 'init Demo'));
    bot.deps.store.transact = async () => {
      throw new StoreUnavailableError('locked', 'SQLITE_BUSY: database is locked');
    };
    const response = await bot.handle(say('lead', 'valmis 1', { locale: 'fi' }));
    expect(response.changed).toBe(false);
    expect(response.views).toEqual([
      expect.objectContaining({
        kind: 'error',
        code: 'store.unavailable',
        text: 'Tietokanta on juuri nyt varattu tai täynnä, joten mitään ei muutettu.',
        hint: 'Yritä uudelleen hetken kuluttua. Jos ongelma jatkuu, kerro siitä botin ylläpitäjälle.',
      }),
    ]);
    await bot.deps.store.close();
  });
});
