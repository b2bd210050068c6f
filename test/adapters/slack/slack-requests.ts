import crypto from 'node:crypto';

/** How a test request is signed: correctly by default, or deliberately wrong. */
export interface SignOptions {
  secret: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** `none`: no signature headers at all. */
  signature?: 'valid' | 'wrong' | 'none';
  retryNum?: number;
}

/** Slack's v0 request signature: HMAC-SHA256 over `v0:<timestamp>:<raw body>`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(body: string, contentType: string, options: SignOptions): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (options.signature !== 'none') {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = options.signature === 'wrong' ? slackSignature('not-the-secret', timestamp, body) : slackSignature(options.secret, timestamp, body);
  }
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return headers;
}

export interface SlackReply {
  status: number;
  body: string;
  /** Milliseconds until Slack would have had its acknowledgement. */
  ms: number;
  headers?: Record<string, string>;
}

async function post(url: string, body: string, contentType: string, options: SignOptions): Promise<SlackReply> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: signedHeaders(body, contentType, options), body });
  const text = await res.text();
  return { status: res.status, body: text, ms: performance.now() - started, headers: Object.fromEntries(res.headers.entries()) };
}

/** A slash command as Slack sends it: form-encoded fields. */
export function slashCommandBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export function postCommand(url: string, fields: Record<string, string>, options: SignOptions): Promise<SlackReply> {
  return post(url, slashCommandBody(fields), 'application/x-www-form-urlencoded', options);
}

/** An interaction (block_actions, view_submission): form-encoded with one `payload` field of JSON. */
export function postInteraction(url: string, payload: unknown, options: SignOptions): Promise<SlackReply> {
  return post(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
}

/** An Events API callback: JSON. */
export function postEvent(url: string, envelope: unknown, options: SignOptions): Promise<SlackReply> {
  return post(url, JSON.stringify(envelope), 'application/json', options);
}
