import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DataDirLockedError } from '../src/db/data-dir-lock.ts';
import { copyDemoTemplate, DEMO_STAMP, DEMO_TEMPLATE_FRESH_MS } from '../src/seed/demo-template.ts';

const MADE_AT = new Date('2026-03-03T01:00:00Z');
const BASE_URL = 'http://localhost:3000';

/** A demo template as `make-demo-template.ts` leaves it: a database folder, an attachment and the stamp. */
function template(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ieumteo-demo-template-'));
  mkdirSync(path.join(dir, 'pgdata', 'base'), { recursive: true });
  writeFileSync(path.join(dir, 'pgdata', 'PG_VERSION'), '17\n');
  writeFileSync(path.join(dir, 'pgdata', 'base', 'table'), 'rows');
  mkdirSync(path.join(dir, 'files', 'ab'), { recursive: true });
  writeFileSync(path.join(dir, 'files', 'ab', 'key'), 'attachment');
  writeFileSync(path.join(dir, DEMO_STAMP), JSON.stringify({ madeAt: MADE_AT.toISOString(), baseUrl: BASE_URL }));
  return dir;
}

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'ieumteo-demo-copy-'));
const later = (ms: number) => new Date(MADE_AT.getTime() + ms);

describe('the demo made ahead by npm ci', () => {
  it('is copied into a new data folder within a day, database and attachments, nothing half-made left', () => {
    const source = template();
    const config = { dataDir: dataDir(), baseUrl: BASE_URL, clockStart: undefined };
    assert.equal(copyDemoTemplate(config, later(DEMO_TEMPLATE_FRESH_MS), source), true);
    assert.equal(readFileSync(path.join(config.dataDir, 'pgdata', 'base', 'table'), 'utf8'), 'rows');
    assert.equal(readFileSync(path.join(config.dataDir, 'files', 'ab', 'key'), 'utf8'), 'attachment');
    assert.deepEqual(readdirSync(config.dataDir).sort(), ['files', 'pgdata'], 'no stamp, no partial folder, the lock released');
    assert.equal(copyDemoTemplate(config, later(60_000), source), false, 'never over a database');
  });

  it('is not copied when its dates no longer fit, for another base URL, on a set clock, or when there is none', () => {
    const source = template();
    const config = { dataDir: dataDir(), baseUrl: BASE_URL, clockStart: undefined };
    assert.equal(copyDemoTemplate(config, later(DEMO_TEMPLATE_FRESH_MS + 1), source), false, 'older than a day');
    assert.equal(copyDemoTemplate(config, later(-1), source), false, 'made after now');
    assert.equal(copyDemoTemplate({ ...config, baseUrl: 'https://ieumteo.example.kr' }, later(1), source), false);
    assert.equal(copyDemoTemplate({ ...config, clockStart: later(1) }, later(1), source), false);
    assert.equal(copyDemoTemplate(config, later(1), path.join(source, 'missing')), false);
    assert.deepEqual(readdirSync(config.dataDir), [], 'nothing written');
    assert.ok(!existsSync(path.join(config.dataDir, 'ieumteo.lock')));
  });

  it('is not copied into a folder another live process holds', () => {
    const config = { dataDir: dataDir(), baseUrl: BASE_URL, clockStart: undefined };
    writeFileSync(path.join(config.dataDir, 'ieumteo.lock'), String(process.ppid));
    assert.throws(() => copyDemoTemplate(config, later(1), template()), DataDirLockedError);
    assert.ok(!existsSync(path.join(config.dataDir, 'pgdata')));
  });
});
