import type { types } from '@slack/bolt';

/** Block Kit types, taken from the @slack/types that Bolt ships (not a dependency of our own). */
export type KnownBlock = types.KnownBlock;
export type Button = types.Button;
export type SectionBlock = types.SectionBlock;
export type ActionsBlock = types.ActionsBlock;
export type ContextBlock = types.ContextBlock;
export type PlainTextElement = types.PlainTextElement;
export type MrkdwnElement = types.MrkdwnElement;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;

/** A rendered message: blocks plus the `text` Slack shows in notifications and screen readers. */
export interface SlackMessage {
  blocks: KnownBlock[];
  text: string;
}
