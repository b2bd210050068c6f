import { coreError, type CoreError } from '../core/errors';
import type { LoadedPlaybook } from '../domain/playbook';
import { resolveTask } from '../domain/task-ref';

/** Marks the start of a note: `done 3 -- text`. Dashes that keyboards and chat clients make of `--` work too. */
const NOTE_SEPARATOR = /(?:^|\s)(?:--|—|–)(?:\s|$)/;
/** A note in quotes: `done 3 "text"` (a quoted phase name before a colon is read first). */
const QUOTED_NOTE = /["“”]([^"“”]*)["“”]/;
/** A quoted phase name before a task number. */
const QUOTED_PHASE = /["“”]([^"“”]+)["“”]\s*:/g;
/** Words a phase name may have; a longer run of words before a colon is not tried. */
const MAX_PHASE_WORDS = 6;
const MAX_NOTE = 500;

export interface TaskArgs {
  /** Task references as typed, one per task: `3`, `4.1`, `Ota käyttöön:3.2`, `deploy-service`. */
  tasks: string[];
  note?: string;
}

/**
 * Reads `<task> [<task> ...] [-- note]` (or the note in quotes). Every word before the note must
 * be a task: anything else is refused (`task.not_found`, or `task.note_unmarked` for a word that
 * looks like the start of a note), so a mistyped number is never saved as a note.
 * A phase name with spaces may come before the colon as it is or in quotes.
 */
export function parseTaskArgs(playbook: LoadedPlaybook, currentPhase: string, args: string, allowNote: boolean): TaskArgs | CoreError {
  let text = args;
  let note: string | undefined;
  // The note is taken as it is: nothing after the separator is read as a task or a phase.
  const separator = NOTE_SEPARATOR.exec(text);
  if (separator) {
    note = text.slice(separator.index + separator[0].length).trim();
    text = text.slice(0, separator.index);
  }
  text = text.replace(QUOTED_PHASE, (_whole, name: string) => `${name.trim()}:`);
  const quoted = separator ? undefined : QUOTED_NOTE.exec(text);
  if (quoted) {
    note = quoted[1].trim();
    text = `${text.slice(0, quoted.index)} ${text.slice(quoted.index + quoted[0].length)}`;
  }
  if (note !== undefined && !allowNote) return coreError('command.extra_word', { word: note.slice(0, 40) });

  const words = text.split(/\s+/).filter(Boolean);
  const tasks: string[] = [];
  for (let i = 0; i < words.length; ) {
    const taken = taskAt(playbook, currentPhase, words, i);
    if (taken) {
      tasks.push(taken.token);
      i = taken.next;
      continue;
    }
    // A word after a task that is no task reference at all was probably meant as a note.
    const looksLikeTask = /^[\d.]+$|:/.test(words[i]);
    if (tasks.length > 0 && !looksLikeTask) {
      return coreError(allowNote ? 'task.note_unmarked' : 'command.extra_word', { word: words[i].slice(0, 40) });
    }
    const single = resolveTask(playbook, currentPhase, words[i]);
    return 'code' in single ? single : coreError('task.not_found', { task: words[i].slice(0, 40) });
  }
  return { tasks, ...(note ? { note: note.slice(0, MAX_NOTE) } : {}) };
}

/** The task that starts at word `i`: one word, or a phase name of several words ending in `:<number>`. */
function taskAt(playbook: LoadedPlaybook, currentPhase: string, words: string[], i: number): { token: string; next: number } | undefined {
  if (!('code' in resolveTask(playbook, currentPhase, words[i]))) return { token: words[i], next: i + 1 };
  for (let j = i + 1; j < Math.min(words.length, i + MAX_PHASE_WORDS + 1); j++) {
    const token = words.slice(i, j + 1).join(' ');
    if (!token.includes(':')) continue;
    if (!('code' in resolveTask(playbook, currentPhase, token))) return { token, next: j + 1 };
  }
  return undefined;
}

/** The task at the start of `args` (a phase name with spaces included) and the text after it. */
export function leadingTask(playbook: LoadedPlaybook, currentPhase: string, args: string): { task: string; rest: string } {
  const words = args.replace(QUOTED_PHASE, (_whole, name: string) => `${name.trim()}:`).split(/\s+/).filter(Boolean);
  if (words.length === 0) return { task: '', rest: '' };
  const taken = taskAt(playbook, currentPhase, words, 0);
  const next = taken?.next ?? 1;
  return { task: taken?.token ?? words[0], rest: words.slice(next).join(' ') };
}
