import fs from 'node:fs';
import path from 'node:path';
import type { BotFile } from '../../src/core/request';
import type { Translate } from '../../src/i18n/i18n';

/**
 * The console hands a file over by saving it in the working directory, readable by the user
 * alone (it holds personal data), and saying where. Only the file's own base name is used, so a
 * name can never point elsewhere.
 */
export function saveFile(file: BotFile, dir: string, t: Translate): string {
  const target = path.join(dir, path.basename(file.name));
  try {
    fs.writeFileSync(target, file.content, { mode: 0o600 });
    // An existing file keeps its mode on overwrite: make sure it is private too.
    fs.chmodSync(target, 0o600);
    return t('ui:file_written', { path: target });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return t('ui:file_write_failed', { path: target, reason });
  }
}
