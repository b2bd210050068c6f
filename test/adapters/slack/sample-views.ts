import type { ChecklistView, GateView, NextView, TaskLine } from '../../../src/core/views';

/** Neutral views as the core builds them, for renderer tests. */
export function task(overrides: Partial<TaskLine> = {}): TaskLine {
  return {
    key: 'investigate-impact',
    ref: '1.1',
    phase: 'investigate',
    depth: 0,
    title: 'Find out what the service means for us',
    status: 'open',
    role: 'lead',
    roleName: 'Rollout lead',
    conditional: false,
    hasChildren: false,
    canChange: true,
    ...overrides,
  };
}

export function checklist(tasks: TaskLine[], overrides: Partial<ChecklistView> = {}): ChecklistView {
  const done = tasks.filter((t) => t.status === 'done').length;
  const applicable = tasks.filter((t) => t.status !== 'na').length;
  return {
    kind: 'checklist',
    rolloutId: 'r-1',
    rolloutName: 'Kunta Esimerkki',
    phase: { key: 'investigate', name: 'Investigate', number: 1 },
    current: true,
    progress: { done, applicable, percent: applicable ? Math.round((100 * done) / applicable) : 0 },
    tasks,
    ...overrides,
  };
}

export function nextView(tasks: TaskLine[], overrides: Partial<NextView> = {}): NextView {
  return {
    kind: 'next',
    rolloutId: 'r-1',
    rolloutName: 'Kunta Esimerkki',
    phase: { key: 'investigate', name: 'Investigate', number: 1 },
    tasks,
    phaseComplete: false,
    mine: false,
    waiting: false,
    more: 0,
    ...overrides,
  };
}

export function gate(overrides: Partial<GateView> = {}): GateView {
  return {
    kind: 'gate',
    rolloutId: 'r-1',
    rolloutName: 'Kunta Esimerkki',
    phase: { key: 'investigate', name: 'Investigate', number: 1 },
    next: { key: 'decide', name: 'Decide', number: 2 },
    blockers: [],
    canAdvance: true,
    ...overrides,
  };
}

/** A phase far longer than any real one, with every field at its longest. */
export function hugePhase(count = 120): TaskLine[] {
  return Array.from({ length: count }, (_, i) =>
    task({
      key: `task-${i}`,
      ref: `${i + 1}`,
      title: `Task ${i + 1} ${'with a very long title '.repeat(20)}`,
      roleName: 'Communications and customer service '.repeat(3),
      note: 'n'.repeat(2000),
      status: i % 3 === 0 ? 'done' : 'open',
      assignee: { id: 'slack:U0BERT002', name: 'Bertil' },
    }),
  );
}
