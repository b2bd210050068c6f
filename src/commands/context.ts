import type { CoreDeps } from '../app';
import type { Locale } from '../core/locale';
import type { BotFile, BotRequest } from '../core/request';
import type { View } from '../core/views';
import type { Translate } from '../i18n/i18n';
import type { ChangeMeta } from '../ports/rollout-store.port';

/** What every command gets: the request, the asker's language and the injected dependencies. */
export interface CommandContext {
  deps: CoreDeps;
  request: BotRequest;
  locale: Locale;
  t: Translate;
  /** Actor, platform, time and delivery id for any change this command makes. */
  meta: ChangeMeta;
}

export interface CommandResult {
  views: View[];
  /** Defaults to `private`. */
  visibility?: 'private' | 'channel';
  changed?: boolean;
  update?: View;
  duplicate?: boolean;
  /** A file for the asker alone (see BotResponse.file). */
  file?: BotFile;
}

export interface CommandDef {
  /** Canonical (English) name; `commands.<name>.usage` and `.summary` hold its help. */
  name: string;
  /** Words that start the command, per language; the first one is shown in help. */
  aliases: Record<Locale, string[]>;
  /** Runs the command with the text after the command word. */
  run(ctx: CommandContext, args: string): Promise<CommandResult>;
}
