// @microsoft/app-manifest 1.1.2 requires strip-bom 5, which is an ES module only ("type": "module").
// Node 20.19+ loads it through require(esm), but jest's own module loader cannot: it fails with
// "SyntaxError: Unexpected token 'export'" (checked with jest 30 on Node 20.20). This stand-in does
// what the library uses it for. fs-extra and adm-zip are the real ones.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { COMMAND_WORDS } from '../../../src/commands/registry';
import {
  MANIFEST_DIR, PLACEHOLDER_ID, appPackageFiles, localizationProblems, localizationSchemaProblems, manifestProblems, readJson, withAppId,
  type TeamsManifestShape,
} from '../../../adapters/teams/app-manifest';
import AdmZip from 'adm-zip';
import { packageCommand } from '../../../adapters/teams/package-app';
import { decodeRgba } from './support/png';

const manifestFile = path.join(MANIFEST_DIR, 'manifest.json');
const manifest = readJson(MANIFEST_DIR, 'manifest.json') as unknown as TeamsManifestShape;
const APP_ID = '0e3c1f5a-7b2d-4e8f-9a1b-2c3d4e5f6a7b';
const without = (o: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

describe('the Teams app manifest', () => {
  it('is a valid 1.22 manifest, checked offline against the bundled schema', async () => {
    const [read, errors] = await AppManifestUtils.readAndValidateTeamsManifest(manifestFile);
    expect(errors).toEqual([]);
    expect(read.manifestVersion).toBe('1.22');
    expect(read.$schema).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.22/MicrosoftTeams.schema.json');
  });

  it('offers the bot in personal chat, teams and group chats, with a command list for each', () => {
    const bot = manifest.bots[0];
    expect(manifest.id).toBe(PLACEHOLDER_ID);
    expect(bot.botId).toBe(PLACEHOLDER_ID);
    expect((bot as unknown as { scopes: string[] }).scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.commandLists!.map((l) => l.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    expect(bot.commandLists!.every((l) => l.commands.length <= 10)).toBe(true);
  });

  it('has Finnish and Swedish files that validate and translate every command, and nothing else', async () => {
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'en',
      additionalLanguages: [{ languageTag: 'fi', file: 'fi.json' }, { languageTag: 'sv', file: 'sv.json' }],
    });
    expect(await manifestProblems(manifest)).toEqual([]);
    const fi = readJson(MANIFEST_DIR, 'fi.json');
    const incomplete = without(fi, 'bots[0].commandLists[0].commands[3].title');
    expect(localizationProblems(manifest, 'fi.json', { ...incomplete, 'bots[0].commandLists[2].commands[12].title': 'x' })).toEqual([
      'fi.json: bots[0].commandLists[2].commands[12].title has no command in manifest.json',
      'fi.json: bots[0].commandLists[0].commands[3].title is missing',
    ]);
  });

  it('reports what is wrong: schema errors, unknown keys, empty or too long strings', async () => {
    const lists = manifest.bots[0].commandLists!;
    const tooMany = { ...manifest, bots: [{ ...manifest.bots[0], commandLists: [...lists, lists[0]] }] };
    expect((await manifestProblems(tooMany)).join('\n')).toMatch(/manifest\.json: \/bots\/0\/commandLists must NOT have more than 3 items/);

    const fi = readJson(MANIFEST_DIR, 'fi.json');
    const schema = await AppManifestUtils.fetchSchema(String(fi.$schema));
    const rest = without(fi, 'description.short');
    expect(localizationSchemaProblems('fi.json', { ...rest, 'name.short': 'x'.repeat(31), 'name.full': ' ', colour: 'x' }, schema as never)).toEqual([
      'fi.json: description.short is required',
      'fi.json: name.short is longer than 30',
      'fi.json: name.full must be a non-empty string',
      'fi.json: colour is not a localizable key',
    ]);
  });

  it('lists only commands the core understands, in every language', () => {
    const titles = [
      ...manifest.bots[0].commandLists!.flatMap((l) => l.commands.map((c) => c.title)),
      ...['fi.json', 'sv.json'].flatMap((f) => Object.entries(readJson(MANIFEST_DIR, f)).filter(([k]) => k.endsWith('.title')).map(([, v]) => String(v))),
    ];
    const unknown = titles.filter((t) => !COMMAND_WORDS.has(t.split(' ')[0].toLowerCase()));
    expect(unknown).toEqual([]);
  });

  it('offers the dashboard as a configurable channel tab on the bot\'s own host', () => {
    expect(manifest.configurableTabs).toEqual([{
      id: 'rollout-dashboard', configurationUrl: 'https://rollout.example.org/dashboard/tab-config', canUpdateConfiguration: true,
      scopes: ['team', 'groupChat'], context: ['channelTab', 'privateChatTab'],
    }]);
    expect(manifest.validDomains).toEqual(['rollout.example.org']);
  });

  it('has a 192x192 color icon and a 32x32 outline icon, white on transparent', () => {
    expect(decodeRgba(fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')))).toMatchObject({ width: 192, height: 192 });
    const outline = decodeRgba(fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png')));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a === 0) transparent += 1;
      else expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
  });

  it('is packaged with the app id from TEAMS_APP_ID as app id and bot id', async () => {
    const files = await appPackageFiles(APP_ID);
    expect([...files.keys()].sort()).toEqual(['color.png', 'fi.json', 'manifest.json', 'outline.png', 'sv.json']);
    const packaged = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(packaged.id).toBe(APP_ID);
    expect(packaged.bots[0].botId).toBe(APP_ID);
    expect(() => withAppId(manifest, PLACEHOLDER_ID)).toThrow(/TEAMS_APP_ID/);
    expect(() => withAppId(manifest, 'my-bot')).toThrow(/GUID/);
  });

  it('writes the zip `npm run teams:package` makes: the files at its root, the app id as app id and bot id', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-zip-'));
    try {
      const target = path.join(dir, 'build', 'rollout-teams-app.zip');
      expect(await packageCommand({ TEAMS_APP_ID: ` ${APP_ID}\n`, PUBLIC_URL: 'https://rollout.kotikunta.fi' }, target)).toEqual({
        code: 0, message: expect.stringContaining('with the dashboard tab on https://rollout.kotikunta.fi'),
      });

      const zip = new AdmZip(target);
      const entries = zip.getEntries();
      expect(entries.map((e) => e.entryName).sort()).toEqual(['color.png', 'fi.json', 'manifest.json', 'outline.png', 'sv.json']);
      expect(entries.every((e) => !e.isDirectory)).toBe(true);
      const packaged = JSON.parse(zip.readAsText('manifest.json'));
      expect(packaged.id).toBe(APP_ID);
      expect(packaged.bots.map((b: { botId: string }) => b.botId)).toEqual([APP_ID]);
      expect(without(packaged, 'id')).toEqual({
        ...without(manifest as unknown as Record<string, unknown>, 'id'),
        bots: packaged.bots,
        configurableTabs: [{ ...manifest.configurableTabs![0], configurationUrl: 'https://rollout.kotikunta.fi/dashboard/tab-config' }],
        validDomains: ['rollout.kotikunta.fi'],
      });
      for (const file of ['fi.json', 'sv.json', 'color.png', 'outline.png']) {
        expect(zip.readFile(file)!.equals(fs.readFileSync(path.join(MANIFEST_DIR, file)))).toBe(true);
      }
      expect(decodeRgba(zip.readFile('outline.png')!)).toMatchObject({ width: 32, height: 32 });

      // Without PUBLIC_URL there is no dashboard, so no tab; a wrong one is refused.
      const bare = path.join(dir, 'bare.zip');
      expect(await packageCommand({ TEAMS_APP_ID: APP_ID }, bare)).toEqual({ code: 0, message: expect.stringContaining('without the dashboard tab (set PUBLIC_URL') });
      const bareManifest = JSON.parse(new AdmZip(bare).readAsText('manifest.json'));
      expect(bareManifest.configurableTabs).toBeUndefined();
      expect(bareManifest.validDomains).toEqual([]);
      expect(await packageCommand({ TEAMS_APP_ID: APP_ID, PUBLIC_URL: 'http://rollout.kotikunta.fi' }, path.join(dir, 'http.zip'))).toEqual({ code: 1, message: expect.stringMatching(/PUBLIC_URL must be an https base URL/) });

      // Without a real app id it says what to set and writes nothing.
      const other = path.join(dir, 'none.zip');
      const refused = await packageCommand({}, other);
      expect(refused).toEqual({ code: 1, message: expect.stringMatching(/TEAMS_APP_ID must be the bot's Microsoft App ID/) });
      expect(await packageCommand({ TEAMS_APP_ID: PLACEHOLDER_ID }, other)).toMatchObject({ code: 1 });
      expect(fs.existsSync(other)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
