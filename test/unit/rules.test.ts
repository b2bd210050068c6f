import { gateOf } from '../../src/domain/gate';
import { nextStep } from '../../src/domain/next-step';
import { canChangeTask, isLead } from '../../src/domain/permissions';
import { phaseProgress, roleProgress } from '../../src/domain/progress';
import { allStatuses, effectiveStatus } from '../../src/domain/task-status';
import { findPhase, findRole, resolveTask } from '../../src/domain/task-ref';
import { defaultPlaybookDir, loadPlaybooks } from '../../src/domain/load-playbooks';
import { stateOf, tinyPlaybook } from '../support/fixtures';

const pb = tinyPlaybook();
const done = { status: 'done' as const };

describe('task status', () => {
  it('a parent is done only when all its applicable children are done', () => {
    expect(effectiveStatus(pb, stateOf({ tasks: { b1: done } }), 'b').status).toBe('open');
    expect(effectiveStatus(pb, stateOf({ tasks: { b1: done, b2: done } }), 'b').status).toBe('done');
    expect(effectiveStatus(pb, stateOf({ tasks: { b1: done, b2: { status: 'na', reason: 'no' } } }), 'b').status).toBe('done');
  });

  it('a conditional task does not apply when its option is off, and applies while undecided', () => {
    expect(effectiveStatus(pb, stateOf(), 'b2')).toEqual({ status: 'open' });
    expect(effectiveStatus(pb, stateOf({ options: { light: false } }), 'b2')).toMatchObject({ status: 'na', naSource: 'option', option: 'light' });
    expect(effectiveStatus(pb, stateOf({ options: { light: false }, tasks: { b1: done } }), 'b').status).toBe('done');
  });

  it('children of a parent marked not applicable do not apply either, with the parent reason', () => {
    const s = stateOf({ tasks: { b: { status: 'na', reason: 'outsourced' } } });
    expect(effectiveStatus(pb, s, 'b1')).toMatchObject({ status: 'na', naSource: 'parent', reason: 'outsourced' });
  });
});

describe('progress', () => {
  it('counts applicable leaf tasks per phase and per role', () => {
    const s = stateOf({ tasks: { a: done, b1: done }, options: { light: false } });
    const statuses = allStatuses(pb, s);
    expect(phaseProgress(pb, statuses, 'one')).toEqual({ done: 2, applicable: 3, percent: 66 });
    expect(roleProgress(pb, statuses, 'it')).toEqual({ done: 0, applicable: 2, percent: 0 });
    expect(phaseProgress(pb, allStatuses(pb, stateOf({ tasks: { d: { status: 'na', reason: 'x' } } })), 'two')).toEqual({ done: 0, applicable: 0, percent: 100 });
  });
});

describe('next step', () => {
  it('lists open leaf tasks in playbook order whose prerequisites are done', () => {
    const first = nextStep(pb, allStatuses(pb, stateOf()), 'one');
    expect(first.tasks.map((t) => t.key)).toEqual(['a', 'b1', 'b2']);
    const later = nextStep(pb, allStatuses(pb, stateOf({ tasks: { a: done } })), 'one');
    expect(later.tasks.map((t) => t.key)).toEqual(['b1', 'b2', 'c']);
  });

  it('filters by the asker roles and says when their tasks wait for others', () => {
    const mine = nextStep(pb, allStatuses(pb, stateOf({ tasks: { b2: done } })), 'one', new Set(['it']));
    expect(mine.tasks).toEqual([]);
    expect(mine.waiting).toBe(true);
  });

  it('says when the phase is complete', () => {
    const s = stateOf({ tasks: { a: done, b1: done, b2: done, c: done } });
    expect(nextStep(pb, allStatuses(pb, s), 'one')).toMatchObject({ tasks: [], phaseComplete: true });
  });
});

describe('phase gate', () => {
  it('lists exactly the open tasks that block the next phase', () => {
    const gate = gateOf(pb, allStatuses(pb, stateOf({ tasks: { a: done, b1: done } })), 'one');
    expect(gate.blockers.map((t) => t.key)).toEqual(['b2', 'c']);
    expect(gate.next?.key).toBe('two');
    expect(gateOf(pb, allStatuses(pb, stateOf()), 'two').next).toBeUndefined();
  });
});

describe('permissions', () => {
  const s = stateOf({ members: [{ role: 'lead', user: 'u:lead' }, { role: 'it', user: 'u:it' }] });
  it('lets the owner role or the lead change a task, nobody else', () => {
    expect(canChangeTask(s, pb.byKey.get('c')!, 'u:it')).toBe(true);
    expect(canChangeTask(s, pb.byKey.get('a')!, 'u:it')).toBe(false);
    expect(canChangeTask(s, pb.byKey.get('a')!, 'u:lead')).toBe(true);
    expect(canChangeTask(s, pb.byKey.get('a')!, 'u:stranger')).toBe(false);
    expect(isLead(s, 'u:it')).toBe(false);
  });
});

describe('task addressing', () => {
  const real = loadPlaybooks(defaultPlaybookDir()).get('luvat-ja-valvonta')!;
  it('finds tasks by number in the current phase, phase-qualified number or key', () => {
    expect(resolveTask(real, 'deploy', '3.2')).toMatchObject({ key: 'deploy-service-descriptions' });
    expect(resolveTask(real, 'investigate', 'deploy:4.2.4')).toMatchObject({ key: 'deploy-light-eservice' });
    expect(resolveTask(real, 'investigate', 'Ota käyttöön:1.3')).toMatchObject({ key: 'deploy-comm-templates' });
    expect(resolveTask(real, 'investigate', 'deploy-ptv')).toMatchObject({ ref: '3.3', phase: 'deploy' });
  });

  it('suggests the nearest task for a typo', () => {
    expect(resolveTask(real, 'deploy', 'deploy-ptw')).toEqual({ code: 'task.not_found', params: { task: 'deploy-ptw', suggestion: 'deploy-ptv' } });
    expect(resolveTask(real, 'deploy', '99')).toEqual({ code: 'task.not_found', params: { task: '99', suggestion: '' } });
  });

  it('finds phases and roles by key or by name in any language', () => {
    expect(findPhase(real, 'Inför')?.key).toBe('deploy');
    expect(findPhase(real, 'ota käyttöön')?.key).toBe('deploy');
    expect(findRole(real, 'Asiakaspalvelu')?.key).toBe('customer-service');
    expect(findRole(real, 'customer-service')?.key).toBe('customer-service');
  });
});
