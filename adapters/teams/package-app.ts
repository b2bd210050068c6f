import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/project-root';
import { appPackageFiles } from './app-manifest';

/**
 * `npm run teams:package`: builds `build/teams/rollout-teams-app.zip`, the file to upload in the
 * Teams Developer Portal or Teams admin center, from `manifest/teams/` with the app id and bot
 * id taken from TEAMS_APP_ID. The manifest, its localization files and the icons are validated
 * first; nothing is written when anything is wrong.
 */

/** The part of adm-zip (a dev dependency, see the README) used here. */
interface ZipWriter {
  addFile(name: string, data: Buffer): void;
  writeZip(target: string): void;
}
type ZipConstructor = new () => ZipWriter;

function loadZip(): ZipConstructor {
  try {
    // Loaded by name so that the server builds and runs without it: only packaging needs it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('adm-zip') as ZipConstructor;
  } catch {
    throw new Error('Packaging needs adm-zip: npm install --save-dev adm-zip@0.6.1');
  }
}

export async function packageTeamsApp(appId: string, target = path.join(projectRoot(), 'build', 'teams', 'rollout-teams-app.zip')): Promise<string> {
  const files = await appPackageFiles(appId);
  const Zip = loadZip();
  const zip = new Zip();
  // Teams wants the files at the root of the archive, not in a folder.
  for (const [name, data] of files) zip.addFile(name, data);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  zip.writeZip(target);
  return target;
}

if (require.main === module) {
  const appId = process.env.TEAMS_APP_ID?.trim() ?? '';
  packageTeamsApp(appId).then(
    (target) => process.stdout.write(`Teams app package written to ${path.relative(process.cwd(), target)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
