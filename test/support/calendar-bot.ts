import pino from 'pino';
import { createRolloutBot, type RolloutBot } from '../../src/app';
import { defaultTemplateDir, loadTemplates } from '../../src/comms/load-templates';
import { defaultPlaybookDir, loadPlaybooks } from '../../src/domain/load-playbooks';
import { Translations } from '../../src/i18n/i18n';
import { openStores } from '../../src/store/open-store';

/**
 * The real core on an in-memory store and the shipped playbook, with a clock a test sets:
 * `at('2027-01-14')` is 09:00 in Helsinki that day (it starts on Monday 2027-01-11).
 */
export function calendarBot(): { bot: RolloutBot; at: (day: string) => void } {
  let now = Date.parse('2027-01-11T07:00:00Z');
  const playbooks = loadPlaybooks(defaultPlaybookDir());
  const { rollouts, outbox } = openStores(':memory:');
  const bot = createRolloutBot({
    store: rollouts, outbox, playbooks, templates: loadTemplates(defaultTemplateDir(), playbooks), translations: new Translations(),
    clock: { now: () => new Date((now += 1000)) }, logger: pino({ level: 'silent' }), defaultLocale: 'en',
  });
  return { bot, at: (day) => { now = Date.parse(`${day}T07:00:00Z`); } };
}
