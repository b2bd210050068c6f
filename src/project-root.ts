import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/** The folder holding package.json: content folders are found from here in `src/` and in `dist/`. */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = parent;
  }
  cached = dir;
  return dir;
}
