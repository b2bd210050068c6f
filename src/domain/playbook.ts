import type { LocalizedText } from '../core/locale';

/** A task of a phase; a task with children is done when all its applicable children are. */
export interface PlaybookTask {
  /** Stable key, unique in the playbook (kebab-case), e.g. `deploy-comm-templates`. */
  key: string;
  title: LocalizedText;
  /** Owner role key. */
  role: string;
  /** Option key: the task applies only when this option of the rollout is on. */
  condition?: string;
  /** Keys of tasks that must be done (or not applicable) before this one is a next step. */
  after?: string[];
  children?: PlaybookTask[];
}

export interface PlaybookPhase {
  key: string;
  name: LocalizedText;
  /** What happens in the phase, one or two sentences. */
  summary: LocalizedText;
  /** An optional phase may follow the last required one. */
  optional?: boolean;
  /** The phase's default length in working days, which plans its target date back from go-live (see schedule). */
  leadDays?: number;
  tasks: PlaybookTask[];
}

export interface PlaybookRole {
  key: string;
  name: LocalizedText;
}

/** A choice the rollout makes that switches conditional tasks on or off. */
export interface PlaybookOption {
  key: string;
  name: LocalizedText;
  /** Value before anyone chooses; tasks stay applicable while it is undecided. */
  default?: boolean;
}

export interface Playbook {
  id: string;
  name: LocalizedText;
  /** The e-service being rolled out, used in announcements. */
  service: LocalizedText;
  roles: PlaybookRole[];
  options: PlaybookOption[];
  phases: PlaybookPhase[];
}

/** A task placed in its phase: number, depth and family, computed once at load. */
export interface IndexedTask extends PlaybookTask {
  phase: string;
  /** Number within the phase: `3`, `3.2`, `4.2.1`. */
  ref: string;
  depth: number;
  parent?: string;
  childKeys: string[];
}

/** A validated playbook with its tasks indexed for the rules. */
export interface LoadedPlaybook extends Playbook {
  /** Every task of every phase in playbook order (parents before children). */
  tasks: IndexedTask[];
  byKey: ReadonlyMap<string, IndexedTask>;
  phaseIndex: ReadonlyMap<string, number>;
}

export function indexPlaybook(playbook: Playbook): LoadedPlaybook {
  const tasks: IndexedTask[] = [];
  const visit = (list: PlaybookTask[], phase: string, prefix: string, depth: number, parent?: string) => {
    list.forEach((task, i) => {
      const ref = prefix ? `${prefix}.${i + 1}` : String(i + 1);
      tasks.push({ ...task, phase, ref, depth, parent, childKeys: (task.children ?? []).map((c) => c.key) });
      if (task.children) visit(task.children, phase, ref, depth + 1, task.key);
    });
  };
  for (const phase of playbook.phases) visit(phase.tasks, phase.key, '', 0);
  return {
    ...playbook,
    tasks,
    byKey: new Map(tasks.map((t) => [t.key, t])),
    phaseIndex: new Map(playbook.phases.map((p, i) => [p.key, i])),
  };
}
