import type { Translate } from '../../src/i18n/i18n';

/** Commands that texts point to, by their English word. */
export type CommandName = 'status' | 'phase';

/**
 * A command as a Teams user types it, in the reader's language and without Markdown: `”tila”`
 * in Finnish, `”läge”` in Swedish, `“status”` in English (Teams shows backticks literally).
 */
export function commandText(t: Translate, command: CommandName, args = ''): string {
  const words = [t(`ui:cmd_${command}`), args].filter(Boolean).join(' ');
  return t('ui:command_quoted', { command: words });
}
