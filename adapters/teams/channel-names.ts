import type { ConnectorClient, TurnContext } from '@microsoft/agents-hosting';
import type { ChannelRef, View } from '../../src/core/views';
import type { Logger } from '../../src/ports/logger.port';
import { teamOf, type TeamsActivity } from './translate-activity';

/** How long a team's channel names are trusted before they are asked again (channels get renamed). */
const TTL_MS = 10 * 60_000;
/** After a failed lookup, replies go on with ids for this long instead of asking on every message. */
const RETRY_MS = 60_000;
/** A reply waits this long for the names at most; then it shows ids. */
const LOOKUP_TIMEOUT_MS = 5_000;
/** Teams' own name for the General channel, which the Bot Connector lists without a name. */
const GENERAL = 'General';

interface TeamEntry {
  at: number;
  /** Channel id (`19:...@thread.tacv2`) -> name; empty after a failure. */
  names: Map<string, string>;
  failed: boolean;
}

const TEAMS_CHANNEL = /^teams:(19:[^;]+)$/;

function channelsOf(view: View): ChannelRef[] {
  switch (view.kind) {
    case 'announcement':
      return view.targets.map((t) => t.channel);
    case 'channels':
      return view.roles.flatMap((r) => r.channels);
    case 'outbox':
      return view.entries.map((e) => e.channel);
    default:
      return [];
  }
}

function named(channel: ChannelRef, names: ReadonlyMap<string, string>): ChannelRef {
  if (channel.name) return channel;
  const id = TEAMS_CHANNEL.exec(channel.id)?.[1];
  const name = id ? names.get(id) : undefined;
  return name ? { ...channel, name } : channel;
}

/** A view with the given names (Teams channel id -> name) filled in where it has only ids. */
export function withChannelNames(view: View, names: ReadonlyMap<string, string>): View {
  switch (view.kind) {
    case 'announcement':
      return { ...view, targets: view.targets.map((t) => ({ ...t, channel: named(t.channel, names) })) };
    case 'channels':
      return { ...view, roles: view.roles.map((r) => ({ ...r, channels: r.channels.map((c) => ({ ...c, ...named(c, names) })) })) };
    case 'outbox':
      return { ...view, entries: view.entries.map((e) => ({ ...e, channel: named(e.channel, names) })) };
    default:
      return view;
  }
}

/**
 * Names of Teams channels, for previews and channel lists: a channel mapped with `here` is known
 * to the core only by its id. The names come from the Bot Connector's list of the team's channels
 * (`GET v3/teams/{teamId}/conversations`, with the turn's own connector client), are remembered
 * per team for a while, and when the lookup fails the views keep the ids (never a wrong name).
 */
export class TeamsChannelNames {
  private readonly teams = new Map<string, TeamEntry>();

  constructor(private readonly logger: Logger, private readonly now: () => number = Date.now) {}

  /** The views with names filled in for the channels of this turn's team; unchanged when none is needed. */
  async fill(context: TurnContext, views: View[]): Promise<View[]> {
    const unnamed = views.flatMap(channelsOf).some((c) => !c.name && TEAMS_CHANNEL.test(c.id));
    const team = teamOf(context.activity as TeamsActivity);
    if (!unnamed || !team) return views;
    const names = await this.namesOf(context, team);
    return names.size === 0 ? views : views.map((view) => withChannelNames(view, names));
  }

  private async namesOf(context: TurnContext, team: string): Promise<ReadonlyMap<string, string>> {
    const cached = this.teams.get(team);
    if (cached && this.now() - cached.at < (cached.failed ? RETRY_MS : TTL_MS)) return cached.names;
    const entry: TeamEntry = { at: this.now(), names: new Map(), failed: false };
    try {
      const client = context.turnState.get<ConnectorClient | undefined>(context.adapter.ConnectorClientKey);
      if (!client) throw new Error('no connector client in this turn');
      const answer = await client.httpClient.get<{ conversations?: Array<{ id?: unknown; name?: unknown }> }>(
        `v3/teams/${encodeURIComponent(team)}/conversations`,
        { timeout: LOOKUP_TIMEOUT_MS },
      );
      for (const c of answer.data?.conversations ?? []) {
        if (typeof c.id !== 'string') continue;
        const name = typeof c.name === 'string' && c.name.trim() ? c.name.trim() : c.id === team ? GENERAL : undefined;
        if (name) entry.names.set(c.id, name.slice(0, 100));
      }
    } catch (err) {
      entry.failed = true;
      this.logger.warn({ err, team }, 'teams: could not look up the team\'s channel names; showing ids');
    }
    this.teams.set(team, entry);
    return entry.names;
  }
}
