import type { Locale } from '../core/locale';
import type { ChecklistView, GateView, NextView, OverviewView, PhaseRef, ProgressView, RolesView, TaskLine, UserRef } from '../core/views';
import { gateOf } from '../domain/gate';
import { NEXT_STEP_LIMIT, nextStep } from '../domain/next-step';
import { canChangeTask, isLead, rolesOf } from '../domain/permissions';
import type { IndexedTask, LoadedPlaybook } from '../domain/playbook';
import { phaseProgress, roleProgress } from '../domain/progress';
import { dueDateOf, phaseTargets, type PhaseTarget } from '../domain/schedule';
import { taskRecord, type RolloutState } from '../domain/rollout';
import { allStatuses, isLeaf, tasksOfPhase, type EffectiveStatus } from '../domain/task-status';
import type { Translate } from '../i18n/i18n';
import { shortDate } from './schedule-view';

/** Everything needed to describe a rollout to one person in one language. */
export class RolloutViews {
  readonly statuses: ReadonlyMap<string, EffectiveStatus>;

  constructor(
    readonly playbook: LoadedPlaybook,
    readonly state: RolloutState,
    readonly locale: Locale,
    readonly t: Translate,
    /** The asker: decides which buttons they get. */
    readonly user: string,
    readonly names: Record<string, string> = {},
    /** Today (`YYYY-MM-DD` in `TZ`): with it, open tasks show when they are due and which are overdue. */
    readonly today?: string,
  ) {
    this.statuses = allStatuses(playbook, state);
    this.targets = today ? phaseTargets(playbook, state.rollout.settings) : [];
  }

  private readonly targets: PhaseTarget[];

  /** An open task's due date (ISO) when today is known; undefined for done and not-applicable tasks. */
  dueDate(key: string): string | undefined {
    if (!this.today || this.statuses.get(key)?.status !== 'open') return undefined;
    return dueDateOf(this.playbook, this.state, key, this.targets);
  }

  /**
   * What a task line says about its due date: only an overdue task or one due on a date of its
   * own; the rest are due on their phase's target, which the list says once (`phaseTarget`).
   */
  private dueOf(key: string): TaskLine['due'] {
    const due = this.dueDate(key);
    if (!due) return undefined;
    const overdue = due < this.today!;
    const task = this.playbook.byKey.get(key)!;
    if (!overdue && due === this.targets[this.playbook.phaseIndex.get(task.phase)!]?.date) return undefined;
    const date = shortDate(due, this.locale);
    return { date, overdue, text: this.t(overdue ? 'ui:task_overdue' : 'ui:task_due', { date }) };
  }

  /** A phase's target date for the heading of its lists, while it has open tasks and today is known. */
  phaseTarget(phase: string): ChecklistView['target'] {
    const target = this.targets[this.playbook.phaseIndex.get(phase)!]?.date;
    const progress = this.progress(phase);
    if (!target || progress.done >= progress.applicable) return undefined;
    const overdue = target < this.today!;
    const date = shortDate(target, this.locale);
    return { date, overdue, text: this.t(overdue ? 'ui:phase_target_passed' : 'ui:phase_target', { date }) };
  }

  phaseRef(key: string): PhaseRef {
    const index = this.playbook.phaseIndex.get(key)!;
    return { key, name: this.playbook.phases[index].name[this.locale], number: index + 1 };
  }

  roleName(key: string): string {
    return this.playbook.roles.find((r) => r.key === key)?.name[this.locale] ?? key;
  }

  userRef(id: string): UserRef {
    return this.names[id] ? { id, name: this.names[id] } : { id };
  }

  taskLine(task: IndexedTask): TaskLine {
    const effective = this.statuses.get(task.key)!;
    const record = taskRecord(this.state, task.key);
    const reason =
      effective.naSource === 'option'
        ? this.t('notices.option_off', { option: this.optionName(effective.option!) })
        : effective.reason;
    const parent = task.parent ? this.playbook.byKey.get(task.parent) : undefined;
    const due = this.dueOf(task.key);
    return {
      key: task.key,
      ref: task.ref,
      phase: task.phase,
      depth: task.depth,
      title: task.title[this.locale],
      status: effective.status,
      role: task.role,
      roleName: this.roleName(task.role),
      ...(record.assignee ? { assignee: this.userRef(record.assignee) } : {}),
      ...(record.note ? { note: record.note } : {}),
      ...(reason ? { reason } : {}),
      conditional: Boolean(task.condition),
      hasChildren: task.childKeys.length > 0,
      ...(parent ? { parent: { key: parent.key, ref: parent.ref, title: parent.title[this.locale] } } : {}),
      canChange: canChangeTask(this.state, task, this.user) && effective.naSource !== 'option' && effective.naSource !== 'parent',
      ...(due ? { due } : {}),
    };
  }

  optionName(key: string): string {
    return this.playbook.options.find((o) => o.key === key)?.name[this.locale] ?? key;
  }

  progress(phase: string): ProgressView {
    return phaseProgress(this.playbook, this.statuses, phase);
  }

  checklist(phase = this.state.rollout.phase, page?: number): ChecklistView {
    return {
      kind: 'checklist',
      rolloutId: this.state.rollout.id,
      rolloutName: this.state.rollout.name,
      phase: this.phaseRef(phase),
      current: phase === this.state.rollout.phase,
      progress: this.progress(phase),
      ...(this.phaseTarget(phase) ? { target: this.phaseTarget(phase) } : {}),
      tasks: tasksOfPhase(this.playbook, phase).map((t) => this.taskLine(t)),
      ...(page ? { page } : {}),
    };
  }

  next(mine: boolean): NextView {
    const phase = this.state.rollout.phase;
    const roles = mine ? rolesOf(this.state, this.user) : undefined;
    const step = nextStep(this.playbook, this.statuses, phase, roles);
    const openTasks = tasksOfPhase(this.playbook, phase)
      .filter((t) => isLeaf(t) && this.statuses.get(t.key)!.status === 'open' && (!roles || roles.has(t.role)));
    const open = openTasks.length;
    // Overdue tasks come first, the longest overdue first, also those still waiting for another task.
    const overdue = openTasks.filter((t) => (this.dueDate(t.key) ?? '~') < this.today!).sort((a, b) => this.dueDate(a.key)!.localeCompare(this.dueDate(b.key)!));
    const shown = [...overdue, ...step.tasks.filter((t) => !overdue.includes(t))].slice(0, NEXT_STEP_LIMIT);
    return {
      kind: 'next',
      rolloutId: this.state.rollout.id,
      rolloutName: this.state.rollout.name,
      phase: this.phaseRef(phase),
      ...(this.phaseTarget(phase) ? { target: this.phaseTarget(phase) } : {}),
      tasks: shown.map((t) => this.taskLine(t)),
      phaseComplete: step.phaseComplete,
      mine,
      waiting: step.waiting && overdue.length === 0,
      more: Math.max(0, open - shown.length),
    };
  }

  gate(): GateView {
    const gate = gateOf(this.playbook, this.statuses, this.state.rollout.phase);
    return {
      kind: 'gate',
      rolloutId: this.state.rollout.id,
      rolloutName: this.state.rollout.name,
      phase: this.phaseRef(gate.phase.key),
      ...(gate.next ? { next: this.phaseRef(gate.next.key) } : {}),
      blockers: gate.blockers.map((t) => this.taskLine(t)),
      canAdvance: isLead(this.state, this.user) && Boolean(gate.next),
    };
  }

  overview(): OverviewView {
    return {
      kind: 'overview',
      rolloutId: this.state.rollout.id,
      rolloutName: this.state.rollout.name,
      phases: this.playbook.phases.map((p, i) => {
        const progress = this.progress(p.key);
        return {
          ...this.phaseRef(p.key),
          progress,
          current: p.key === this.state.rollout.phase,
          optional: Boolean(p.optional),
          behind: i < this.playbook.phaseIndex.get(this.state.rollout.phase)! && progress.done < progress.applicable,
        };
      }),
      roles: this.playbook.roles
        .map((r) => ({ key: r.key, name: r.name[this.locale], progress: roleProgress(this.playbook, this.statuses, r.key) }))
        .filter((r) => r.progress.applicable > 0),
    };
  }

  roles(): RolesView {
    return {
      kind: 'roles',
      rolloutName: this.state.rollout.name,
      roles: this.playbook.roles.map((r) => ({
        key: r.key,
        name: r.name[this.locale],
        members: this.state.members.filter((m) => m.role === r.key).map((m) => this.userRef(m.user)),
      })),
    };
  }
}

/** Every user id a rollout's views may show, so their names can be fetched in one call. */
export function userIdsOf(state: RolloutState): string[] {
  const ids = new Set(state.members.map((m) => m.user));
  for (const record of Object.values(state.tasks)) if (record.assignee) ids.add(record.assignee);
  return [...ids];
}
