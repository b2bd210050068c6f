import type { BotFile } from '../../src/core/request';

/**
 * How a bot hands a file to a person in Teams: it cannot attach one to a message in personal
 * chat, so it asks first with a file consent card (name, size, description). When the person
 * accepts, Teams creates an upload session in their OneDrive and sends the bot an invoke
 * `fileConsent/invoke` with `uploadInfo.uploadUrl`; the bot PUTs the bytes there and then shows
 * the saved file with a file info card.
 */
export const FILE_CONSENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_TYPE = 'application/vnd.microsoft.teams.card.file.info';
export const FILE_CONSENT_INVOKE = 'fileConsent/invoke';

/** Longest wait for OneDrive to take the upload. */
const UPLOAD_TIMEOUT_MS = 30_000;

/** What Teams sends back when the person accepted: where to upload and what the saved file is. */
export interface UploadInfo {
  uploadUrl: string;
  contentUrl: string;
  name: string;
  uniqueId?: string;
  fileType?: string;
}

export type ConsentAnswer = { action: 'accept'; upload?: UploadInfo } | { action: 'decline' };

/** The consent card for a file. */
export function consentAttachment(file: BotFile) {
  const context = { file: file.name };
  return {
    contentType: FILE_CONSENT_TYPE,
    name: file.name,
    content: { description: file.title, sizeInBytes: Buffer.byteLength(file.content, 'utf8'), acceptContext: context, declineContext: context },
  };
}

/** The card that shows the file saved in OneDrive. */
export function fileInfoAttachment(upload: UploadInfo) {
  return {
    contentType: FILE_INFO_TYPE,
    contentUrl: upload.contentUrl,
    name: upload.name,
    content: { ...(upload.uniqueId ? { uniqueId: upload.uniqueId } : {}), ...(upload.fileType ? { fileType: upload.fileType } : {}) },
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The invoke's value. `undefined` when it is not a consent answer at all; an accept whose upload
 * details are missing or unusable comes back without `upload` (the person is told it failed).
 */
export function readConsent(value: unknown): ConsentAnswer | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as { action?: unknown; uploadInfo?: Record<string, unknown> };
  if (v.action === 'decline') return { action: 'decline' };
  if (v.action !== 'accept') return undefined;
  const info = v.uploadInfo && typeof v.uploadInfo === 'object' ? v.uploadInfo : {};
  const uploadUrl = str(info.uploadUrl);
  const contentUrl = str(info.contentUrl);
  const name = str(info.name);
  if (!uploadUrl || !contentUrl || !name || !isUploadUrl(uploadUrl)) return { action: 'accept' };
  return { action: 'accept', upload: { uploadUrl, contentUrl, name, ...(str(info.uniqueId) ? { uniqueId: str(info.uniqueId) } : {}), ...(str(info.fileType) ? { fileType: str(info.fileType) } : {}) } };
}

/** OneDrive upload sessions are HTTPS; plain HTTP only to this machine (local tools and tests). */
function isUploadUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

/** PUTs the whole file into the upload session in one range, as OneDrive's resumable upload takes it; throws unless 2xx. */
export async function uploadFile(uploadUrl: string, content: string): Promise<void> {
  const bytes = Buffer.from(content, 'utf8');
  const res = await fetch(uploadUrl, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length), 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
    body: bytes,
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`The upload to OneDrive answered ${res.status}`);
}
