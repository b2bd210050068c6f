import { parse } from 'csv-parse/sync';
import { ANNA } from '../slack/slack-harness';
import { linksIn, messageText, WebHarness } from './web-harness';

const BEA = 'U0BEA0002';
const ADA = 'U0ADA0003';
const HOSTILE = `<img src=x onerror="alert(1)"> "quoted" & 'single' <script>alert(2)</script>`;

describe('web dashboard over real HTTP', () => {
  let h: WebHarness;
  beforeEach(async () => {
    h = await WebHarness.start();
  });
  afterEach(async () => {
    await h.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers, redirect: 'manual' });

  it('gives a signed link that opens the overview with strict headers, and a tampered one gets 403 saying how to get a new link', async () => {
    await h.ask('init Kotikunta');
    const answer = await h.ask('dashboard');
    const [link] = linksIn(answer);
    expect(link).toMatch(new RegExp(`^${h.origin}/dashboard/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}/$`));
    const page = await get(link, { 'Accept-Language': 'sv-FI,sv;q=0.9' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft",
    );
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const body = await page.text();
    expect(body).toContain('<html lang="sv">');
    expect(body).toContain('Kotikunta');
    expect(body).toContain('Fas 1: Utred');

    const token = link.split('/')[4];
    const [payload, sig] = token.split('.');
    const forged = Buffer.from(Buffer.from(payload, 'base64url').toString().replace(/"exp":\d+/, '"exp":99999999999999')).toString('base64url');
    // An unknown page of a good link: 404, and its links stay inside the dashboard.
    const missing = await get(`${link}phase/..%2F..%2Fslack%2Fevents`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(`/phase/..%2F..%2Fslack%2Fevents?lang=`);

    for (const bad of [`${forged}.${sig}`, `${payload}.${sig.slice(0, -2)}AA`, 'nonsense']) {
      const denied = await get(`${h.origin}/dashboard/${bad}/?lang=fi`);
      expect(denied.status).toBe(403);
      const text = await denied.text();
      expect(text).toContain('Tämä linkki ei toimi');
      expect(text).toContain('/rollout kojelauta');
      expect(text).not.toContain('Kotikunta');
    }
  });

  it('stops every earlier link when the lead revokes, records it, and refuses anyone else', async () => {
    await h.ask('init Kotikunta');
    const [old] = linksIn(await h.ask('dashboard'));
    expect(messageText(await h.ask('dashboard revoke', { user: BEA }))).toContain('Only the rollout lead');
    expect((await get(old)).status).toBe(200);
    expect(messageText(await h.ask('dashboard revoke'))).toContain('no longer opens');
    const denied = await get(old, { 'Accept-Language': 'en' });
    expect(denied.status).toBe(403);
    expect(await denied.text()).toContain('This link has been revoked');
    const [fresh] = linksIn(await h.ask('dashboard'));
    expect((await get(fresh)).status).toBe(200);
    const [rollout] = await h.bot.deps.store.listRollouts('slack:T0ROLLOUT');
    const { events } = await h.bot.deps.store.auditEvents(rollout.id, { types: ['rollout.setting'] });
    expect(events[0]).toMatchObject({ actor: `slack:${ANNA}`, subject: 'dashboard_revoked_before' });
    expect(messageText(await h.ask('log 1'))).toContain('dashboard links revoked before');
  });

  it('gives export links to the checklist and the audit trail as CSV and JSON, which stop with a revocation', async () => {
    await h.ask('init Kotikunta');
    await h.ask('done 1 -- sovittu');
    const links = linksIn(await h.ask('export'));
    expect(links.map((l) => l.split('/').slice(-2).join('/'))).toEqual(['export/checklist.csv', 'export/checklist.json', 'export/audit.csv', 'export/audit.json']);
    const [checklistCsv, checklistJson, auditCsv, auditJson] = await Promise.all(links.map((l) => get(`${l}?lang=en`)));
    expect(checklistCsv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(checklistCsv.headers.get('content-disposition')).toMatch(/^attachment; filename="checklist.csv"/);
    const csvRows = parse(Buffer.from(await checklistCsv.arrayBuffer()), { bom: true, delimiter: ';' }) as string[][];
    const json = (await checklistJson.json()) as { kind: string; rows: Array<{ task: string; status: string; note: string }> };
    expect(json.kind).toBe('checklist');
    expect(csvRows.length - 1).toBe(json.rows.length);
    expect(json.rows.find((r) => r.task === 'investigate-scope')).toMatchObject({ status: 'done', note: 'sovittu' });
    const auditRows = parse(Buffer.from(await auditCsv.arrayBuffer()), { bom: true, delimiter: ';' }) as string[][];
    const audit = (await auditJson.json()) as { rows: Array<{ type: string }> };
    expect(auditRows.length - 1).toBe(audit.rows.length);
    expect(audit.rows.map((r) => r.type)).toEqual(['rollout.create', 'role.add', 'channel.bind', 'task.set']);
    expect((await get(`${links[0].replace(/checklist\.csv$/, 'secrets.csv')}`)).status).toBe(404);

    await h.ask('dashboard revoke');
    for (const link of links) expect((await get(link)).status).toBe(403);
  });

  it('gives the portfolio only to leads and, in Slack, workspace admins', async () => {
    await h.ask('init Kotikunta');
    expect(messageText(await h.ask('dashboard portfolio', { user: BEA }))).toContain('Only rollout leads, and in Slack the workspace');
    h.fake.users.set(ADA, { name: 'Ada Admin', admin: true });
    expect(linksIn(await h.ask('dashboard portfolio', { user: ADA }))).toHaveLength(1);
    const [link] = linksIn(await h.ask('dashboard portfolio'));
    const body = await (await get(link, { 'Accept-Language': 'fi' })).text();
    expect(body).toContain('Työtilassa on 1 käyttöönotto');
    expect(body).toContain('Kotikunta');
    // The portfolio token does not open a rollout's pages.
    expect((await get(`${link}audit`)).status).toBe(404);
  });

  it('renders notes, reasons and names with HTML, script and quotes as text', async () => {
    await h.ask('init Kotikunta');
    // Slack delivers < > & in typed text as entities; the adapter decodes them.
    const typed = HOSTILE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(messageText(await h.ask(`done 1 -- ${typed}`))).toContain('is done');
    expect(messageText(await h.ask(`skip 2.1 reason ${typed}`))).toContain('not applicable');
    expect(messageText(await h.ask(`assign 4.1 <@${ANNA}>`))).toContain('assigned');
    const [link] = linksIn(await h.ask('dashboard'));
    // A display name from the platform, as users.info could give it.
    await h.bot.deps.store.rememberUserName(`slack:${ANNA}`, HOSTILE);
    for (const page of ['phase/investigate', 'audit', '']) {
      const body = await (await get(`${link}${page}`)).text();
      expect(body).toContain('Kotikunta');
      expect(body).not.toContain('<img src=x');
      expect(body).not.toContain('<script>alert');
      // Preact escapes < & and " in text; > and ' are harmless there.
      expect(body).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;> &quot;quoted&quot; &amp; \'single\' &lt;script>alert(2)&lt;/script>');
    }
  });
});

describe('without PUBLIC_URL', () => {
  it('says the dashboard is not available instead of giving a wrong link', async () => {
    const h = await WebHarness.start({ publicUrl: false });
    try {
      await h.ask('init Kotikunta');
      for (const command of ['dashboard', 'export']) {
        const text = messageText(await h.ask(command));
        expect(text).toContain('The web dashboard is not available');
        expect(linksIn(await h.ask(command))).toEqual([]);
      }
      expect(messageText(await h.ask('lang fi'))).toBeTruthy();
      expect(messageText(await h.ask('kojelauta'))).toContain('Verkkokojelauta ei ole käytettävissä');
    } finally {
      await h.close();
    }
  });
});
