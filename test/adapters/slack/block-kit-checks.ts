/** Checks on rendered Block Kit that unit and end-to-end tests share. */

type Json = unknown;

interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
}

/** Every text object anywhere in a payload (blocks, buttons, modal fields), with its JSON path. */
export function textObjects(node: Json, path = '$'): Array<TextObject & { path: string }> {
  const found: Array<TextObject & { path: string }> = [];
  if (Array.isArray(node)) {
    node.forEach((child, i) => found.push(...textObjects(child, `${path}[${i}]`)));
  } else if (node && typeof node === 'object') {
    const obj = node as Record<string, Json>;
    if ((obj.type === 'plain_text' || obj.type === 'mrkdwn') && typeof obj.text === 'string') {
      found.push({ type: obj.type, text: obj.text, path });
    }
    for (const [key, child] of Object.entries(obj)) found.push(...textObjects(child, `${path}.${key}`));
  }
  return found;
}

/** What Slack would parse as mrkdwn: mrkdwn text objects plus a message's top-level `text`. */
export function mrkdwnStrings(message: { text?: string; blocks?: Json }): string[] {
  const texts = textObjects(message.blocks ?? []).filter((t) => t.type === 'mrkdwn').map((t) => t.text);
  return typeof message.text === 'string' ? [message.text, ...texts] : texts;
}

/** Control sequences that should only ever come from the renderer itself. */
export function controlSequences(mrkdwn: string): string[] {
  return mrkdwn.match(/<[^>]*>/g) ?? [];
}

interface Element {
  type?: string;
  action_id?: string;
  value?: string;
  text?: { text?: string };
  options?: unknown[];
}

/** The Block Kit limits we promise to respect; returns what breaks them (empty when fine). */
export function limitViolations(blocks: Array<Record<string, unknown>>, maxBlocks = 50): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks > ${maxBlocks}`);
  const actionIds = new Set<string>();
  for (const t of textObjects(blocks)) {
    if (t.text.length > 3000) problems.push(`${t.path}: text of ${t.text.length} chars`);
    if (t.text.length === 0) problems.push(`${t.path}: empty text`);
  }
  for (const block of blocks) {
    if (block.type === 'header' && ((block.text as TextObject).text.length > 150)) problems.push('header over 150 chars');
    const elements: Element[] = [
      ...((block.elements as Element[] | undefined) ?? []),
      ...(block.accessory ? [block.accessory as Element] : []),
    ];
    if (block.type === 'context' && elements.length > 10) problems.push('context with more than 10 elements');
    if (block.type === 'actions' && elements.length > 25) problems.push('actions with more than 25 elements');
    for (const el of elements) {
      if (el.type === 'button') {
        if ((el.text?.text ?? '').length > 75) problems.push(`button text over 75: ${el.text?.text}`);
        if ((el.value ?? '').length > 2000) problems.push('button value over 2000');
      }
      if (el.type === 'checkboxes' && (el.options ?? []).length > 10) problems.push('checkbox group over 10 options');
      if (el.action_id) {
        if (actionIds.has(el.action_id)) problems.push(`duplicate action_id ${el.action_id}`);
        actionIds.add(el.action_id);
      }
    }
  }
  return problems;
}

/** The values of every button in some blocks, decoded from JSON. */
export function buttons(blocks: Json): Array<{ actionId: string; label: string; value: Record<string, unknown> }> {
  const found: Array<{ actionId: string; label: string; value: Record<string, unknown> }> = [];
  const visit = (node: Json) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, Json>;
      if (obj.type === 'button' && typeof obj.value === 'string') {
        found.push({ actionId: String(obj.action_id), label: String((obj.text as TextObject).text), value: JSON.parse(obj.value) });
      }
      Object.values(obj).forEach(visit);
    }
  };
  visit(blocks);
  return found;
}
