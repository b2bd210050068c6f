/**
 * A small approximation of how Slack lays out Block Kit, enough to judge reading order, density
 * and wording: headers, sections with mrkdwn and an accessory button, context lines, dividers,
 * action rows, inputs (modals). Not Slack's exact pixels.
 */

const EMOJI: Record<string, string> = {
  white_check_mark: '✅', white_large_square: '⬜', heavy_minus_sign: '➖', small_blue_diamond: '🔹', memo: '📝',
  speech_balloon: '💬', no_entry: '⛔', large_green_circle: '🟢', warning: '⚠️', x: '❌', bulb: '💡',
  information_source: 'ℹ️', arrow_forward: '▶️', tada: '🎉', calendar: '📅', mega: '📣', rotating_light: '🚨',
};

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Slack mrkdwn (already escaped for Slack) to HTML: links, mentions, dates, bold, italic, strike, code, quotes, emoji. */
export function mrkdwnToHtml(source: string): string {
  const lines = source.split('\n').map((line) => {
    const quoted = line.startsWith('>');
    let html = (quoted ? line.slice(1) : line)
      // Slack's own escapes first become the characters they stand for, then HTML escapes.
      .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `\uE000#${name ?? id.toLowerCase()}\uE001`)
      .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `\uE000@${name ?? id}\uE001`)
      .replace(/<!date\^\d+\^[^|]*\|([^>]*)>/g, '$1')
      .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    html = escapeHtml(html)
      .replace(/\uE000([^\uE001]*)\uE001/g, '<span class="mention">$1</span>')
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1<b>$2</b>')
      .replace(/(^|[\s(])_([^_\n]+)_/g, '$1<i>$2</i>')
      .replace(/(^|[\s(])~([^~\n]+)~/g, '$1<s>$2</s>')
      .replace(/:([a-z0-9_+-]+):/g, (m, name: string) => EMOJI[name] ?? m);
    return quoted ? `<div class="quote">${html || '&nbsp;'}</div>` : html;
  });
  return lines.join('<br>').replace(/<br>(<div class="quote">)/g, '$1').replace(/(<\/div>)<br>/g, '$1');
}

type Text = { type: string; text: string };
type Element = { type: string; text?: Text; style?: string; placeholder?: Text; multiline?: boolean; options?: Array<{ text: Text }> };

function textHtml(text: Text | undefined): string {
  if (!text) return '';
  return text.type === 'mrkdwn' ? mrkdwnToHtml(text.text) : escapeHtml(text.text);
}

function elementHtml(element: Element): string {
  if (element.type === 'button') return `<span class="button ${element.style ?? ''}">${textHtml(element.text)}</span>`;
  if (element.type === 'plain_text_input') {
    return `<div class="input${element.multiline ? ' multi' : ''}">${textHtml(element.placeholder)}</div>`;
  }
  if (element.type === 'checkboxes') return (element.options ?? []).map((o) => `<div class="check">☐ ${textHtml(o.text)}</div>`).join('');
  if (element.type === 'mrkdwn' || element.type === 'plain_text') return `<span>${textHtml(element as unknown as Text)}</span>`;
  return `<span class="button">${escapeHtml(element.type)}</span>`;
}

export function blockHtml(block: unknown): string {
  const b = block as { type: string; text?: Text; accessory?: Element; elements?: Element[]; fields?: Text[]; label?: Text; element?: Element };
  switch (b.type) {
    case 'header':
      return `<div class="header">${textHtml(b.text)}</div>`;
    case 'divider':
      return '<hr>';
    case 'context':
      return `<div class="context">${(b.elements ?? []).map(elementHtml).join(' ')}</div>`;
    case 'actions':
      return `<div class="actions">${(b.elements ?? []).map(elementHtml).join('')}</div>`;
    case 'input':
      return `<div class="field"><div class="label">${textHtml(b.label)}</div>${b.element ? elementHtml(b.element) : ''}</div>`;
    case 'section': {
      const accessory = b.accessory ? `<div class="accessory">${elementHtml(b.accessory)}</div>` : '';
      const fields = b.fields ? `<div class="fields">${b.fields.map((f) => `<div>${textHtml(f)}</div>`).join('')}</div>` : '';
      return `<div class="section"><div class="body">${textHtml(b.text)}${fields}</div>${accessory}</div>`;
    }
    default:
      return `<div class="context">[${escapeHtml(b.type)}]</div>`;
  }
}

const CSS = `
body { margin: 0; background: #fff; font-family: Lato, 'Noto Sans', 'DejaVu Sans', sans-serif; font-size: 15px; color: #1d1c1d; }
.frame { width: 640px; padding: 12px 20px 16px; box-sizing: border-box; }
.frame.modal { width: 520px; border: 1px solid #ddd; border-radius: 8px; margin: 8px; }
.author { display: flex; gap: 8px; align-items: baseline; margin-bottom: 4px; }
.author b { font-size: 15px; } .author span { color: #616061; font-size: 12px; }
.header { font-size: 18px; font-weight: 900; margin: 8px 0 4px; }
.section { display: flex; gap: 12px; margin: 6px 0; line-height: 1.45; }
.section .body { flex: 1; } .accessory { flex: none; }
.context { color: #616061; font-size: 13px; margin: 4px 0; line-height: 1.4; }
hr { border: none; border-top: 1px solid #ddd; margin: 10px 0; }
.actions { display: flex; gap: 8px; margin: 6px 0 10px; flex-wrap: wrap; }
.button { display: inline-block; border: 1px solid #ccc; border-radius: 4px; padding: 3px 12px; font-weight: 700; font-size: 14px; background: #fff; }
.button.primary { background: #007a5a; color: #fff; border-color: #007a5a; }
.button.danger { background: #e01e5a; color: #fff; border-color: #e01e5a; }
code { background: #f6f6f6; border: 1px solid #ddd; border-radius: 3px; color: #e01e5a; font-size: 12px; padding: 0 3px; }
.quote { border-left: 4px solid #ddd; padding-left: 10px; }
.mention { background: #e8f5fa; color: #1264a3; border-radius: 3px; padding: 0 2px; }
.field .label { font-weight: 700; margin: 8px 0 4px; }
.input { border: 1px solid #868686; border-radius: 4px; padding: 8px; color: #868686; } .input.multi { height: 60px; }
.modal-title { font-size: 20px; font-weight: 900; margin-bottom: 8px; }
.modal-buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 16px; }
`;

/** A whole page: a message as the bot's post, the App Home tab, or a modal. */
export function slackPage(blocks: readonly unknown[], kind: 'message' | 'home' | 'modal', extra: { title?: string; submit?: string; close?: string } = {}): string {
  const body = blocks.map(blockHtml).join('\n');
  let inner: string;
  if (kind === 'modal') {
    const buttons = `<div class="modal-buttons"><span class="button">${escapeHtml(extra.close ?? '')}</span><span class="button primary">${escapeHtml(extra.submit ?? '')}</span></div>`;
    inner = `<div class="frame modal" id="shot"><div class="modal-title">${escapeHtml(extra.title ?? '')}</div>${body}${buttons}</div>`;
  } else {
    const author = kind === 'message' ? '<div class="author"><b>Rollout</b><span>APP 09:30</span></div>' : '';
    inner = `<div class="frame" id="shot">${author}${body}</div>`;
  }
  return `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body>${inner}</body></html>`;
}
