import type { LocalizedText } from '../core/locale';

/** The situations the go-live communication plan names: when a message is sent. */
export const SITUATIONS = [
  'phase-start',
  'progress',
  'phase-complete',
  'golive-coming',
  'golive-live-staff',
  'golive-live-customers',
  'deviation',
] as const;
export type Situation = (typeof SITUATIONS)[number];

/**
 * The only variable names a template may use. Most are filled by the bot from the rollout's
 * state; `date`, `contact`, `reason`, `changes` and `new_date` are asked from the person who
 * sends the announcement when they are not known.
 */
export const TEMPLATE_VARIABLES = [
  /** The authority's name. */
  'organisation',
  /** The e-service's name in the message's language, e.g. "Luvat ja valvonta". */
  'service',
  /** The rollout's name. */
  'rollout',
  /** The current phase's name. */
  'phase',
  'next_phase',
  /** Go-live date. */
  'date',
  /** Contact person. */
  'contact',
  'reason',
  /** What changes. */
  'changes',
  'new_date',
  /** Multi-line progress summary generated from live state ("Selvitä ▰▰▰▱▱ 60 %"). */
  'progress',
  /** Multi-line list of the next open tasks, generated. */
  'next_steps',
  /** Number of open tasks. */
  'open_count',
  /** Name of the rollout lead. */
  'lead',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** One message template of a playbook's communication plan. */
export interface MessageTemplate {
  /** Kebab-case, unique in the set, e.g. `deploy-start`, `golive-coming`. */
  key: string;
  situation: Situation;
  /** Phase key; absent = applies to every phase (a generic fallback). */
  phase?: string;
  /** Target role keys (non-empty); announcements go to these roles' channels. */
  roles: string[];
  /** Required variables: missing ones are asked for, never rendered blank. */
  variables: string[];
  /** Optional variables: a line containing a missing optional variable is left out. */
  optional?: string[];
  /** fi/sv/en with `{{variable}}` placeholders; may contain `\n` line breaks. */
  text: LocalizedText;
}

/** The message templates of one playbook. */
export interface TemplateSet {
  /** Playbook id. */
  playbook: string;
  templates: MessageTemplate[];
}

/** A placeholder as rendering reads it: `{{name}}`, lower-case letters and `_`, no spaces. */
export const PLACEHOLDER_PATTERN = /\{\{([a-z_]+)\}\}/g;

/** Variable names used as placeholders in a text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1]))];
}
