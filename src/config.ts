import fs from 'node:fs';
import { z } from 'zod';
import { LOCALES, type Locale } from './core/locale';
import { parseKey } from './core/secret-box';
import { StartupError } from './core/startup-error';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** Words such as `SV` or ` Info ` are taken as they are meant. */
const lowerCase = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v);
const optional = z.preprocess(blankToUndefined, z.string().optional());
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const SWITCH_VALUES = ['1', 'true', '0', 'false'] as const;

/** What each checked variable accepts, for the one-line message about a wrong value. */
const ACCEPTED: Record<string, string> = {
  PORT: 'a port number from 0 to 65535',
  DEFAULT_LOCALE: 'fi, sv or en',
  TEMPLATES_DIR: 'the path of an existing folder of JSON template overrides, or nothing',
  ROLLOUT_USER: 'a user name of letters, digits, dots, hyphens and underscores, as written after @ in a mention',
  LOG_LEVEL: `${LOG_LEVELS.slice(0, -1).join(', ')} or ${LOG_LEVELS[LOG_LEVELS.length - 1]}`,
  TEAMS_ENABLED: '1 or true (serve Teams without credentials), 0, false or nothing (off)',
  READ_CACHE_ENTRIES: 'a whole number of entries from 0 (no read cache) to 10000000',
  AUDIT_RETENTION_DAYS: 'a whole number of days from 1, or keep',
  REMINDER_TIME: 'a time of day as HH:MM, like 09:00',
  PUBLIC_URL: 'the http(s) base URL of this server, without ? or #, like https://rollout.example.org',
  DASHBOARD_SECRET: 'at least 32 characters, or nothing (a secret is generated and kept in the database)',
};

const envSchema = z.object({
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  DATABASE_URL: z.preprocess(blankToUndefined, z.string().default('./data/rollout.db')),
  DEFAULT_LOCALE: z.preprocess((v) => lowerCase(blankToUndefined(v)), z.enum(LOCALES).default('fi')),
  TEMPLATES_DIR: optional,
  READ_CACHE_ENTRIES: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(10_000_000).optional()),
  ROLLOUT_USER: z.preprocess(blankToUndefined, z.string().regex(/^[\p{L}\p{N}._-]{1,80}$/u).optional()),
  NODE_ENV: optional,
  AUDIT_RETENTION_DAYS: z.preprocess((v) => (typeof v === 'string' && v.trim().toLowerCase() === 'keep' ? undefined : blankToUndefined(v)),
    z.coerce.number().int().min(1).optional()),
  LOG_LEVEL: z.preprocess((v) => lowerCase(blankToUndefined(v)), z.enum(LOG_LEVELS).default('info')),
  REMINDER_TIME: z.preprocess(blankToUndefined, z.string().trim().regex(/^([01]?\d|2[0-3]):[0-5]\d$/).default('09:00')),
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional,
  SLACK_API_URL: optional,
  ENCRYPTION_KEY: optional,
  ENCRYPTION_KEY_PREVIOUS: optional,
  TEAMS_APP_ID: optional,
  TEAMS_APP_PASSWORD: optional,
  TEAMS_TENANT_ID: optional,
  TEAMS_ENABLED: z.preprocess((v) => lowerCase(blankToUndefined(v)), z.enum(SWITCH_VALUES).optional()),
  TEAMS_SERVICE_URL_ALLOW: optional,
  PUBLIC_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).refine((u) => !/[?#]/.test(u)).optional()),
  DASHBOARD_SECRET: z.preprocess(blankToUndefined, z.string().min(32).optional()),
});

export interface SlackConfig {
  signingSecret: string;
  /** Single-workspace mode. */
  botToken?: string;
  /** Socket Mode, for development behind a firewall. */
  appToken?: string;
  /** Multi-workspace OAuth install. */
  oauth?: { clientId: string; clientSecret: string; stateSecret: string };
  /** Web API base URL ending in `/api/`. */
  apiUrl?: string;
  /** Encrypts OAuth installations at rest: ENCRYPTION_KEY, and ENCRYPTION_KEY_PREVIOUS while rotating. Required for OAuth. */
  secretKeys?: SecretKeys;
}

export interface SecretKeys {
  current: Buffer;
  previous: Buffer[];
}

export interface TeamsConfig {
  /** Absent: unauthenticated local mode (`TEAMS_ENABLED=1`, on 127.0.0.1, only with NODE_ENV development or test). */
  credentials?: { appId: string; appPassword: string; tenantId?: string };
  /** Hosts allowed as an activity's serviceUrl besides Microsoft's connector (TEAMS_SERVICE_URL_ALLOW). */
  serviceUrlAllow?: string[];
}

export interface AppConfig {
  port: number;
  databaseUrl: string;
  defaultLocale: Locale;
  /** A folder of the organisation's message template overrides. */
  templatesDir?: string;
  /** Bound of the store's read cache, in entries; undefined: the store's default. */
  readCacheEntries?: number;
  /** Who the console acts as (ROLLOUT_USER); the local login name when not set. */
  consoleUser?: string;
  production: boolean;
  logLevel: string;
  /** Audit events older than this many days are deleted nightly; absent: kept for ever. */
  auditRetentionDays?: number;
  /** Time of day (`HH:MM` in `TZ`) of the daily reminders (REMINDER_TIME); `readConfig` gives 09:00 when not set. */
  reminderTime?: string;
  slack?: SlackConfig;
  teams?: TeamsConfig;
  /** External base URL of the web dashboard; without it the bot gives no dashboard links. */
  publicUrl?: string;
  /** Signs dashboard links; else a secret generated once and kept in the database. */
  dashboardSecret?: string;
}

export class ConfigError extends StartupError {}

/** `PORT="eighty" is not accepted: use a port number from 0 to 65535.` */
function wrongValue(name: string, value: unknown): string {
  const shown = JSON.stringify(String(value).length > 200 ? `${String(value).slice(0, 200)}…` : String(value));
  return `${name}=${shown} is not accepted: use ${ACCEPTED[name] ?? 'a valid value'}.`;
}

/** Reads the environment; a wrong value stops start-up with one line naming the variable and what it accepts. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
    throw new ConfigError(names.map((name) => wrongValue(name, env[name])).join('\n'));
  }
  const e = parsed.data;
  if (e.TEMPLATES_DIR && !isFolder(e.TEMPLATES_DIR)) throw new ConfigError(wrongValue('TEMPLATES_DIR', e.TEMPLATES_DIR));
  const production = e.NODE_ENV === 'production';
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    defaultLocale: e.DEFAULT_LOCALE,
    ...(e.TEMPLATES_DIR ? { templatesDir: e.TEMPLATES_DIR } : {}),
    ...(e.READ_CACHE_ENTRIES !== undefined ? { readCacheEntries: e.READ_CACHE_ENTRIES } : {}),
    ...(e.ROLLOUT_USER ? { consoleUser: e.ROLLOUT_USER } : {}),
    production,
    logLevel: e.LOG_LEVEL,
    ...(e.AUDIT_RETENTION_DAYS ? { auditRetentionDays: e.AUDIT_RETENTION_DAYS } : {}),
    reminderTime: e.REMINDER_TIME,
    slack: slackConfig(e),
    teams: teamsConfig(e),
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/, '') } : {}),
    ...(e.DASHBOARD_SECRET ? { dashboardSecret: e.DASHBOARD_SECRET } : {}),
  };
}

function isFolder(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function slackConfig(e: z.infer<typeof envSchema>): SlackConfig | undefined {
  const oauthVars = [e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_STATE_SECRET];
  if (!e.SLACK_SIGNING_SECRET) {
    if (e.SLACK_BOT_TOKEN || oauthVars.some(Boolean)) {
      throw new ConfigError('Slack is partly configured: set SLACK_SIGNING_SECRET as well.');
    }
    return undefined;
  }
  const oauth = oauthVars.every(Boolean)
    ? { clientId: e.SLACK_CLIENT_ID!, clientSecret: e.SLACK_CLIENT_SECRET!, stateSecret: e.SLACK_STATE_SECRET! }
    : undefined;
  if (!oauth && oauthVars.some(Boolean)) {
    throw new ConfigError('Slack OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together.');
  }
  if (!oauth && !e.SLACK_BOT_TOKEN) {
    throw new ConfigError('Slack needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (OAuth install).');
  }
  if (e.SLACK_API_URL && !/^https?:\/\/.+\/api\/$/.test(e.SLACK_API_URL)) {
    throw new ConfigError('SLACK_API_URL must be a base URL ending in /api/, like https://slack.com/api/.');
  }
  const secretKeys = secretKeysOf(e);
  if (oauth && !secretKeys) {
    throw new ConfigError('Slack OAuth mode stores each workspace\'s bot token: set ENCRYPTION_KEY to 32 random bytes, base64 or hex (openssl rand -base64 32).');
  }
  return {
    signingSecret: e.SLACK_SIGNING_SECRET, botToken: oauth ? undefined : e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN, oauth, apiUrl: e.SLACK_API_URL,
    ...(secretKeys ? { secretKeys } : {}),
  };
}

function secretKeysOf(e: z.infer<typeof envSchema>): SecretKeys | undefined {
  const read = (name: 'ENCRYPTION_KEY' | 'ENCRYPTION_KEY_PREVIOUS'): Buffer | undefined => {
    const text = e[name];
    if (!text) return undefined;
    const key = parseKey(text);
    if (!key) throw new ConfigError(`${name} must be 32 bytes as base64 (44 characters) or hex (64 digits), e.g. from: openssl rand -base64 32.`);
    return key;
  };
  const current = read('ENCRYPTION_KEY');
  const previous = read('ENCRYPTION_KEY_PREVIOUS');
  if (previous && !current) throw new ConfigError('ENCRYPTION_KEY_PREVIOUS is only read next to a new ENCRYPTION_KEY: set ENCRYPTION_KEY too.');
  return current ? { current, previous: previous ? [previous] : [] } : undefined;
}

/** The only NODE_ENV values under which Teams may be served without authentication. */
const LOCAL_NODE_ENVS = ['development', 'test'];

function teamsConfig(e: z.infer<typeof envSchema>): TeamsConfig | undefined {
  const allow = e.TEAMS_SERVICE_URL_ALLOW?.split(',').map((h) => h.trim()).filter(Boolean);
  const extra = allow?.length ? { serviceUrlAllow: allow } : {};
  if (e.TEAMS_APP_ID || e.TEAMS_APP_PASSWORD) {
    if (!e.TEAMS_APP_ID || !e.TEAMS_APP_PASSWORD) throw new ConfigError('Teams needs TEAMS_APP_ID and TEAMS_APP_PASSWORD together.');
    return { credentials: { appId: e.TEAMS_APP_ID, appPassword: e.TEAMS_APP_PASSWORD, tenantId: e.TEAMS_TENANT_ID }, ...extra };
  }
  if (e.TEAMS_ENABLED === '1' || e.TEAMS_ENABLED === 'true') {
    // Exactly these two: `prod`, `Production` or `production ` must not open it by accident.
    if (!LOCAL_NODE_ENVS.includes(e.NODE_ENV ?? '')) {
      throw new ConfigError(`TEAMS_ENABLED=1 serves Teams without authentication, on 127.0.0.1 only, and needs NODE_ENV=development or NODE_ENV=test (got ${JSON.stringify(e.NODE_ENV ?? '')}); in production set TEAMS_APP_ID and TEAMS_APP_PASSWORD instead.`);
    }
    return { ...extra };
  }
  return undefined;
}
