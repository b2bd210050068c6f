import type { Writable } from 'node:stream';
import { unmarked } from '../../src/comms/given-values';
import type { MessageSender, OutgoingMessage, SendResult } from '../../src/ports/message-sender.port';

/**
 * Delivers announcements to console channels (`#viestinta` in the terminal) by printing them,
 * so the whole communication flow can be tried without Slack or Teams.
 */
export class ConsoleSender implements MessageSender {
  readonly platform = 'console' as const;
  readonly minIntervalMs = 0;
  private sequence = 0;

  constructor(private readonly output: Writable) {}

  async post(message: OutgoingMessage): Promise<SendResult> {
    this.print('📣', message);
    return { ok: true, messageId: `console-${++this.sequence}` };
  }

  async update(message: OutgoingMessage & { messageId: string }): Promise<SendResult> {
    this.print('✎', message);
    return { ok: true, messageId: message.messageId };
  }

  private print(mark: string, message: OutgoingMessage): void {
    const channel = `#${message.channel.slice(message.channel.indexOf(':') + 1)}`;
    this.output.write(`${mark} ${channel}\n${unmarked(message.text)}\n\n`);
  }
}
