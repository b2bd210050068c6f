import type { Platform } from '../core/request';

/**
 * A user named in a command. Adapters rewrite their platform's mentions to `<@NATIVEID>`
 * (Slack sends `<@U123|name>` itself); the console takes `@name`. Returns a platform-qualified id.
 */
export function parseUserToken(platform: Platform, token: string): string | undefined {
  return parseUserMention(platform, token)?.id;
}

/** The user and, when the mention carries one (`<@U123|bertil>`, `@bertil`), how to call them. */
export function parseUserMention(platform: Platform, token: string): { id: string; label?: string } | undefined {
  const mention = /^<@([^>|\s]{1,200})(?:\|([^>]{1,80}))?>$/.exec(token);
  if (mention) return { id: `${platform}:${mention[1]}`, ...(mention[2] ? { label: mention[2] } : {}) };
  const plain = /^@([\p{L}\p{N}._-]{1,80})$/u.exec(token)?.[1];
  return plain ? { id: `${platform}:${plain}`, label: plain } : undefined;
}

/** How a user is shown in a sentence: their name when known, else their platform id. */
export function displayUser(id: string, names: Record<string, string>): string {
  return names[id] ?? id.slice(id.indexOf(':') + 1);
}
