import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../chromium';
import { encodeAction } from '../../src/core/action-codec';
import { LOCALES, type Locale } from '../../src/core/locale';
import { Translations } from '../../src/i18n/i18n';
import { projectRoot } from '../../src/project-root';
import { renderCard, renderUpdateCard } from '../../adapters/teams/render-adaptive-card';
import { renderMessage } from '../../adapters/slack/render-block-kit';
import { renderHome } from '../../adapters/slack/render-home';
import { reasonModal } from '../../adapters/slack/render-modal';
import { taskText } from '../../adapters/slack/render-tasks';
import { adaptiveCardsBundle, renderInPage, teamsHostConfig, teamsPage, type TeamsTheme } from './adaptive-card-page';
import { slackPage } from './block-kit-html';
import { TEAMS_COMMS_CHANNEL, runScenario, type Shot } from './rollout-scenario';
import { withChannelNames } from '../../adapters/teams/channel-names';
import type { View } from '../../src/core/views';


export interface Measured {
  file: string;
  /** Height of the rendered card or message, px. */
  height: number;
  /** Size of the card JSON (Teams) or blocks JSON (Slack), bytes. */
  bytes: number;
  warnings?: string[];
}


async function shoot(page: Page, file: string): Promise<number> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const shot = page.locator('#shot');
  await shot.screenshot({ path: file });
  return (await shot.boundingBox())?.height ?? 0;
}

/** Renders one Adaptive Card with the official renderer in Teams' theme and saves a PNG. */
export async function shootCard(page: Page, card: unknown, file: string, theme: TeamsTheme = 'light', expand = false): Promise<Measured> {
  await page.setContent(teamsPage(theme));
  await page.addScriptTag({ path: adaptiveCardsBundle() });
  const warnings = await page.evaluate(renderInPage, [card, teamsHostConfig(theme)] as [unknown, unknown]);
  if (expand) {
    // Open the first show-card button (e.g. "Not applicable…"), to show what it asks.
    const button = page.locator('#shot button[aria-expanded]').first();
    if (await button.count()) await button.click();
  }
  const height = await shoot(page, file);
  return { file, height, bytes: Buffer.byteLength(JSON.stringify(card)), ...(warnings.length ? { warnings } : {}) };
}

export async function shootSlack(page: Page, html: string, blocks: unknown, file: string): Promise<Measured> {
  await page.setContent(html);
  const height = await shoot(page, file);
  return { file, height, bytes: Buffer.byteLength(JSON.stringify(blocks)) };
}

const TEAM_CHANNELS = new Map([[TEAMS_COMMS_CHANNEL.slice('teams:'.length), 'Viestintä']]);
const named = (view: View) => withChannelNames(view, TEAM_CHANNELS);

async function teamsShots(page: Page, locale: Locale, shots: Shot[], t: ReturnType<Translations['t']>, out: string): Promise<Measured[]> {
  const measured: Measured[] = [];
  for (const shot of shots) {
    // Channel names as the adapter shows them once the Bot Connector has listed the team's channels.
    const [views, update] = [shot.response.views.map(named), shot.response.update && named(shot.response.update)];
    const card = shot.surface === 'update' ? renderUpdateCard(views, update, t) : renderCard(views, t);
    measured.push(await shootCard(page, card, path.join(out, 'teams', locale, `${shot.name}.png`)));
    if (shot.name === 'checklist-deploy') {
      measured.push(await shootCard(page, card, path.join(out, 'teams', locale, `${shot.name}-dark.png`), 'dark'));
      measured.push(await shootCard(page, card, path.join(out, 'teams', locale, `${shot.name}-menu.png`), 'light', true));
    }
    if (shot.name === 'gate-blocked') measured.push(await shootCard(page, card, path.join(out, 'teams', locale, `${shot.name}-dark.png`), 'dark'));
  }
  return measured;
}

async function slackShots(page: Page, locale: Locale, shots: Shot[], t: ReturnType<Translations['t']>, out: string): Promise<Measured[]> {
  const measured: Measured[] = [];
  const file = (name: string) => path.join(out, 'slack', locale, `${name}.png`);
  for (const shot of shots) {
    const { views, update } = shot.response;
    if (shot.surface === 'home') {
      const home = renderHome(views, t);
      measured.push(await shootSlack(page, slackPage(home.blocks, 'home'), home.blocks, file(shot.name)));
      continue;
    }
    const shown = shot.surface === 'update' && update ? [...views.filter((v) => v.kind === 'notice' || v.kind === 'error'), update] : views;
    const message = renderMessage(shown, t);
    measured.push(await shootSlack(page, slackPage(message.blocks, 'message'), message.blocks, file(shot.name)));
  }
  // The two modals: why a task does not apply, and why the lead advances past open tasks.
  const checklist = shots.find((s) => s.name === 'checklist-deploy')?.response.views.find((v) => v.kind === 'checklist');
  const task = checklist?.kind === 'checklist' ? checklist.tasks.find((x) => x.status === 'open' && !x.hasChildren) : undefined;
  for (const kind of ['skip', 'override'] as const) {
    const action = { name: kind === 'skip' ? 'skip' as const : 'advance' as const, rolloutId: 'r', ...(task && kind === 'skip' ? { task: task.key } : {}) };
    const modal = reasonModal(kind, t, { value: encodeAction(action) }, kind === 'skip' && task ? taskText(task, t) : undefined);
    const extra = { title: modal.title.text, submit: modal.submit?.text, close: modal.close?.text };
    measured.push(await shootSlack(page, slackPage(modal.blocks, 'modal', extra), modal.blocks, file(`modal-${kind}`)));
  }
  return measured;
}

/** Renders every view of the scenario, Teams and Slack, in fi, sv and en, into `out`. */
export async function renderAll(out: string, locales: readonly Locale[] = LOCALES): Promise<Measured[]> {
  const translations = new Translations();
  const browser = await launchChromium();
  const measured: Measured[] = [];
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const locale of locales) {
      const t = translations.t(locale);
      measured.push(...await teamsShots(page, locale, await runScenario('teams', locale), t, out));
      measured.push(...await slackShots(page, locale, await runScenario('slack', locale), t, out));
    }
  } finally {
    await browser.close();
  }
  return measured;
}

async function main(): Promise<void> {
  const out = path.join(projectRoot(), 'build', 'screenshots');
  fs.rmSync(out, { recursive: true, force: true });
  const measured = await renderAll(out);
  const summary = measured.map((m) => ({ ...m, file: path.relative(out, m.file) }));
  fs.writeFileSync(path.join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  for (const m of summary) {
    process.stdout.write(`${m.file.padEnd(46)} ${String(Math.round(m.height)).padStart(5)} px ${String(m.bytes).padStart(7)} B${m.warnings ? `  ${m.warnings.join('; ')}` : ''}\n`);
  }
  process.stdout.write(`${summary.length} pictures in ${path.relative(process.cwd(), out) || out}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
