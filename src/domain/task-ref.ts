import { closest, distance } from 'fastest-levenshtein';
import { coreError, type CoreError } from '../core/errors';
import { LOCALES } from '../core/locale';
import type { IndexedTask, LoadedPlaybook, PlaybookPhase, PlaybookRole } from './playbook';

const fold = (s: string) => s.trim().toLocaleLowerCase('fi');

/** A phase by number (`5`), key (`deploy`) or name in any language (`Ota käyttöön`, `"Ota käyttöön"`, `inför`). */
export function findPhase(playbook: LoadedPlaybook, token: string): PlaybookPhase | undefined {
  const wanted = fold(token).replace(/^["“”']+|["“”']+$/g, '').trim();
  if (/^\d{1,3}$/.test(wanted)) return playbook.phases[Number(wanted) - 1];
  return playbook.phases.find((p) => p.key === wanted || LOCALES.some((l) => fold(p.name[l]) === wanted));
}

/** A role by key (`customer-service`) or by its name in any language. */
export function findRole(playbook: LoadedPlaybook, token: string): PlaybookRole | undefined {
  const wanted = fold(token);
  return playbook.roles.find((r) => r.key === wanted || LOCALES.some((l) => fold(r.name[l]) === wanted));
}

/**
 * A task by number in the current phase (`3.2`), phase-qualified number (`deploy:3.2`, also
 * with the phase's name) or key. Anything else is `task.not_found` with the nearest candidate.
 */
export function resolveTask(playbook: LoadedPlaybook, currentPhase: string, token: string): IndexedTask | CoreError {
  const raw = token.trim().replace(/\.$/, '');
  const key = playbook.byKey.get(fold(raw));
  if (key) return key;
  const qualified = /^(.+?)\s*:\s*(\d+(?:\.\d+)*)$/.exec(raw);
  const phase = qualified ? findPhase(playbook, qualified[1]) : playbook.phases[playbook.phaseIndex.get(currentPhase)!];
  const ref = qualified ? qualified[2] : raw;
  if (phase && /^\d+(\.\d+)*$/.test(ref)) {
    const task = playbook.tasks.find((t) => t.phase === phase.key && t.ref === ref);
    if (task) return task;
  }
  return coreError('task.not_found', { task: raw, suggestion: suggestTask(playbook, currentPhase, raw) });
}

/** The nearest task key, or phase-qualified number, to what was typed. */
function suggestTask(playbook: LoadedPlaybook, currentPhase: string, typed: string): string {
  const candidates = [
    ...playbook.tasks.map((t) => t.key),
    ...playbook.tasks.filter((t) => t.phase === currentPhase).map((t) => t.ref),
  ];
  const folded = fold(typed).slice(0, 100);
  const best = closest(folded, candidates);
  return best && distance(folded, best) <= Math.max(1, Math.floor(best.length / 3)) ? best : '';
}

/** The nearest word from a list, when close enough to be a typo. */
export function didYouMean(typed: string, words: string[]): string | undefined {
  if (!typed || words.length === 0) return undefined;
  const folded = fold(typed).slice(0, 100);
  const best = closest(folded, words);
  return distance(folded, best) <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}
