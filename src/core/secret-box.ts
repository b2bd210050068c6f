import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Marks a sealed value: `v1.<key id>.<iv>.<tag>.<ciphertext>`, base64url parts. */
const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;

/**
 * Reads an AES-256 key given as 64 hex digits or as base64 of 32 bytes (`openssl rand -base64 32`).
 * Undefined when the text is neither.
 */
export function parseKey(text: string): Buffer | undefined {
  const t = text.trim();
  if (/^[0-9a-f]{64}$/i.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(t)) {
    const key = Buffer.from(t, 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  return undefined;
}

/** Which key sealed a value, without saying anything about the key. */
function keyId(key: Buffer): string {
  return createHash('sha256').update('rollout-bot secret key id').update(key).digest('base64url').slice(0, 8);
}

export interface Opened {
  plain: string;
  /** Sealed with an older key: seal it again with the current one. */
  stale: boolean;
}

/**
 * Encrypts secrets at rest (AES-256-GCM, a fresh 96-bit IV per value, authenticated). Values
 * sealed with a previous key still open, flagged `stale`, so that a key can be rotated: the new
 * key becomes current, the old one previous, and each value is sealed again when next read.
 */
export class SecretBox {
  private readonly current: { id: string; key: Buffer };
  private readonly keys: Map<string, Buffer>;

  constructor(current: Buffer, previous: Buffer[] = []) {
    for (const k of [current, ...previous]) if (k.length !== KEY_BYTES) throw new Error(`An encryption key must be ${KEY_BYTES} bytes.`);
    this.current = { id: keyId(current), key: current };
    this.keys = new Map([...previous.map((k): [string, Buffer] => [keyId(k), k]), [this.current.id, current]]);
  }

  static isSealed(value: string): boolean {
    return value.startsWith(`${VERSION}.`);
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, this.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  /** Decrypts a sealed value; throws when no known key sealed it or it was tampered with. */
  open(sealed: string): Opened {
    const [version, id, iv, tag, data] = sealed.split('.');
    const key = this.keys.get(id ?? '');
    if (version !== VERSION || data === undefined) throw new Error('not a sealed value');
    if (!key) throw new Error('sealed with a key that is neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    return { plain, stale: id !== this.current.id };
  }
}
