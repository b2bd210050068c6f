import { CloudAdapter, type AuthConfiguration } from '@microsoft/agents-hosting';
import express, { type Express } from 'express';
import type { RolloutBot } from '../../src/app';
import { ConfigError, type TeamsConfig } from '../../src/config';
import type { Logger } from '../../src/ports/logger.port';
import { MAX_BODY_BYTES } from '../http/limits';
import type { Mounted } from '../http/server';
import { ConversationReferences } from './conversation-references';
import { RolloutActivityHandler } from './rollout-activity-handler';
import { ServiceUrlPolicy } from './service-url-policy';
import { createTeamsSender, type TeamsSender } from './teams-sender';

export const TEAMS_ROUTE = '/api/messages';


export interface MountedTeams extends Mounted {
  /** Posts into channels the bot has seen (for the outbox worker and announcements). */
  sender: TeamsSender;
  adapter: CloudAdapter;
}

/**
 * The SDK's auth settings from our config. With credentials, one explicit connection used for
 * every service URL, so nothing is picked up from the SDK's own environment variables; without,
 * an empty configuration, which the SDK serves anonymously outside production only.
 */
export function authConfiguration(config: TeamsConfig): AuthConfiguration {
  const c = config.credentials;
  if (!c) return {};
  // validateIssuer: only tokens of the Bot Framework service or of our own tenant's Entra issuer
  // (the SDK also ties an Entra token's `tid` to its issuer); a token for this app id issued in
  // another tenant is refused.
  const connection: AuthConfiguration = { clientId: c.appId, clientSecret: c.appPassword, authType: 'ClientSecret', validateIssuer: true };
  if (c.tenantId) connection.tenantId = c.tenantId;
  return { ...connection, connections: new Map([['teams', connection]]), connectionsMap: [{ serviceUrl: '*', connection: 'teams' }] };
}

/**
 * Serves Teams at `POST /api/messages` through the Agents SDK `CloudAdapter`. With credentials
 * every request must carry a valid Bot Framework / Entra token (401 otherwise); without, the
 * endpoint is for local tools and is refused in production. The JSON body parser sits on this
 * route only: Slack needs raw bodies elsewhere.
 */
export async function mountTeams(
  app: Express,
  bot: RolloutBot,
  config: TeamsConfig,
  logger: Logger,
  production: boolean,
): Promise<MountedTeams> {
  if (!config.credentials && production) {
    throw new ConfigError('Teams without TEAMS_APP_ID and TEAMS_APP_PASSWORD is for local tools and is refused when NODE_ENV=production.');
  }
  // Replies and later posts go to the activity's serviceUrl with the bot's token: only Microsoft's
  // connector (and what TEAMS_SERVICE_URL_ALLOW adds) may be named, and with credentials it must
  // match the token's own `serviceurl` claim. Anything else is answered 400 before a turn runs.
  const serviceUrls = new ServiceUrlPolicy({ allow: config.serviceUrlAllow, local: !config.credentials });
  const adapter = new CloudAdapter(authConfiguration(config), undefined, undefined, { validateServiceUrl: true }, serviceUrls);
  adapter.onTurnError = async (context, err) => {
    logger.error({ err, activityId: context.activity?.id, type: context.activity?.type }, 'teams: turn failed');
  };
  const refs = new ConversationReferences(bot.deps.store, () => bot.deps.clock.now().toISOString());
  const handler = new RolloutActivityHandler({ bot, refs, logger });

  app.post(
    TEAMS_ROUTE,
    (req, res, next) => adapter.authorizeRequest(req, res, next),
    // Activities are small; a card action carries at most a 2,000-character reason.
    express.json({ limit: MAX_BODY_BYTES }),
    async (req, res) => {
      try {
        await adapter.process(req, res, (context) => handler.run(context));
      } catch (err) {
        // Malformed activities (no body, failed schema) throw before any turn runs.
        logger.warn({ err }, 'teams: rejected an activity');
        if (!res.headersSent) res.status(400).json({ error: 'invalid activity' });
      }
    },
  );
  logger.info({ route: TEAMS_ROUTE, authenticated: Boolean(config.credentials) }, 'teams: mounted');

  const identity = config.credentials ? config.credentials.appId : {};
  return {
    adapter,
    sender: createTeamsSender(adapter, refs, (locale) => bot.t(locale), identity, (users) => bot.deps.store.userNames(users)),
    async stop() {},
  };
}
