/**
 * Slack sends message and command text as mrkdwn: typed `&`, `<`, `>` arrive as entities and
 * mentions, channels and links arrive as `<...>` sequences. The core wants what the person meant:
 * user and channel mentions stay (`<@U123|name>`, `<#C123|name>` are how the core recognises
 * people and channels), every
 * other sequence becomes readable text, and entities are decoded. Renderers escape again on the
 * way out, so nothing typed here can turn into a live mention or link in a reply.
 */
export function slackTextToCore(text: string): string {
  const readable = text.replace(/<([^<>]*)>/g, (whole, inner: string) => {
    const [target, label] = splitLabel(inner);
    // Users and channels stay as Slack wrote them: the core reads `<@U123>` and `<#C123|name>`.
    if (target.startsWith('@') || target.startsWith('#')) return whole;
    if (target.startsWith('!subteam^')) return label ?? '@group';
    if (target.startsWith('!date^')) return label ?? '';
    if (target.startsWith('!')) return `@${label ?? target.slice(1)}`;
    if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
    return label && label !== target ? `${label} (${target})` : target;
  });
  return decodeEntities(readable).trim();
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

/** `&amp;` last, so that a typed `&lt;` (sent as `&amp;lt;`) stays `&lt;`. */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Removes the leading mention of the bot from an `app_mention` text. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const pattern = botUserId ? new RegExp(`^\\s*<@${escapeRegExp(botUserId)}(?:\\|[^>]*)?>[\\s:,]*`) : /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s:,]*/;
  return text.replace(pattern, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
