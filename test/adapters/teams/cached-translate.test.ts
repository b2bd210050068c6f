import { cachedTranslate } from '../../../adapters/teams/cached-translate';
import { en } from './support/views';

describe('cached translators', () => {
  it('answer as i18next does, asking it once per key and options', () => {
    const calls: string[] = [];
    const t = cachedTranslate((key, options) => {
      calls.push(key);
      return en(key, options);
    });
    for (let i = 0; i < 3; i++) {
      expect(t('ui:done')).toBe('Done');
      expect(t('ui:progress', { done: 1, applicable: 4, percent: 25 })).toBe('1/4 done (25%)');
      expect(t('ui:progress', { done: 2, applicable: 4, percent: 50 })).toBe('2/4 done (50%)');
    }
    expect(calls).toEqual(['ui:done', 'ui:progress', 'ui:progress']);
  });

  it('stay bounded', () => {
    let asked = 0;
    const t = cachedTranslate((key) => {
      asked += 1;
      return key;
    });
    for (let i = 0; i < 5000; i++) t('ui:page', { page: i });
    t('ui:page', { page: 4999 });
    expect(asked).toBe(5000);
  });
});
