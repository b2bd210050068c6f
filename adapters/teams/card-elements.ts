import { encodeAction } from '../../src/core/action-codec';
import type { BotAction } from '../../src/core/request';
import type { ProgressView, UserRef } from '../../src/core/views';

/**
 * Building blocks of Adaptive Cards 1.5, as plain objects. Cards are only ever built as objects
 * and serialised by the SDK, so user text can never become card JSON.
 *
 * Every text goes into a RichTextBlock/TextRun, never a TextBlock: TextBlock (and FactSet)
 * text is parsed as Markdown, so a note like `[click](https://x)` would become a link. TextRun
 * text is shown as written ("RichTextBlock does not support Markdown", Adaptive Cards text
 * features), and backslash escaping renders differently between Teams clients
 * (microsoft/AdaptiveCards#4677, MicrosoftDocs/msteams-docs#5793), so plain runs are the
 * reliable way to keep user text inert.
 */

export type CardElement = { type: string } & Record<string, unknown>;
export type CardAction = { type: string; title: string } & Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  msteams?: { width: 'Full' };
  [key: string]: unknown;
}

/** The verb of every button this bot renders; `data.action` holds the encoded BotAction. */
export const ACTION_VERB = 'rollout';

export interface TextStyle {
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  weight?: 'Lighter' | 'Default' | 'Bolder';
  /**
   * Only colours that keep 4.5:1 against Teams' light and dark backgrounds: Good (about 2.1:1 on
   * white), Warning (1.5:1) and Attention (3.2:1 on dark) do not, so a warning or an error is
   * told by its icon and weight instead.
   */
  color?: 'Default' | 'Accent';
  isSubtle?: boolean;
  italic?: boolean;
  fontType?: 'Default' | 'Monospace';
}

export interface BlockOptions {
  spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
  separator?: boolean;
}

export interface ContainerOptions extends BlockOptions {
  /** `emphasis`: a shaded box, for a message quoted as it will be posted. */
  style?: 'default' | 'emphasis';
}

export interface Run {
  text: string;
  style?: TextStyle;
}

/** One paragraph of literal text (no Markdown). */
export function text(value: string, style: TextStyle = {}, block: BlockOptions = {}): CardElement {
  return runs([{ text: value, style }], block);
}

/** One paragraph made of differently styled runs. Empty runs are left out. */
export function runs(parts: Run[], block: BlockOptions = {}): CardElement {
  return {
    type: 'RichTextBlock',
    ...block,
    inlines: parts.filter((p) => p.text !== '').map((p) => ({ type: 'TextRun', text: p.text, ...p.style })),
  };
}

export function container(items: CardElement[], block: ContainerOptions = {}): CardElement {
  return { type: 'Container', ...block, items };
}

export function actionSet(actions: CardAction[], block: BlockOptions = {}): CardElement {
  return { type: 'ActionSet', ...block, actions };
}

/** `Action.Execute` carrying one BotAction; with `reasonInput`, the id of the input whose value becomes `reason`. */
export function execute(title: string, action: BotAction, options: { reasonInput?: string; style?: 'positive' | 'destructive' } = {}): CardAction {
  const data: Record<string, string> = { action: encodeAction(action) };
  if (options.reasonInput) data.reasonInput = options.reasonInput;
  return {
    type: 'Action.Execute',
    title,
    verb: ACTION_VERB,
    data,
    associatedInputs: options.reasonInput ? 'auto' : 'none',
    ...(options.style ? { style: options.style } : {}),
  };
}

export interface ReasonPrompt {
  /** Caption of the button that opens the prompt. */
  title: string;
  label: string;
  placeholder: string;
  submit: string;
  required: string;
}

/** A button that opens a reason field and a submit button; the reason is required. */
export function reasonShowCard(prompt: ReasonPrompt, action: BotAction, inputId: string): CardAction {
  return {
    type: 'Action.ShowCard',
    title: prompt.title,
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.Text',
          id: inputId,
          label: prompt.label,
          placeholder: prompt.placeholder,
          isMultiline: true,
          isRequired: true,
          errorMessage: prompt.required,
          maxLength: 2000,
        },
      ],
      actions: [execute(prompt.submit, action, { reasonInput: inputId })],
    },
  };
}

/**
 * A message text (an announcement, a status message) as it is posted: one paragraph per line, a
 * wider gap where the text has a blank line (the two languages of a bilingual message). A line
 * break inside one TextRun is not shown the same by every client, so each line is its own block.
 */
export function messageParagraphs(value: string): CardElement[] {
  const body: CardElement[] = [];
  let gap = false;
  for (const line of value.replace(/\r\n?/g, '\n').split('\n')) {
    if (!line.trim()) {
      gap = body.length > 0;
      continue;
    }
    body.push(text(line, {}, body.length === 0 ? {} : { spacing: gap ? 'Medium' : 'None' }));
    gap = false;
  }
  return body;
}

const BAR_CELLS = 10;

/**
 * A text progress bar, `▰▰▰▱▱▱▱▱▱▱`, filled from the same whole percent the text beside it
 * shows (rounded down, so a bar is never full before everything is done).
 */
export function progressBar(progress: ProgressView): string {
  const percent = Math.max(0, Math.min(100, Math.floor(progress.percent)));
  const filled = Math.floor(percent / BAR_CELLS);
  return `${'▰'.repeat(filled)}${'▱'.repeat(BAR_CELLS - filled)}`;
}

/** A text cut to `max` characters with an ellipsis, on a whole word where one is near; newlines become spaces. */
export function shorten(value: string, max: number): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.7 ? cut.slice(0, space) : cut}…`;
}

/** How to show a person: the display name when known, else the id without the platform prefix. */
export function userLabel(user: UserRef): string {
  if (user.name) return user.name;
  const colon = user.id.indexOf(':');
  return colon >= 0 ? user.id.slice(colon + 1) : user.id;
}

export function card(body: CardElement[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
  };
}
