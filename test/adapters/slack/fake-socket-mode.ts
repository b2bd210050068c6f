import crypto from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * The Slack end of a Socket Mode connection, small enough to read: the WebSocket handshake,
 * unmasked text frames out, masked frames in (text, ping, close). It greets with `hello` as
 * Slack does and records what the app sends back (the acks of envelopes).
 */
export class FakeSocketMode {
  readonly received: Array<Record<string, unknown>> = [];
  private socket?: Duplex;
  private buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];

  /** Attaches to an http server: upgrades on `path` become the Socket Mode connection. */
  attach(server: http.Server, path = '/socket'): void {
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => {
      if (!req.url?.startsWith(path)) return socket.destroy();
      const accept = crypto.createHash('sha1').update(`${req.headers['sec-websocket-key']}${WS_GUID}`).digest('base64');
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      this.socket = socket;
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('error', () => undefined);
      this.send({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0ROLLOUT1' } });
    });
  }

  get connected(): boolean {
    return Boolean(this.socket && !this.socket.destroyed);
  }

  /** Sends one JSON message as a text frame. */
  send(message: unknown): void {
    this.frame(0x1, Buffer.from(JSON.stringify(message)));
  }

  /** Waits until the app has sent a message matching `test`. */
  async waitFor(test: (m: Record<string, unknown>) => boolean, timeoutMs = 5000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`socket mode: nothing matching after ${timeoutMs} ms; got ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  private frame(opcode: number, payload: Buffer): void {
    if (!this.connected) return;
    const len = payload.length;
    const header = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536 ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff]) : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(len)]);
    this.socket!.write(Buffer.concat([header, payload]));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = this.buffer[0] & 0x0f;
      let len = this.buffer[1] & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (this.buffer.length < 4) return;
        len = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (this.buffer.length < 10) return;
        len = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const masked = (this.buffer[1] & 0x80) !== 0;
      const end = offset + (masked ? 4 : 0) + len;
      if (this.buffer.length < end) return;
      const mask = masked ? this.buffer.subarray(offset, offset + 4) : undefined;
      const payload = Buffer.from(this.buffer.subarray(end - len, end));
      if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
      this.buffer = this.buffer.subarray(end);
      this.onFrame(opcode, payload);
    }
  }

  private onFrame(opcode: number, payload: Buffer): void {
    if (opcode === 0x1) {
      this.received.push(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
      this.waiters.splice(0).forEach((wake) => wake());
    } else if (opcode === 0x9) {
      this.frame(0xa, payload);
    } else if (opcode === 0x8) {
      this.frame(0x8, payload);
      this.socket?.end();
    }
  }
}

function bigLength(len: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(len));
  return b;
}
