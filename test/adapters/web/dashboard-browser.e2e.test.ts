import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import playbook from '../../../src/playbooks/luvat-ja-valvonta.json';
import type { LOCALES } from '../../../src/core/locale';
import { launchChromium, linksReachedByKeyboard, wcagViolations } from './browser';
import { linksIn, WebHarness } from './web-harness';

type Lang = (typeof LOCALES)[number];
interface Task { key: string; title: Record<Lang, string>; children?: Task[] }
const flatten = (tasks: Task[]): Task[] => tasks.flatMap((t) => [t, ...flatten(t.children ?? [])]);
const goLive = flatten(playbook.phases.find((p) => p.key === 'deploy')!.tasks as Task[]);

jest.setTimeout(120_000);

describe('the dashboard in a real browser, opened from the link the bot gave in Slack', () => {
  let h: WebHarness;
  let browser: Browser;
  let link: string;
  let portfolio: string;
  const contexts: BrowserContext[] = [];

  const pageIn = async (locale: string): Promise<Page> => {
    const context = await browser.newContext({ locale, acceptDownloads: true, viewport: { width: 1100, height: 900 } });
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    browser = await launchChromium();
    h = await WebHarness.start();
    // Three weeks of work, a few tasks a day, for the burn-up chart.
    WebHarness.daysBehind = 21;
    await h.ask('init Kotikunta');
    await h.ask('set golive 1.3.2027');
    for (const [days, tasks] of [[18, ['2.1', '2.2']], [14, ['3', '4.1']], [9, ['4.2', '4.3', '4.4']], [4, ['5']]] as const) {
      WebHarness.daysBehind = days;
      for (const task of tasks) await h.ask(`done ${task}`);
    }
    WebHarness.daysBehind = 0;
    // As Slack delivers typed text: < and > as entities.
    await h.ask('done 1 -- Rajattu lupa- ja ilmoitusasiointeihin; "rajaus" &lt;hyväksytty&gt;');
    await h.ask('skip deploy:3.4 Valittu kevytasiointi, ei integraatiota');
    await h.ask('done deploy:1.1');
    link = linksIn(await h.ask('dashboard'))[0];
    portfolio = linksIn(await h.ask('dashboard portfolio'))[0];
  });

  afterAll(async () => {
    WebHarness.daysBehind = 0;
    for (const context of contexts) await context.close();
    await browser?.close();
    await h?.close();
  });

  it('shows all go-live items in Finnish, then in Swedish after the language switch, and follows every tab', async () => {
    const page = await pageIn('fi-FI');
    await page.goto(link);
    expect(await page.getAttribute('html', 'lang')).toBe('fi');
    await expect(page.locator('h1').textContent()).resolves.toBe('Yleiskuva');
    await page.getByRole('link', { name: 'Vaihe 5: Ota käyttöön' }).click();
    const rows = page.locator('table.checklist tbody tr');
    await expect(rows.count()).resolves.toBe(goLive.length);
    const finnish = await rows.locator('td:nth-child(2)').allTextContents();
    goLive.forEach((task, i) => expect(finnish[i]).toContain(task.title.fi));

    await page.getByRole('link', { name: 'På svenska' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    const swedish = await page.locator('table.checklist tbody tr td:nth-child(2)').allTextContents();
    expect(swedish).toHaveLength(goLive.length);
    goLive.forEach((task, i) => expect(swedish[i]).toContain(task.title.sv));
    // The conditional integration task says why it does not apply.
    expect(await page.locator('table.checklist tbody tr', { hasText: goLive.find((t) => t.key === 'deploy-integration')!.title.sv }).textContent()).toContain('Valittu kevytasiointi');

    for (const [tab, heading] of [['Händelselogg', 'Händelselogg'], ['Meddelanden', 'Meddelanden'], ['Checklista', 'Fas 1: Utred'], ['Översikt', 'Översikt']]) {
      await page.getByRole('navigation', { name: 'Översiktens sidor' }).getByRole('link', { name: tab }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe(heading);
      expect(await page.getAttribute('html', 'lang')).toBe('sv');
    }
  });

  it('downloads the checklist as a CSV that a CSV parser reads back row for row', async () => {
    const page = await pageIn('fi-FI');
    await page.goto(link);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tehtävälista CSV-tiedostona (Excel)' }).click()]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-csv-')), 'checklist.csv');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, delimiter: ';' }) as string[][];
    expect(rows[0]).toEqual(['Vaihe', 'Nro', 'Tehtävä', 'Tila', 'Vastuurooli', 'Vastuuhenkilö', 'Huomio', 'Perustelu', 'Ehto', 'Kuittaaja', 'Päivä', 'Kellonaika', 'Tehtävän tunnus']);
    const all = flatten(playbook.phases.flatMap((p) => p.tasks) as Task[]);
    expect(rows.slice(1).map((r) => r[12])).toEqual(all.map((t) => t.key));
    const first = rows.find((r) => r[12] === 'investigate-scope')!;
    expect(first.slice(0, 4)).toEqual(['Selvitä', '1', all[0].title.fi, 'valmis']);
    expect(first[6]).toBe('Rajattu lupa- ja ilmoitusasiointeihin; "rajaus" <hyväksytty>');
    expect(first[10]).toMatch(/^\d{1,2}\.\d{1,2}\.\d{4}$/);
  });

  it('answers a tampered link with 403 and a page saying how to get a new one', async () => {
    const page = await pageIn('sv-FI');
    const [origin, token] = link.split('/dashboard/');
    const tampered = `${origin}/dashboard/${token.replace(/\.(.)/, (_m, c: string) => `.${c === 'A' ? 'B' : 'A'}`)}`;
    const response = await page.goto(tampered);
    expect(response!.status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toBe('Länken fungerar inte');
    expect(await page.locator('main').textContent()).toContain('/rollout översikt');
  });

  const pages = () => [
    ['overview', link],
    ['checklist', `${link}phase/deploy`],
    ['audit', `${link}audit`],
    ['announcements', `${link}announcements`],
    ['portfolio', portfolio],
    ['403', link.replace(/.{4}\/$/, 'AAAA/')],
    ['tab configuration', `${h.origin}/dashboard/tab-config`],
  ];

  it.each(['fi', 'sv', 'en'])('has no WCAG 2.1 A or AA violations on any page in %s', async (lang) => {
    const page = await pageIn(lang);
    const found: Record<string, unknown> = {};
    for (const [name, url] of pages()) {
      await page.goto(`${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const violations = await wcagViolations(page);
      if (violations.length) found[name] = violations;
    }
    expect(found).toEqual({});
  });

  it('reaches every link with the keyboard alone', async () => {
    const page = await pageIn('fi-FI');
    for (const url of [link, `${link}phase/deploy`, `${link}audit`, portfolio]) {
      await page.goto(url);
      const all = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
      const reached = await linksReachedByKeyboard(page);
      expect(new Set(reached)).toEqual(new Set(all));
    }
  });

  it('serves the Teams tab configuration page with the Teams JS SDK from its own origin, checking the pasted link', async () => {
    const page = await pageIn('fi-FI');
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/.test(message.text())) blocked.push(message.text());
    });
    const scripts: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(response.status());
    });
    await page.goto(`${h.origin}/dashboard/tab-config`);
    expect(await page.evaluate<string>('typeof window.microsoftTeams.pages.config.setConfig')).toBe('function');
    expect(scripts).toEqual([200, 200]);
    const input = page.getByLabel('Kojelaudan linkki');
    await input.fill('https://evil.example/dashboard/x');
    await expect(page.locator('#link-error').textContent()).resolves.toContain('Tämä ei ole tämän palvelimen kojelaudan linkki');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await input.fill(link);
    await expect(page.locator('#link-error').textContent()).resolves.toBe('');
    expect(await input.getAttribute('aria-invalid')).toBe('false');
    expect(blocked).toEqual([]);
  });

  it('draws the burn-up with the same numbers as its table, and prints the overview without navigation', async () => {
    const page = await pageIn('en-GB');
    await page.goto(link);
    // Ten tasks were checked off over five days (see beforeAll); the table ends with them.
    const table = page.locator('figure.burnup table');
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(await table.locator('tbody tr').last().locator('td').first().textContent()).toBe('10');
    expect(await page.locator('#burnup-desc').textContent()).toMatch(/^10 of \d+ tasks done by /);
    expect(await page.locator('svg polyline.done').getAttribute('points')).toMatch(/^[\d.]+,[\d.]+( [\d.]+,[\d.]+)+$/);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.tabs').isVisible()).toBe(false);
    expect(await page.locator('nav.langs').isVisible()).toBe(false);
    expect(await page.locator('#exports-h').isVisible()).toBe(false);
    expect(await page.locator('#phases-h').isVisible()).toBe(true);
    expect(await page.locator('figure.burnup svg').isVisible()).toBe(true);
  });

  it('takes a small screenshot of the overview', async () => {
    const page = await pageIn('en-GB');
    await page.setViewportSize({ width: 1000, height: 1000 });
    await page.goto(link);
    const image = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 1000, height: 1000 } });
    expect(image.length).toBeLessThan(200_000);
    // The README's picture: written only when asked for, so test runs never change the checkout.
    if (process.env.DASHBOARD_SCREENSHOT) fs.writeFileSync(process.env.DASHBOARD_SCREENSHOT, image);
  });
});
