import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/project-root';

export type TeamsTheme = 'light' | 'dark';

/** Teams' host configuration for a theme, kept beside this tool. */
export function teamsHostConfig(theme: TeamsTheme): Record<string, unknown> {
  const file = path.join(projectRoot(), 'tools', 'screenshots', `teams-host-config.${theme}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** The official renderer's browser bundle (`adaptivecards` on npm). */
export function adaptiveCardsBundle(): string {
  return require.resolve('adaptivecards/dist/adaptivecards.min.js');
}

/**
 * An empty page in Teams' colours and a chat-like width, where `renderInPage` puts the card.
 * Buttons get Teams' look (the renderer leaves them to the host's CSS).
 */
export function teamsPage(theme: TeamsTheme): string {
  const dark = theme === 'dark';
  const css = `
body { margin: 0; background: ${dark ? '#1f1f1f' : '#f5f5f5'}; font-family: 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif; }
#shot { width: 640px; margin: 12px; border-radius: 6px; overflow: hidden; box-shadow: 0 1px 2px rgba(0,0,0,.2); }
.ac-pushButton { font-family: inherit; font-size: 14px; font-weight: 600; padding: 5px 12px; min-height: 32px; border-radius: 4px;
  border: 1px solid ${dark ? '#605e5c' : '#e1dfdd'}; background: ${dark ? '#292828' : '#fff'}; color: ${dark ? '#fff' : '#252424'}; cursor: pointer; }
.ac-pushButton.style-positive { background: ${dark ? '#a6a7dc' : '#6264a7'}; color: ${dark ? '#201f1f' : '#fff'}; border-color: transparent; }
.ac-pushButton.expanded { background: ${dark ? '#3b3a39' : '#edebe9'}; }
.ac-input { font-family: inherit; font-size: 14px; } .ac-textInput, .ac-multichoiceInput { border: 1px solid #8a8886; border-radius: 4px; padding: 5px 8px; }
.ac-textInput.ac-multiline { height: 64px; } .ac-toggleInput input { width: 16px; height: 16px; margin: 2px 6px 0 0; }
`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body><div id="shot"></div></body></html>`;
}

/** Runs in the browser: renders `card` with the host config into `#shot`; returns warnings of the renderer. */
export function renderInPage([card, hostConfig]: [unknown, unknown]): string[] {
  const AC = (globalThis as unknown as { AdaptiveCards: any }).AdaptiveCards; // eslint-disable-line @typescript-eslint/no-explicit-any
  const adaptive = new AC.AdaptiveCard();
  adaptive.hostConfig = new AC.HostConfig(hostConfig);
  const errors: Array<{ message: string }> = [];
  const context = new AC.SerializationContext();
  adaptive.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) errors.push(context.getEventAt(i));
  const element = adaptive.render();
  const shot = (globalThis as unknown as { document: { getElementById(id: string): { appendChild(e: unknown): void } } }).document.getElementById('shot');
  shot.appendChild(element);
  return errors.map((e) => e.message);
}
