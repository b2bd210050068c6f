import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StartupError } from '../../src/core/startup-error';
import { firstMalformedLine, loadEnvFile } from '../../src/env-file';

describe('.env lines', () => {
  it('accepts assignments, comments, blank lines and quoted values over several lines', () => {
    expect(firstMalformedLine('# comment\n\nPORT=3000\nexport DEFAULT_LOCALE=sv\nA = "x y" # note\nB="one\ntwo"\nC=\n')).toBeUndefined();
  });

  it('names the first line that is not an assignment', () => {
    expect(firstMalformedLine('PORT=3000\nDEFAULT_LOCALE: sv\nLOG_LEVEL info\n')).toBe(2);
    expect(firstMalformedLine('A="still open\nstill\n"\n=novalue\n')).toBe(4);
  });
});

describe('loading .env', () => {
  const saved = { ...process.env };
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'env-file-test-'))));
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it('adds what the environment does not have, and the environment wins', () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, 'ENV_FILE_TEST_NEW=from-file\nENV_FILE_TEST_SET=from-file\n');
    process.env.ENV_FILE_TEST_SET = 'from-environment';
    expect(loadEnvFile(file)).toBe(true);
    expect(process.env.ENV_FILE_TEST_NEW).toBe('from-file');
    expect(process.env.ENV_FILE_TEST_SET).toBe('from-environment');
  });

  it('is fine without a file, and refuses an unreadable one in one line', () => {
    expect(loadEnvFile(path.join(dir, '.env'))).toBe(false);
    fs.mkdirSync(path.join(dir, 'folder.env'));
    expect(() => loadEnvFile(path.join(dir, 'folder.env'))).toThrow(StartupError);
    expect(() => loadEnvFile(path.join(dir, 'folder.env'))).toThrow(/^Cannot read .*folder\.env \(EISDIR\): make it a readable file of NAME=value lines, or remove it\.$/);
  });
});
