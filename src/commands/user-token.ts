import type { Platform } from '../core/request';

/**
 * A user named in a command. Adapters rewrite their platform's mentions to `<@NATIVEID>`
 * (Slack sends `<@U123|name>` itself); the console takes `@name`. Returns a platform-qualified id.
 */
export function parseUserToken(platform: Platform, token: string): string | undefined {
  const mention = /^<@([^>|\s]{1,200})(?:\|[^>]*)?>$/.exec(token);
  const id = mention ? mention[1] : /^@([\p{L}\p{N}._-]{1,80})$/u.exec(token)?.[1];
  return id ? `${platform}:${id}` : undefined;
}
