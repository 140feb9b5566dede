import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';

const run = promisify(execFile);
const redocly = path.resolve(import.meta.dirname, '../../../../node_modules/.bin/redocly');

describe('the OpenAPI document', () => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await buildTestApp();
    dir = await mkdtemp(path.join(tmpdir(), 'ieumteo-openapi-'));
  });
  after(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('passes the Redocly linter’s recommended rules with no error', async () => {
    const file = path.join(dir, 'openapi.json');
    await writeFile(file, (await t.app.inject('/api/v1/openapi.json')).body);
    const { stdout, stderr } = await run(redocly, ['lint', '--format=stylish', file], { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }).catch((error: { stdout: string; stderr: string }) => {
      assert.fail(`redocly lint failed:\n${error.stdout}\n${error.stderr}`);
    });
    assert.doesNotMatch(stdout + stderr, /\berror\b/i);
  });
});
