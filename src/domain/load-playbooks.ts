import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../project-root';
import { indexPlaybook, type LoadedPlaybook } from './playbook';
import { PlaybookError, validatePlaybook } from './playbook-schema';

/**
 * Loads every `*.json` playbook in `dir` (in name order), validates it and indexes its tasks.
 * Adding a playbook is adding a file. Throws a {@link PlaybookError} naming the file for
 * malformed JSON, an invalid playbook or a playbook id used by two files.
 */
export function loadPlaybooks(dir: string): Map<string, LoadedPlaybook> {
  const files = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json'))
    .map((entry) => entry.name)
    .sort();

  const playbooks = new Map<string, LoadedPlaybook>();
  const sources = new Map<string, string>();
  for (const name of files) {
    const file = path.join(dir, name);
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new PlaybookError(file, '(root)', `malformed JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    const playbook = validatePlaybook(data, file);
    const other = sources.get(playbook.id);
    if (other !== undefined) {
      throw new PlaybookError(file, 'id', `duplicate playbook id "${playbook.id}" (also in ${other})`);
    }
    sources.set(playbook.id, file);
    playbooks.set(playbook.id, indexPlaybook(playbook));
  }
  return playbooks;
}

/**
 * The shipped playbooks: `src/playbooks` of this project, found from the nearest directory
 * above this module holding package.json (works from `src/` and from compiled `dist/src/`).
 */
export function defaultPlaybookDir(): string {
  return path.join(projectRoot(), 'src', 'playbooks');
}
