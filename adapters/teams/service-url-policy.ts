import type { OutboundUrlPolicy } from '@microsoft/agents-hosting';

/**
 * Where the Bot Connector for Teams lives: the public cloud (`https://smba.trafficmanager.net/<region>/`),
 * the government clouds (GCC, GCC High, DoD) and the Bot Framework service's own hosts.
 */
export const CONNECTOR_HOSTS = [
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
  'botframework.com',
  'botframework.us',
] as const;

/** Tools on this machine (the Agents Playground, a local fake connector) for unauthenticated local mode. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

export interface ServiceUrlPolicyOptions {
  /** Extra hosts allowed over http or https (TEAMS_SERVICE_URL_ALLOW: tests, a proxy of one's own). */
  allow?: readonly string[];
  /** Unauthenticated local mode: loopback hosts are allowed too. */
  local?: boolean;
}

/**
 * Which `serviceUrl` an activity may name. The bot sends its replies and later posts there, with
 * its own token, so anything but Microsoft's connector would receive both: https to a connector
 * host (or a subdomain of one), or a host allowed on purpose.
 */
export class ServiceUrlPolicy implements OutboundUrlPolicy {
  readonly enabled = true;
  private readonly extra: Set<string>;

  constructor(options: ServiceUrlPolicyOptions = {}) {
    this.extra = new Set([...(options.allow ?? []), ...(options.local ? LOOPBACK_HOSTS : [])].map((h) => h.trim().toLowerCase()).filter(Boolean));
  }

  isAllowed(input: string | URL | null | undefined): boolean {
    if (!input) return false;
    let url: URL;
    try {
      url = input instanceof URL ? input : new URL(input);
    } catch {
      return false;
    }
    if (url.username || url.password) return false;
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    if (url.protocol === 'https:' && CONNECTOR_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))) return true;
    return (url.protocol === 'https:' || url.protocol === 'http:') && (this.extra.has(host) || this.extra.has(url.host.toLowerCase()));
  }
}
