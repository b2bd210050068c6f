// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20 (plain Node can); the
// unauthenticated local mode used here never fetches signing keys.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline: no signing keys')) }));

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { LEENA, channelMessage, nextId, personalMessage } from './support/activities';
import { startTeamsHarness, type TeamsHarness } from './support/teams-harness';
import { texts } from './support/views';

/** A local stand-in for a OneDrive upload session: records every request, answers as told. */
class FakeUploadSession {
  readonly requests: Array<{ method: string; path: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  status = 201;
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(this.status, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'onedrive-item-1' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

let h: TeamsHarness;
let onedrive: FakeUploadSession;
const where = () => ({ serviceUrl: h.connector.url });

beforeAll(async () => {
  h = await startTeamsHarness({});
  onedrive = await new FakeUploadSession().start();
  await h.post(personalMessage(LEENA, 'aloita Kotikunta', where()));
  await h.post(personalMessage(LEENA, 'valmis 1 -- rajaus sovittu', where()));
});
afterAll(async () => {
  await onedrive.stop();
  await h.close();
});

interface Attachment { contentType?: string; name?: string; contentUrl?: string; content?: Record<string, unknown> }
const attachments = (type: string): Attachment[] => h.connector.sent().flatMap((a) => (a.attachments ?? []) as Attachment[]).filter((x) => x.contentType === type);

/** The invoke Teams sends when the person answers the consent card. */
function consentAnswer(value: Record<string, unknown>, replyToId: string) {
  const base = personalMessage(LEENA, '', where());
  return { ...base, text: undefined, type: 'invoke', name: 'fileConsent/invoke', id: `f:${nextId()}`, replyToId, value };
}

async function askForData(): Promise<{ consent: Attachment; consentId: string }> {
  h.connector.clear();
  expect((await h.post(personalMessage(LEENA, 'omat tiedot', where()))).status).toBe(200);
  const [card] = h.connector.cards();
  expect(texts(card).join(' ')).toContain('Valitse alla olevasta kortista Salli');
  const [consent] = attachments('application/vnd.microsoft.teams.card.file.consent');
  const consentId = h.connector.calls.find((c) => JSON.stringify(c.body).includes('file.consent'))!.id!;
  return { consent, consentId };
}

describe('Teams: my data through the file consent flow', () => {
  it('declares that the bot sends files', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../manifest/teams/manifest.json'), 'utf8'));
    expect(manifest.bots[0].supportsFiles).toBe(true);
  });

  it('asks consent in personal chat; accepted, PUTs the export into the upload session and shows the file', async () => {
    const { consent, consentId } = await askForData();
    expect(consent.name).toMatch(/^rollout-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    expect(consent.content).toMatchObject({ description: 'Kaikki, mitä käyttöönottobotti on sinusta tallentanut', sizeInBytes: expect.any(Number) });

    h.connector.clear();
    const uploadInfo = {
      contentUrl: 'https://kotikunta-my.sharepoint.com/personal/leena/Documents/Applications/Rollout/rollout-my-data.json',
      name: 'rollout-my-data.json',
      uploadUrl: `${onedrive.url}/upload/session-1`,
      uniqueId: '1A2B3C4D-0000-4000-8000-00000000ABCD',
      fileType: 'json',
    };
    const res = await h.post(consentAnswer({ type: 'fileUpload', action: 'accept', context: { file: consent.name }, uploadInfo }, consentId));
    expect(res.status).toBe(200);

    expect(onedrive.requests).toHaveLength(1);
    const [put] = onedrive.requests;
    const size = Buffer.byteLength(put.body, 'utf8');
    expect(put).toMatchObject({ method: 'PUT', path: '/upload/session-1' });
    expect(size).toBe(consent.content!.sizeInBytes);
    expect(put.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
    expect(put.headers['content-length']).toBe(String(size));
    const data = JSON.parse(put.body);
    expect(data.person).toMatchObject({ id: `teams:${LEENA.id}`, name: LEENA.name });
    expect(data.roles).toEqual([expect.objectContaining({ rollout: 'Kotikunta', role: 'lead' })]);
    expect(data.tasks).toEqual([expect.objectContaining({ note: 'rajaus sovittu' })]);

    expect(attachments('application/vnd.microsoft.teams.card.file.info')).toEqual([
      { contentType: 'application/vnd.microsoft.teams.card.file.info', contentUrl: uploadInfo.contentUrl, name: uploadInfo.name, content: { uniqueId: uploadInfo.uniqueId, fileType: 'json' } },
    ]);
    // The consent card is gone, so it cannot be accepted twice.
    expect(h.connector.calls.filter((c) => c.operation === 'deleteActivity').map((c) => c.activityId)).toEqual([consentId]);
  });

  it('declined, uploads nothing and says how to ask again', async () => {
    const { consentId } = await askForData();
    onedrive.requests.length = 0;
    h.connector.clear();
    const res = await h.post(consentAnswer({ type: 'fileUpload', action: 'decline', context: {} }, consentId));
    expect(res.status).toBe(200);
    expect(onedrive.requests).toHaveLength(0);
    expect(h.connector.sent().map((a) => a.text)).toContain('Selvä, en lähettänyt tiedostoa. Voit pyytää sitä milloin tahansa uudelleen: "omat tiedot".');
  });

  it('tells the person when OneDrive refuses the upload or the upload details are unusable', async () => {
    const { consentId } = await askForData();
    const failed = 'En saanut tallennettua tiedostoa OneDriveesi. Yritä hetken päästä uudelleen: "omat tiedot".';
    onedrive.status = 500;
    h.connector.clear();
    const info = { contentUrl: 'https://x/y.json', name: 'y.json', uploadUrl: `${onedrive.url}/upload/session-2` };
    expect((await h.post(consentAnswer({ action: 'accept', uploadInfo: info }, consentId))).status).toBe(200);
    expect(h.connector.sent().map((a) => a.text)).toContain(failed);
    expect(attachments('application/vnd.microsoft.teams.card.file.info')).toEqual([]);
    onedrive.status = 201;

    // An upload URL elsewhere than HTTPS (or this machine) is never called.
    onedrive.requests.length = 0;
    h.connector.clear();
    expect((await h.post(consentAnswer({ action: 'accept', uploadInfo: { ...info, uploadUrl: 'http://169.254.169.254/latest' } }, consentId))).status).toBe(200);
    expect(h.connector.sent().map((a) => a.text)).toContain(failed);
    expect(onedrive.requests).toHaveLength(0);

    expect((await h.post(consentAnswer({ action: 'maybe' } as Record<string, unknown>, consentId))).status).toBe(400);
  });

  it('in a channel, sends no file and says to ask in personal chat', async () => {
    h.connector.clear();
    expect((await h.post(channelMessage(LEENA, 'my data', { ...where(), locale: 'en-US' }))).status).toBe(200);
    const [card] = h.connector.cards();
    expect(texts(card).join(' ')).toContain('I send your data only in our personal chat');
    expect(texts(card).join(' ')).not.toContain('rollout-my-data');
    expect(attachments('application/vnd.microsoft.teams.card.file.consent')).toEqual([]);
  });
});
