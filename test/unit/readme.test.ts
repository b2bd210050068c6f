import fs from 'node:fs';
import path from 'node:path';
import { COMMANDS } from '../../src/commands/registry';
import { LOCALES } from '../../src/core/locale';
import { readResources } from '../../src/i18n/i18n';

const ROOT = path.join(__dirname, '../..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('the README stays true', () => {
  it('lists every command with its usage in Finnish, Swedish and English', () => {
    const resources = readResources();
    const missing = LOCALES.flatMap((lng) =>
      COMMANDS.map((c) => (resources[lng].common as { commands: Record<string, { usage: string }> }).commands[c.name].usage)
        .filter((usage) => !readme.includes(`\`${usage.replace(/\|/g, '\\|')}\``))
        .map((usage) => `${lng}: ${usage}`),
    );
    expect(missing).toEqual([]);
  });

  it('documents every environment variable the bot reads', () => {
    const variables = [...fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(variables.length).toBeGreaterThan(10);
    expect(variables.filter((v) => !readme.includes(`\`${v}`))).toEqual([]);
  });

  it('gives the command that runs the bot and the one that tests it', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});
