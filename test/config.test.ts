import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('settings', () => {
  it('give every process starting on a new data folder at the same moment the one session secret kept in it', async () => {
    for (let round = 0; round < 2; round++) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-secret-'));
      // Each process loads the module, then waits for the same instant, so that all look for the file at once.
      const at = Date.now() + 3_000;
      const read = `import('./src/config.ts').then((m) => { while (Date.now() < ${at}); console.log(m.loadConfig({ DATA_DIR: ${JSON.stringify(dataDir)} }).sessionSecret); })`;
      const secrets = await Promise.all(
        Array.from({ length: 4 }, async () => (await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', read], { cwd: ROOT })).stdout.trim()),
      );
      assert.equal(new Set(secrets).size, 1, `round ${round}: ${secrets.join(' ')}`);
      assert.equal(readFileSync(path.join(dataDir, 'session-secret'), 'utf8').trim(), secrets[0]);
      assert.deepEqual(readdirSync(dataDir), ['session-secret'], 'no one-process file left');
    }
  });
});
