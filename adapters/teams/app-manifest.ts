import fs from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { projectRoot } from '../../src/project-root';

/**
 * The Teams app package: `manifest/teams/manifest.json` (schema 1.22), its localization files
 * and icons. Checked offline against the schemas bundled in @microsoft/app-manifest (a dev
 * dependency, like the `fs-extra` it requires without declaring it: only the packaging script
 * and the tests load this file, never the server).
 */

export const MANIFEST_DIR = path.join(projectRoot(), 'manifest', 'teams');
/** The committed manifest's app and bot id; the real one comes from TEAMS_APP_ID at packaging time. */
export const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';
export const ICON_SIZES: Readonly<Record<string, number>> = { 'color.png': 192, 'outline.png': 32 };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COMMAND_KEY = /^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/;

type Json = Record<string, unknown>;
type ManifestArg = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];

export interface TeamsManifestShape {
  id: string;
  bots: Array<{ botId: string; commandLists?: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>;
  icons: { color: string; outline: string };
  localizationInfo?: { defaultLanguageTag: string; additionalLanguages?: Array<{ languageTag: string; file: string }> };
  configurableTabs?: Array<{ configurationUrl: string; [key: string]: unknown }>;
  validDomains?: string[];
}

/** The committed manifest's host for the dashboard tab; the real one comes from PUBLIC_URL at packaging time. */
export const PLACEHOLDER_HOST = 'rollout.example.org';

export function readJson(dir: string, file: string): Json {
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Json;
}

/** `[width, height]` from a PNG's IHDR chunk; undefined if the bytes are not a PNG. */
export function pngSize(png: Buffer): [number, number] | undefined {
  const signature = '89504e470d0a1a0a';
  if (png.length < 24 || png.subarray(0, 8).toString('hex') !== signature || png.subarray(12, 16).toString('latin1') !== 'IHDR') return undefined;
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** Every localized command key points at a command of the manifest, and every command is translated. */
export function localizationProblems(manifest: TeamsManifestShape, file: string, strings: Json): string[] {
  const problems: string[] = [];
  const lists = manifest.bots[0]?.commandLists ?? [];
  const expected = new Set<string>();
  lists.forEach((list, l) => list.commands.forEach((_c, c) => {
    for (const field of ['title', 'description']) expected.add(`bots[0].commandLists[${l}].commands[${c}].${field}`);
  }));
  for (const key of Object.keys(strings).filter((k) => COMMAND_KEY.test(k))) {
    if (!expected.has(key)) problems.push(`${file}: ${key} has no command in manifest.json`);
    if (typeof strings[key] !== 'string' || !(strings[key] as string).trim()) problems.push(`${file}: ${key} is empty`);
  }
  for (const key of expected) if (!(key in strings)) problems.push(`${file}: ${key} is missing`);
  return problems;
}

interface StringRule {
  maxLength?: number;
  $ref?: string;
}
interface LocalizationSchema {
  required?: string[];
  properties: Record<string, StringRule>;
  patternProperties: Record<string, StringRule>;
}

/**
 * A localization file against its (bundled) schema: every key known, every value a non-empty
 * string within its length, the required names there. Checked here rather than with
 * `validateAgainstSchema`: its validator compiles the schema's patterns in Unicode mode, where
 * one of them (`...\b]\.description$`) is not a valid regular expression, so it throws.
 */
export function localizationSchemaProblems(file: string, strings: Json, schema: LocalizationSchema): string[] {
  const problems = (schema.required ?? []).filter((k) => !(k in strings)).map((k) => `${file}: ${k} is required`);
  const patterns = Object.entries(schema.patternProperties).map(([p, rule]) => [new RegExp(p), rule] as const);
  for (const [key, value] of Object.entries(strings)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    const rule = schema.properties[key] ?? patterns.find(([p]) => p.test(key))?.[1];
    if (!rule) problems.push(`${file}: ${key} is not a localizable key`);
    else if (typeof value !== 'string' || !value.trim()) problems.push(`${file}: ${key} must be a non-empty string`);
    else if (rule.maxLength !== undefined && value.length > rule.maxLength) problems.push(`${file}: ${key} is longer than ${rule.maxLength}`);
  }
  return problems;
}

/** Schema errors of the manifest and its localization files, untranslated commands, wrong icons. Empty when all is well. */
export async function manifestProblems(manifest: TeamsManifestShape, dir: string = MANIFEST_DIR): Promise<string[]> {
  const problems = (await AppManifestUtils.validateAgainstSchema(manifest as unknown as ManifestArg)).map((e) => `manifest.json: ${e}`);
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    if (!fs.existsSync(path.join(dir, file))) {
      problems.push(`${file}: missing`);
      continue;
    }
    const strings = readJson(dir, file);
    problems.push(...localizationSchemaProblems(file, strings, await AppManifestUtils.fetchSchema(String(strings.$schema)) as unknown as LocalizationSchema));
    problems.push(...localizationProblems(manifest, file, strings));
  }
  for (const [role, file] of Object.entries(manifest.icons)) {
    const size = fs.existsSync(path.join(dir, file)) ? pngSize(fs.readFileSync(path.join(dir, file))) : undefined;
    const want = ICON_SIZES[file];
    if (!size || !want || size[0] !== want || size[1] !== want) problems.push(`${file} (${role} icon) must be a ${want ?? '?'}x${want ?? '?'} PNG`);
  }
  return problems;
}

/** The manifest with the real app id as app id and bot id. */
export function withAppId(manifest: TeamsManifestShape, appId: string): TeamsManifestShape {
  if (!GUID.test(appId) || appId === PLACEHOLDER_ID) {
    throw new Error(`TEAMS_APP_ID must be the bot's Microsoft App ID (a GUID), got "${appId}".`);
  }
  return { ...manifest, id: appId, bots: manifest.bots.map((b) => ({ ...b, botId: appId })) };
}

/**
 * The dashboard tab on the server's own address: its configuration page under `PUBLIC_URL` and
 * that host as the valid domain. Without `PUBLIC_URL` there is no dashboard to show, so the
 * package has no tab (the bot works the same).
 */
export function withPublicUrl(manifest: TeamsManifestShape, publicUrl: string | undefined): TeamsManifestShape {
  const { configurableTabs, validDomains, ...rest } = manifest;
  if (!publicUrl) return { ...rest, validDomains: (validDomains ?? []).filter((d) => d !== PLACEHOLDER_HOST) };
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(`PUBLIC_URL must be the server's https address, like https://rollout.example.org, got "${publicUrl}".`);
  }
  if (url.protocol !== 'https:' || url.search || url.hash) throw new Error(`PUBLIC_URL must be an https base URL without ? or # for the Teams tab, got "${publicUrl}".`);
  const base = url.toString().replace(/\/+$/, '');
  return {
    ...rest,
    configurableTabs: (configurableTabs ?? []).map((tab) => ({ ...tab, configurationUrl: `${base}/dashboard/tab-config` })),
    validDomains: [...new Set([...(validDomains ?? []).filter((d) => d !== PLACEHOLDER_HOST), url.host])],
  };
}

/** The files of the app package, by name, ready to zip; throws listing every problem found. */
export async function appPackageFiles(appId: string, dir: string = MANIFEST_DIR, publicUrl?: string): Promise<Map<string, Buffer>> {
  const manifest = withPublicUrl(withAppId(readJson(dir, 'manifest.json') as unknown as TeamsManifestShape, appId), publicUrl);
  const problems = await manifestProblems(manifest, dir);
  if (problems.length) throw new Error(`The Teams app package is not valid:\n${problems.join('\n')}`);
  const files = new Map<string, Buffer>([['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)]]);
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) files.set(file, fs.readFileSync(path.join(dir, file)));
  for (const file of Object.values(manifest.icons)) files.set(file, fs.readFileSync(path.join(dir, file)));
  return files;
}
