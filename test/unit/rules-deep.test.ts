import { gateOf } from '../../src/domain/gate';
import { nextStep } from '../../src/domain/next-step';
import { indexPlaybook, type Playbook, type PlaybookTask } from '../../src/domain/playbook';
import { phaseProgress } from '../../src/domain/progress';
import { allStatuses, effectiveStatus } from '../../src/domain/task-status';
import { didYouMean, findPhase, resolveTask } from '../../src/domain/task-ref';
import { stateOf } from '../support/fixtures';

const text = (s: string) => ({ fi: `${s} fi`, sv: `${s} sv`, en: s });
const task = (key: string, role = 'it', extra: Partial<PlaybookTask> = {}): PlaybookTask => ({ key, title: text(key), role, ...extra });

/**
 * Three levels deep like the shipped playbook (4.2.1), twelve top-level tasks (numbers of 10 and
 * more), a parent whose children all hang on one option, and more than five tasks ready at once.
 */
const deep: Playbook = {
  id: 'deep',
  name: text('Deep'),
  service: text('Service'),
  roles: [
    { key: 'lead', name: text('Lead') },
    { key: 'it', name: text('IT') },
    { key: 'support', name: text('Support') },
  ],
  options: [{ key: 'paper', name: text('Paper') }],
  phases: [
    {
      key: 'prepare',
      name: text('Prepare'),
      summary: text('First'),
      tasks: [
        task('t1'),
        task('t2'),
        task('t3'),
        task('t4', 'it', { children: [task('t4-1'), task('t4-2', 'it', { children: [task('t4-2-1'), task('t4-2-2')] })] }),
        task('t5', 'it', { children: [task('t5-1', 'it', { condition: 'paper' }), task('t5-2', 'it', { condition: 'paper' })] }),
        task('t6'),
        task('t7'),
        task('t8'),
        task('t9'),
        task('t10'),
        task('t11', 'lead', { after: ['t1'] }),
        task('t12', 'lead'),
      ],
    },
    { key: 'deploy', name: text('Deploy'), summary: text('Second'), tasks: [task('d1'), task('d2'), task('d3')] },
  ],
};
const pb = indexPlaybook(deep);
const done = { status: 'done' as const };
const na = (reason: string) => ({ status: 'na' as const, reason });

describe('not applicable, three levels deep', () => {
  it('a top-level task marked not applicable takes its children and grandchildren with it', () => {
    const s = stateOf({ phase: 'prepare', tasks: { t4: na('done by the vendor') } });
    for (const key of ['t4-1', 't4-2', 't4-2-1', 't4-2-2']) {
      expect(effectiveStatus(pb, s, key)).toEqual({ status: 'na', naSource: 'parent', reason: 'done by the vendor', option: undefined });
    }
    expect(effectiveStatus(pb, s, 't4')).toEqual({ status: 'na', naSource: 'own', reason: 'done by the vendor' });
    const statuses = allStatuses(pb, s);
    expect(statuses.get('t4-2-1')?.status).toBe('na');
    // 12 top-level tasks: t4 and t5 are parents (t5's children apply while paper is undecided).
    expect(phaseProgress(pb, statuses, 'prepare')).toEqual({ done: 0, applicable: 12, percent: 0 });
  });

  it('a middle task marked not applicable leaves its siblings open and its parent follows the rest', () => {
    const s = stateOf({ phase: 'prepare', tasks: { 't4-2': na('not used'), 't4-1': done } });
    expect(effectiveStatus(pb, s, 't4-2-2')).toMatchObject({ status: 'na', naSource: 'parent', reason: 'not used' });
    expect(effectiveStatus(pb, s, 't4')).toEqual({ status: 'done' });
    expect(effectiveStatus(pb, stateOf({ phase: 'prepare', tasks: { 't4-2-1': done } }), 't4-2')).toEqual({ status: 'open' });
    expect(effectiveStatus(pb, stateOf({ phase: 'prepare', tasks: { 't4-2-1': done, 't4-2-2': done } }), 't4-2')).toEqual({ status: 'done' });
  });

  it('a parent whose children all do not apply does not apply itself, and does not block the gate', () => {
    const off = stateOf({ phase: 'prepare', options: { paper: false } });
    expect(effectiveStatus(pb, off, 't5')).toEqual({ status: 'na', naSource: 'children' });
    expect(effectiveStatus(pb, off, 't5-2')).toEqual({ status: 'na', naSource: 'option', option: 'paper' });
    expect(gateOf(pb, allStatuses(pb, off), 'prepare').blockers.map((t) => t.key)).not.toContain('t5-1');
    const on = stateOf({ phase: 'prepare', options: { paper: true } });
    expect(effectiveStatus(pb, on, 't5')).toEqual({ status: 'open' });
  });
});

describe('next step limits', () => {
  it('shows at most five ready tasks, in playbook order, and the phase is neither complete nor waiting', () => {
    const step = nextStep(pb, allStatuses(pb, stateOf({ phase: 'prepare' })), 'prepare');
    expect(step.tasks.map((t) => t.ref)).toEqual(['1', '2', '3', '4.1', '4.2.1']);
    expect(step.phaseComplete).toBe(false);
    expect(step.waiting).toBe(false);
  });

  it('`next mine` for someone with no task in the phase is neither waiting nor complete', () => {
    const step = nextStep(pb, allStatuses(pb, stateOf({ phase: 'prepare' })), 'prepare', new Set(['support']));
    expect(step).toEqual({ tasks: [], phaseComplete: false, waiting: false });
  });

  it('`next mine` waits only while the own tasks wait for prerequisites', () => {
    const lead = new Set(['lead']);
    const s = stateOf({ phase: 'prepare', tasks: { t12: done } });
    expect(nextStep(pb, allStatuses(pb, s), 'prepare', lead)).toEqual({ tasks: [], phaseComplete: false, waiting: true });
    const after = nextStep(pb, allStatuses(pb, stateOf({ phase: 'prepare', tasks: { t12: done, t1: done } })), 'prepare', lead);
    expect(after.tasks.map((t) => t.key)).toEqual(['t11']);
    expect(after.waiting).toBe(false);
  });

  it('counts a not-applicable prerequisite as met', () => {
    const s = stateOf({ phase: 'prepare', tasks: { t12: done, t1: na('not ours') } });
    expect(nextStep(pb, allStatuses(pb, s), 'prepare', new Set(['lead'])).tasks.map((t) => t.ref)).toEqual(['11']);
  });
});

describe('task references', () => {
  const resolve = (token: string) => resolveTask(pb, 'prepare', token);

  it('resolves task numbers of 10 and more, three-level numbers and qualified numbers', () => {
    expect(resolve('10')).toMatchObject({ key: 't10' });
    expect(resolve('12')).toMatchObject({ key: 't12' });
    expect(resolve('4.2.2')).toMatchObject({ key: 't4-2-2' });
    expect(resolve('4.2.2.')).toMatchObject({ key: 't4-2-2' });
    expect(resolve('deploy:3')).toMatchObject({ key: 'd3' });
    expect(resolve('Deploy : 2')).toMatchObject({ key: 'd2' });
    expect(resolve('2:1')).toMatchObject({ key: 'd1' });
  });

  it('refuses an unknown phase prefix, junk after a number and numbers out of range', () => {
    for (const typed of ['nowhere:3', '3x', '13', '0', '4.3', 'deploy:4', '']) {
      const result = resolve(typed);
      expect(result).toMatchObject({ code: 'task.not_found' });
    }
    expect(resolve('nowhere:3')).toMatchObject({ params: { task: 'nowhere:3' } });
  });

  it('suggests the nearest number for a mistyped one, and nothing for gibberish', () => {
    expect(resolve('4.2.3')).toMatchObject({ code: 'task.not_found', params: { task: '4.2.3', suggestion: '4.2.1' } });
    expect(resolve('t44')).toMatchObject({ params: { suggestion: 't4' } });
    expect(resolve('xyzzyplugh')).toMatchObject({ params: { task: 'xyzzyplugh', suggestion: '' } });
  });

  it('finds a phase by number, key or quoted name, and nothing past the last one', () => {
    expect(findPhase(pb, '2')?.key).toBe('deploy');
    expect(findPhase(pb, '"Deploy sv"')?.key).toBe('deploy');
    expect(findPhase(pb, ' PREPARE ')?.key).toBe('prepare');
    expect(findPhase(pb, '3')).toBeUndefined();
    expect(findPhase(pb, 'nowhere')).toBeUndefined();
  });

  it('suggests a close word only', () => {
    expect(didYouMean('nxt', ['next', 'done'])).toBe('next');
    expect(didYouMean('announse', ['announce', 'done'])).toBe('announce');
    expect(didYouMean('anounse', ['announce'])).toBe('announce');
    expect(didYouMean('qqqq', ['next', 'done'])).toBeUndefined();
    expect(didYouMean('', ['next'])).toBeUndefined();
    expect(didYouMean('next', [])).toBeUndefined();
  });
});
