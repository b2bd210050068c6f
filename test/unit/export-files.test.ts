import { parse } from 'csv-parse/sync';
import { auditCsv, checklistCsv } from '../../adapters/web/export-files';
import { burnupOf } from '../../src/dashboard/burnup';
import type { ChecklistRow } from '../../src/dashboard/export-rows';
import { Translations } from '../../src/i18n/i18n';
import type { TaskStatusChange } from '../../src/ports/rollout-store.port';

const t = new Translations().t('fi');

const row = (over: Partial<ChecklistRow>): ChecklistRow => ({
  phase: 'Ota käyttöön', ref: '1.1', task: 'deploy-comm-target-groups', title: 'Viestinnän kohderyhmät rooleittain', status: 'done', statusText: 'valmis',
  role: 'Viestintä', assignee: 'Maija', note: '', reason: '', condition: '', updatedBy: 'Anna', updatedAt: '2026-12-04T22:30:00.000Z', ...over,
});

describe('CSV exports for Excel set to Finnish', () => {
  it('start with a BOM, separate with ; and read back exactly, whatever the notes hold', () => {
    const rows = [
      row({ note: 'Sovittu; "HR:n" kanssa\ntoinen rivi' }),
      row({ ref: '3.4', task: 'deploy-integration', status: 'na', statusText: 'ei koske', reason: 'Kevytasiointi valittu', condition: 'Tiedonvälitys', assignee: '', updatedAt: '' }),
      row({ ref: '2', note: '=HYPERLINK("http://evil.example","klikkaa")', updatedBy: '@Anna' }),
    ];
    const text = checklistCsv(t, rows);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text).toContain('\r\n');
    const parsed = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(parsed).toEqual([
      ['Vaihe', 'Nro', 'Tehtävä', 'Tila', 'Vastuurooli', 'Vastuuhenkilö', 'Huomio', 'Perustelu', 'Ehto', 'Kuittaaja', 'Päivä', 'Kellonaika', 'Tehtävän tunnus'],
      // 22.30 UTC on 4 December is 5 December in Helsinki.
      ['Ota käyttöön', '1.1', 'Viestinnän kohderyhmät rooleittain', 'valmis', 'Viestintä', 'Maija', 'Sovittu; "HR:n" kanssa\ntoinen rivi', '', '', 'Anna', '5.12.2026', '00.30', 'deploy-comm-target-groups'],
      ['Ota käyttöön', '3.4', 'Viestinnän kohderyhmät rooleittain', 'ei koske', 'Viestintä', '', '', 'Kevytasiointi valittu', 'Tiedonvälitys', 'Anna', '', '', 'deploy-integration'],
      // A cell Excel would run as a formula stays text.
      ['Ota käyttöön', '2', 'Viestinnän kohderyhmät rooleittain', 'valmis', 'Viestintä', 'Maija', '\'=HYPERLINK("http://evil.example","klikkaa")', '', '', '\'@Anna', '5.12.2026', '00.30', 'deploy-comm-target-groups'],
    ]);
  });

  it('write the audit trail with dates as d.m.yyyy', () => {
    const parsed = parse(auditCsv(t, [{ id: 1, at: '2027-03-01T07:05:00.000Z', actor: 'Anna', platform: 'slack', type: 'task.set', subject: 'deploy-staff', text: 'Henkilöstö: valmis' }]), { bom: true, delimiter: ';' });
    expect(parsed).toEqual([
      ['Päivä', 'Kellonaika', 'Kuka', 'Alusta', 'Mitä', 'Tapahtuman tyyppi', 'Kohde'],
      ['1.3.2027', '09.05', 'Anna', 'slack', 'Henkilöstö: valmis', 'task.set', 'deploy-staff'],
    ]);
  });
});

describe('burn-up from the audit trail', () => {
  const event = (_id: number, at: string, task: string, status: string): TaskStatusChange => ({ at, task, status });
  const day = (iso: string) => iso.slice(0, 10);

  it('counts the leaf tasks done at the end of each day, undoes included', () => {
    const events = [
      event(1, '2026-11-02T08:00:00Z', 'a', 'done'),
      event(2, '2026-11-02T09:00:00Z', 'b', 'done'),
      event(3, '2026-11-02T09:30:00Z', 'parent', 'done'),
      event(4, '2026-11-05T10:00:00Z', 'a', 'open'),
      event(5, '2026-11-05T11:00:00Z', 'c', 'na'),
      event(6, '2026-11-09T10:00:00Z', 'c', 'done'),
      event(7, '2026-11-09T10:00:00Z', 'a', 'done'),
    ];
    expect(burnupOf(events, new Set(['a', 'b', 'c']), '2026-11-01', '2026-11-12', day)).toEqual([
      { date: '2026-11-01', done: 0 },
      { date: '2026-11-02', done: 2 },
      { date: '2026-11-05', done: 1 },
      { date: '2026-11-09', done: 3 },
      { date: '2026-11-12', done: 3 },
    ]);
  });
});
