// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20; no token is checked here.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline: no signing keys')) }));

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startTeamsHarness } from './support/teams-harness';

const MAIN = path.join(__dirname, '../../../dist/adapters/main.js');

/** Runs `node dist/adapters/main.js` with this environment until it exits (at most 10 s). */
async function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does).`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-local-'));
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATABASE_URL: path.join(dir, 'rollout.db'), LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  fs.rmSync(dir, { recursive: true, force: true });
  return { code, stderr };
}

/** An IPv4 address of this machine other than loopback, if it has one. */
function outsideAddress(): string | undefined {
  return Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

describe('Teams without credentials (TEAMS_ENABLED=1)', () => {
  it.each(['production', 'prod', 'production ', 'Production', 'staging'])(
    'refuses to start with NODE_ENV=%j, in one line naming what to set, without a stack trace',
    async (nodeEnv) => {
      const { code, stderr } = await runMain({ TEAMS_ENABLED: '1', NODE_ENV: nodeEnv });
      expect(code).toBe(1);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^TEAMS_ENABLED=1 .*NODE_ENV=development or NODE_ENV=test.*TEAMS_APP_ID and TEAMS_APP_PASSWORD/);
      expect(stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('listens on 127.0.0.1 only', async () => {
    const h = await startTeamsHarness({});
    try {
      expect(h.server.address).toBe('127.0.0.1');
      expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
      const outside = outsideAddress();
      if (outside) {
        const reached = await new Promise<boolean>((resolve) => {
          const socket = net.connect({ host: outside, port: h.server.port, timeout: 2000 });
          socket.once('connect', () => { socket.destroy(); resolve(true); });
          socket.once('error', () => resolve(false));
          socket.once('timeout', () => { socket.destroy(); resolve(false); });
        });
        expect(reached).toBe(false);
      }
    } finally {
      await h.close();
    }
  });

  it('listens on every interface when Teams is authenticated', async () => {
    const h = await startTeamsHarness({ credentials: { appId: 'a0000000-0000-4000-8000-000000000001', appPassword: 'x' } });
    try {
      expect(h.server.address).toBe('0.0.0.0');
    } finally {
      await h.close();
    }
  });
});
