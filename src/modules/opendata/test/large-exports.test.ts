import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { readSheet } from 'read-excel-file/node';
import { FEATURES } from '../../../config.ts';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { translator } from '../../../shared/i18n/index.ts';
import { ANONYMOUS } from '../../../shared/context.ts';
import { buildUser, ctxFor } from '../../accounts/test/builders.ts';
import { buildHistory } from '../../stats/test/builders.ts';
import { datasetsOf } from '../datasets.ts';

/** More demands than one page of an export (1,000), so that every file is made from several. */
const DEMANDS = 2345;

// Named by process, so that another test file's export running at the same time is not counted.
const exportDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`ieumteo-export-${process.pid}-`));

describe('exports larger than a page', () => {
  let t: TestApp;
  let operatorAgent: ReturnType<TestApp['agent']>;

  before(async () => {
    t = await buildTestApp();
    await buildHistory(t.db, { start: '2025-01-01', days: 300, registered: DEMANDS, replied: 1200, replierOrgs: 1200, concluded: 1100, publicPrivate: 500 });
    const operator = await buildUser(t.db, { role: 'operator' });
    operatorAgent = t.agent();
    await operatorAgent.login(operator.email, operator.password);
  });
  after(() => t.close());

  it('reads the large datasets a page at a time as their file is written, never as one list', async () => {
    const { public: offered, operator } = datasetsOf(new Set(FEATURES));
    const ctx = ctxFor(t.db, ANONYMOUS, t.clock);
    const reader = { t: translator('ko'), locale: 'ko' } as const;
    const large = [...offered, ...operator].filter((d) => ['demands', 'replies', 'cases', 'matches', 'proposals'].includes(d.name));
    assert.equal(large.length, 7);
    for (const dataset of large) {
      const { rows } = await dataset.load(ctx, {}, reader);
      assert.ok(!Array.isArray(rows) && Symbol.asyncIterator in rows, dataset.name);
    }
  });

  it('gives every row exactly once, in order, across pages: CSV, XLSX and the public files', async () => {
    const csv = (await operatorAgent.get('/admin/exports/demands?format=csv')).rawPayload.toString('utf8');
    const ids = csv.slice(1).trimEnd().split('\r\n').slice(1).map((line) => Number(line.split(',')[0]));
    assert.equal(ids.length, DEMANDS);
    assert.ok(ids.every((id, i) => i === 0 || id > ids[i - 1]!), 'ascending, so none twice');

    const before = exportDirs().length;
    const xlsx = await operatorAgent.get('/admin/exports/demands?format=xlsx');
    assert.equal(xlsx.statusCode, 200);
    const sheet = await readSheet(xlsx.rawPayload);
    assert.equal(sheet.length, DEMANDS + 1);
    assert.deepEqual(sheet.slice(1).map((row) => row[0]), ids);
    // Removed when the file's stream closes, just after the response ends.
    for (let wait = 0; exportDirs().length > before && wait < 50; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(exportDirs().length, before, 'the temporary workbook is removed once sent');

    const matches = (await operatorAgent.get('/admin/exports/matches?format=csv')).rawPayload.toString('utf8');
    assert.equal(matches.trimEnd().split('\r\n').length - 1, 1100);

    const json = JSON.parse((await t.agent().get('/open-data/demands.json')).body) as { records: { id: number }[] };
    assert.deepEqual(
      json.records.map((r) => r.id),
      ids,
    );
    const cases = (await t.agent().get('/open-data/cases.csv')).rawPayload.toString('utf8');
    assert.equal(cases.trimEnd().split('\r\n').length - 1, 1100);
  });

  it("removes the workbooks' folders a killed server left, and no other process's", async () => {
    const dead = path.join(tmpdir(), 'ieumteo-export-2147483646-killed');
    const living = path.join(tmpdir(), `ieumteo-export-${process.ppid}-running`);
    for (const dir of [dead, living]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'export.xlsx'), 'half a workbook');
    }
    try {
      assert.equal((await operatorAgent.get('/admin/exports/demands?format=xlsx')).statusCode, 200);
      assert.equal(existsSync(dead), false);
      assert.equal(existsSync(living), true);
    } finally {
      rmSync(dead, { recursive: true, force: true });
      rmSync(living, { recursive: true, force: true });
    }
  });
});
