import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { renderMessage } from '../../adapters/slack/render-block-kit';
import { renderCard } from '../../adapters/teams/render-adaptive-card';
import { Translations } from '../../src/i18n/i18n';
import { slackPage } from '../../tools/screenshots/block-kit-html';
import { CHROMIUM, launchChromium } from '../../tools/chromium';
import { shootCard, shootSlack } from '../../tools/screenshots/run';
import { checklist } from '../adapters/teams/support/views';

/**
 * `npm run screenshots` draws cards with the official Adaptive Cards renderer in Chromium. This
 * draws one Teams card and one Slack message the same way, so a broken tool shows up in CI (which
 * installs Chromium); without Chromium it fails saying how to install it.
 */
describe('screenshots', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-shots-'));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`draws a Teams card and a Slack message to PNG files (Chromium at ${CHROMIUM})`, async () => {
    const t = new Translations().t('fi');
    const page = await browser.newPage();
    const card = await shootCard(page, renderCard([checklist()], t), path.join(dir, 'teams.png'));
    const message = renderMessage([checklist()], t);
    const slack = await shootSlack(page, slackPage(message.blocks, 'message'), message.blocks, path.join(dir, 'slack.png'));
    for (const shot of [card, slack]) {
      expect(fs.readFileSync(shot.file).subarray(1, 4).toString()).toBe('PNG');
      expect(shot.height).toBeGreaterThan(100);
    }
    // The official renderer understood every element: no "unknown element" warnings.
    expect(card.warnings).toBeUndefined();
  }, 60_000);
});
