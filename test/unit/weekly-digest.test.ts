import type { RolloutBot } from '../../src/app';
import { unmarked } from '../../src/comms/given-values';
import { BILINGUAL_SEPARATOR } from '../../src/comms/render-template';
import { queueWeeklyDigests } from '../../src/comms/weekly-digest';
import type { OutboxEntry } from '../../src/ports/outbox.port';
import { workingDaysBetween } from '../../src/domain/working-days';
import { calendarBot } from '../support/calendar-bot';
import { say } from '../support/fixtures';

describe('the weekly digest', () => {
  let bot: RolloutBot;
  let at: (day: string) => void;
  let rolloutId: string;
  const digests = async (): Promise<OutboxEntry[]> => (await bot.deps.outbox.summary(rolloutId, 100)).recent.filter((e) => e.template === 'weekly-digest').reverse();

  beforeEach(async () => {
    ({ bot, at } = calendarBot());
    at('2027-03-05'); // a Friday, more than a week before
    await bot.handle(say('lead', 'init Kunta'));
    rolloutId = (await bot.deps.store.listRollouts('console:local'))[0].id;
    await bot.handle(say('lead', 'role add it @ilmari'));
    await bot.handle(say('lead', 'channel management #johto fi+sv'));
    await bot.handle(say('lead', 'set golive 1.10.2027'));
    await bot.handle(say('lead', 'done 4.1')); // before the past week: not in the digest
    at('2027-03-10');
    await bot.handle(say('lead', 'due 1 12.3.2027'));
    await bot.handle(say('ilmari', 'done 2.1'));
    await bot.handle(say('lead', 'done 3'));
  });
  afterEach(() => bot.deps.store.close());

  it('goes on Monday to the lead in their language and to the management channel in both of its languages, once', async () => {
    at('2027-03-15');
    expect(await queueWeeklyDigests(bot.deps, ['console'])).toBe(2);
    await queueWeeklyDigests(bot.deps, ['console']); // a restart: nothing twice
    const [lead, management] = await digests();
    expect([lead.kind, lead.channel, lead.locales]).toEqual(['reminder', 'console:lead', ['en']]);
    expect([management.kind, management.channel, management.locales]).toEqual(['announcement', 'console:johto', ['fi', 'sv']]);
    const gate = unmarked(lead.text).split('\n').find((l) => l.startsWith('Gate'))!;
    expect(unmarked(lead.text).split('\n')).toEqual([
      '📊 Weekly digest: Kunta, 15 Mar 2027',
      '',
      'Progress per phase:',
      expect.stringMatching(/^▶ 1\. Investigate: 3\/\d+ done/),
      expect.stringMatching(/^• 2\. Decide: 0\/\d+ done/),
      expect.stringMatching(/^• 3\. Plan: /),
      expect.stringMatching(/^• 4\. Implement: /),
      expect.stringMatching(/^• 5\. Go live: /),
      expect.stringMatching(/^• 6\. Sustain: /),
      '',
      'Done in the past week (2):',
      expect.stringMatching(/^• Investigate 2\.1 .+: ilmari$/),
      expect.stringMatching(/^• Investigate 3 .+: lead$/),
      '',
      'Overdue (1):',
      '• Investigate 1 Scope the transactions to offer: overdue, was due 12 Mar 2027',
      '',
      gate,
      `Go-live 1 Oct 2027, ${workingDaysBetween('2027-03-15', '2027-10-01')} working days to go. The schedule holds.`,
    ]);
    expect(gate).toMatch(/^Gate Investigate → Decide: \d+ tasks block it \(1, 2\.2, 4\.2, 4\.3, 4\.4, 5\)\.$/);
    const [fi, sv] = unmarked(management.text).split(BILINGUAL_SEPARATOR);
    expect(fi).toMatch(/^📊 Viikkokatsaus: Kunta, 15\.3\.2027\n/);
    expect(fi).toContain('Myöhässä (1):');
    expect(sv).toMatch(/^📊 Veckoöversikt: Kunta, 15\.3\.2027\n/);
    expect(sv).toContain('Klart förra veckan (2):');
  });

  it('is not sent on other days, and the lead gets none where their platform takes no direct messages', async () => {
    at('2027-03-16');
    expect(await queueWeeklyDigests(bot.deps, ['console'])).toBe(0);
    at('2027-03-22');
    expect(await queueWeeklyDigests(bot.deps, ['slack'])).toBe(1);
    expect((await digests()).map((e) => e.channel)).toEqual(['console:johto']);
    expect(unmarked((await digests())[0].text)).toContain('Viime viikolla ei valmistunut tehtäviä.');
  });
});
