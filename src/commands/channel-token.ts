import { isLocale, type Locale } from '../core/locale';
import type { Platform } from '../core/request';

const HERE = ['here', 'tässä', 'tänne', 'här', 'hit'];

/**
 * A channel named in a command: Slack sends `<#C0777|name>` (escaping on), the console takes
 * `#name`, and `here` means the channel the command was typed in (the way to do it in Teams).
 */
export function parseChannelToken(platform: Platform, token: string, current: string): { id: string; name?: string } | undefined {
  if (HERE.includes(token.toLowerCase())) return { id: current };
  const slack = /^<#([A-Z0-9]{2,30})(?:\|([^>]{0,80}))?>$/.exec(token);
  if (slack) return { id: `${platform}:${slack[1]}`, ...(slack[2] ? { name: slack[2] } : {}) };
  const plain = /^#([\p{L}\p{N}._-]{1,80})$/u.exec(token);
  return plain ? { id: `${platform}:${plain[1]}`, name: plain[1] } : undefined;
}

/** `fi`, `sv`, `en`, or two for a bilingual channel: `fi+sv`, `fi,sv`, `fi/sv`. */
export function parseLocales(token: string): Locale[] | undefined {
  const parts = token.toLowerCase().split(/[+,/]/);
  if (parts.length > 2 || !parts.every(isLocale) || new Set(parts).size !== parts.length) return undefined;
  return parts as Locale[];
}
