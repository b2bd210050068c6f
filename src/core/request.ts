import type { Locale } from './locale';
import type { View } from './views';

export type Platform = 'slack' | 'teams' | 'console';

/** A button or card action, carried back to the core by the adapter. */
export interface BotAction {
  /** What the button does. */
  name: 'done' | 'skip' | 'undo' | 'advance' | 'page' | 'send';
  /** The rollout the message was about. */
  rolloutId: string;
  /** Task key, for task actions. */
  task?: string;
  /** Reason typed into a modal or card input (skip, advance with override). */
  reason?: string;
  /** Phase key, for `page` and `advance`. */
  phase?: string;
  /** Page number, for `page`. */
  page?: number;
  /** Announcement preview id, for `send`. */
  batch?: string;
  /** The view the button sat on, so the core can send it back updated. */
  from?: 'checklist' | 'next' | 'gate';
}

/**
 * One thing a person said or clicked, in platform-neutral form.
 * Ids are platform-qualified and opaque: `slack:T123`, `teams:<tenant>:<team>`, `console:local`.
 */
export interface BotRequest {
  platform: Platform;
  workspace: string;
  channel: string;
  user: string;
  /** Display name, when the platform tells it. */
  userName?: string;
  /** The user's platform locale (`fi-FI`, `sv`, `en-US`...), when known. */
  locale?: string;
  /** True where only the asker sees the conversation (direct message, personal chat, console). */
  personal?: boolean;
  /** True when the platform says the asker administers the workspace (a Slack workspace admin or owner). */
  workspaceAdmin?: boolean;
  /** Command text, already stripped of the bot mention and the slash command. */
  text?: string;
  action?: BotAction;
  /** Platform delivery id; a change is applied at most once per id. */
  requestId?: string;
}

/** A file for the asker alone (their `my data` export); each adapter hands it over privately. */
export interface BotFile {
  /** File name, e.g. `rollout-my-data-2026-11-23.json`. */
  name: string;
  mimeType: string;
  content: string;
  /** One line saying what the file is, in the asker's language. */
  title: string;
}

export interface BotResponse {
  /** Language the views were written in. */
  locale: Locale;
  views: View[];
  /** `private`: only the asker should see it; `channel`: a change others should see. */
  visibility: 'private' | 'channel';
  /**
   * For actions: the view the button sat on, as it is now. Adapters replace the original
   * message or card with it (Slack `chat.update` / `replace_original`, Teams invoke response).
   */
  update?: View;
  /** True when the request changed the rollout. */
  changed: boolean;
  /** True when the request was a repeat of one already applied: adapters send nothing. */
  duplicate?: boolean;
  /** A file to deliver to the asker privately, besides the views. */
  file?: BotFile;
}
