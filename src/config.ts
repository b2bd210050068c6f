import { z } from 'zod';
import { LOCALES, type Locale } from './core/locale';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = z.preprocess(blankToUndefined, z.string().optional());

const envSchema = z.object({
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  DATABASE_URL: z.preprocess(blankToUndefined, z.string().default('./data/rollout.db')),
  DEFAULT_LOCALE: z.preprocess(blankToUndefined, z.enum(LOCALES).default('fi')),
  TEMPLATES_DIR: optional,
  NODE_ENV: optional,
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional,
  SLACK_API_URL: optional,
  TEAMS_APP_ID: optional,
  TEAMS_APP_PASSWORD: optional,
  TEAMS_TENANT_ID: optional,
  TEAMS_ENABLED: optional,
  PUBLIC_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).refine((u) => !/[?#]/.test(u), 'must be a base URL without ? or #').optional()),
  DASHBOARD_SECRET: z.preprocess(blankToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
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
}

export interface TeamsConfig {
  /** Absent: unauthenticated local mode (`TEAMS_ENABLED=1`, never in production). */
  credentials?: { appId: string; appPassword: string; tenantId?: string };
}

export interface AppConfig {
  port: number;
  databaseUrl: string;
  defaultLocale: Locale;
  /** A folder of the organisation's message template overrides. */
  templatesDir?: string;
  production: boolean;
  logLevel: string;
  slack?: SlackConfig;
  teams?: TeamsConfig;
  /** External base URL of the web dashboard; without it the bot gives no dashboard links. */
  publicUrl?: string;
  /** Signs dashboard links; else a secret generated once and kept in the database. */
  dashboardSecret?: string;
}

export class ConfigError extends Error {}

/** Reads the environment; a wrong value stops start-up naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    defaultLocale: e.DEFAULT_LOCALE,
    ...(e.TEMPLATES_DIR ? { templatesDir: e.TEMPLATES_DIR } : {}),
    production,
    logLevel: e.LOG_LEVEL,
    slack: slackConfig(e),
    teams: teamsConfig(e, production),
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/, '') } : {}),
    ...(e.DASHBOARD_SECRET ? { dashboardSecret: e.DASHBOARD_SECRET } : {}),
  };
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
  return { signingSecret: e.SLACK_SIGNING_SECRET, botToken: oauth ? undefined : e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN, oauth, apiUrl: e.SLACK_API_URL };
}

function teamsConfig(e: z.infer<typeof envSchema>, production: boolean): TeamsConfig | undefined {
  if (e.TEAMS_APP_ID || e.TEAMS_APP_PASSWORD) {
    if (!e.TEAMS_APP_ID || !e.TEAMS_APP_PASSWORD) throw new ConfigError('Teams needs TEAMS_APP_ID and TEAMS_APP_PASSWORD together.');
    return { credentials: { appId: e.TEAMS_APP_ID, appPassword: e.TEAMS_APP_PASSWORD, tenantId: e.TEAMS_TENANT_ID } };
  }
  if (e.TEAMS_ENABLED === '1' || e.TEAMS_ENABLED === 'true') {
    if (production) throw new ConfigError('TEAMS_ENABLED=1 serves Teams without authentication and is refused when NODE_ENV=production: set TEAMS_APP_ID and TEAMS_APP_PASSWORD.');
    return {};
  }
  return undefined;
}
