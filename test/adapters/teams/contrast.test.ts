import fs from 'node:fs';
import path from 'node:path';
import { renderCard } from '../../../adapters/teams/render-adaptive-card';
import type { View } from '../../../src/core/views';
import { checklist, en, gate, otherViews } from './support/views';

/**
 * Issue #15 Teams 4: every text a card shows keeps at least 4.5:1 (WCAG AA) against the card's
 * background in Teams' light and dark themes, with the colours of Teams' host configurations.
 */

type HostConfig = {
  containerStyles: Record<'default' | 'emphasis', { backgroundColor: string; foregroundColors: Record<string, { default: string; subtle: string }> }>;
};

function hostConfig(theme: 'light' | 'dark'): HostConfig {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '../../../tools/screenshots', `teams-host-config.${theme}.json`), 'utf8')) as HostConfig;
}

/** `#rrggbb` or `#aarrggbb` -> [r, g, b, a] with a in 0..1. */
function rgba(hex: string): [number, number, number, number] {
  const h = hex.replace('#', '');
  const [a, rest] = h.length === 8 ? [parseInt(h.slice(0, 2), 16) / 255, h.slice(2)] : [1, h];
  return [parseInt(rest.slice(0, 2), 16), parseInt(rest.slice(2, 4), 16), parseInt(rest.slice(4, 6), 16), a];
}

function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(foreground: string, background: string): number {
  const [br, bg, bb] = rgba(background);
  const [fr, fg, fb, fa] = rgba(foreground);
  const blended = [fr * fa + br * (1 - fa), fg * fa + bg * (1 - fa), fb * fa + bb * (1 - fa)];
  const [l1, l2] = [luminance(blended), luminance([br, bg, bb])].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

type Styled = { text: string; color: string; subtle: boolean; style: 'default' | 'emphasis' };

/** Every text of a card with its colour, subtlety and the container style it sits in. */
function styledTexts(node: unknown, style: Styled['style'] = 'default', out: Styled[] = []): Styled[] {
  if (Array.isArray(node)) for (const n of node) styledTexts(n, style, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const here = o.style === 'emphasis' && o.type === 'Container' ? 'emphasis' : style;
    if (o.type === 'TextRun') out.push({ text: String(o.text), color: String(o.color ?? 'Default').toLowerCase(), subtle: o.isSubtle === true, style: here });
    if (o.type === 'Input.Toggle') out.push({ text: String(o.title), color: 'default', subtle: false, style: here });
    for (const value of Object.values(o)) styledTexts(value, here, out);
  }
  return out;
}

const views: View[] = [
  checklist(), gate(), gate({ blockers: [] }), ...otherViews,
  { kind: 'notice', tone: 'warning', text: 'The date has come.' },
  { kind: 'notice', tone: 'info', text: 'Nothing queued.' },
  { kind: 'announcement', rolloutId: 'r', batch: 'b', title: 'T', targets: [], unmapped: ['Staff'], canSend: true, sent: false },
];

describe('Teams card contrast', () => {
  it('knows the colours the issue measured: Warning and Good fail on white, Default passes', () => {
    const light = hostConfig('light').containerStyles.default;
    expect(contrast(light.foregroundColors.warning.default, light.backgroundColor)).toBeLessThan(2);
    expect(contrast(light.foregroundColors.good.default, light.backgroundColor)).toBeLessThan(2.5);
    expect(contrast(light.foregroundColors.default.default, light.backgroundColor)).toBeGreaterThan(12);
  });

  it.each(['light', 'dark'] as const)('keeps every text at 4.5:1 or more in the %s theme', (theme) => {
    const config = hostConfig(theme);
    const texts = styledTexts(renderCard(views, en));
    expect(texts.length).toBeGreaterThan(50);
    const failing = texts
      .map((x) => {
        const container = config.containerStyles[x.style];
        const colours = container.foregroundColors[x.color];
        return { ...x, ratio: contrast(x.subtle ? colours.subtle : colours.default, container.backgroundColor) };
      })
      .filter((x) => x.ratio < 4.5);
    expect(failing).toEqual([]);
  });
});
