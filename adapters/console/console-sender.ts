import { unmarked } from '../../src/comms/given-values';
import type { MessageSender, OutgoingMessage, SendResult } from '../../src/ports/message-sender.port';

/** Longest line an edit of the living status message prints. */
const EDIT_LINE_MAX = 160;

/**
 * Delivers announcements to console channels (`#viestinta` in the terminal) by printing them,
 * so the whole communication flow can be tried without Slack or Teams.
 */
export class ConsoleSender implements MessageSender {
  readonly platform = 'console' as const;
  readonly minIntervalMs = 0;
  /** A reminder for a person is printed with their name, like a direct message. */
  readonly directMessages = true;
  private sequence = 0;

  constructor(private readonly output: { write(text: string): unknown }) {}

  async post(message: OutgoingMessage): Promise<SendResult> {
    const to = message.kind === 'reminder' ? `✉ @${message.channel.slice(message.channel.indexOf(':') + 1)}` : `📣 ${channelName(message)}`;
    this.output.write(`${to}\n${unmarked(message.text)}\n\n`);
    return { ok: true, messageId: `console-${++this.sequence}` };
  }

  /**
   * An edit of the living status message, which changes with every task: one line with its
   * heading and the current phase's progress, instead of the whole message again.
   */
  async update(message: OutgoingMessage & { messageId: string }): Promise<SendResult> {
    this.output.write(`✎ ${channelName(message)} ${editSummary(unmarked(message.text))}\n\n`);
    return { ok: true, messageId: message.messageId };
  }
}

function channelName(message: OutgoingMessage): string {
  return `#${message.channel.slice(message.channel.indexOf(':') + 1)}`;
}

/** The first line of the message and its current-phase line (`▶ Selvitä ▰▰▱… 22 %`), shortened to one line. */
export function editSummary(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const current = lines.find((l) => l.startsWith('▶'));
  const summary = [lines[0] ?? '', ...(current && current !== lines[0] ? [current] : [])].join(' · ');
  return summary.length > EDIT_LINE_MAX ? `${summary.slice(0, EDIT_LINE_MAX - 1)}…` : summary;
}
