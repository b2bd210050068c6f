import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { projectRoot } from '../../src/project-root';
import { appPackageFiles } from './app-manifest';

/**
 * `npm run teams:package`: builds `build/teams/rollout-teams-app.zip`, the file to upload in the
 * Teams Developer Portal or Teams admin center, from `manifest/teams/` with the app id and bot
 * id taken from TEAMS_APP_ID. The manifest, its localization files and the icons are validated
 * first; nothing is written when anything is wrong. Only this script loads adm-zip (a dev dependency).
 */

export const DEFAULT_PACKAGE = path.join(projectRoot(), 'build', 'teams', 'rollout-teams-app.zip');

export async function packageTeamsApp(appId: string, target = DEFAULT_PACKAGE, publicUrl?: string): Promise<string> {
  const files = await appPackageFiles(appId, undefined, publicUrl);
  const zip = new AdmZip();
  // Teams wants the files at the root of the archive, not in a folder.
  for (const [name, data] of files) zip.addFile(name, data);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await zip.writeZipPromise(target, { overwrite: true });
  return target;
}

/** What the command does, given its environment: exit code and the line to print. */
export async function packageCommand(env: NodeJS.ProcessEnv, target = DEFAULT_PACKAGE): Promise<{ code: number; message: string }> {
  try {
    const publicUrl = env.PUBLIC_URL?.trim() || undefined;
    const written = await packageTeamsApp(env.TEAMS_APP_ID?.trim() ?? '', target, publicUrl);
    const tab = publicUrl ? `with the dashboard tab on ${publicUrl}` : 'without the dashboard tab (set PUBLIC_URL to include it)';
    return { code: 0, message: `Teams app package written to ${path.relative(process.cwd(), written) || written}, ${tab}` };
  } catch (err) {
    return { code: 1, message: err instanceof Error ? err.message : String(err) };
  }
}

if (require.main === module) {
  void packageCommand(process.env).then(({ code, message }) => {
    (code === 0 ? process.stdout : process.stderr).write(`${message}\n`);
    process.exitCode = code;
  });
}
