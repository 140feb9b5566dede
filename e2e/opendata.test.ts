import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { JOURNEY_MODES, checkPage, newContext, signIn, useAppAndBrowser, visit } from './browser.ts';

/** Clicks what starts a download and reads the file the browser saved. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; data: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), data: await readFile((await file.path())!) };
}

/**
 * Open data for anyone (from the footer: the page, its schema, a CSV) and exports for an operator
 * (an XLSX of the demands, the statistics of a period), JavaScript off (`JOURNEY_MODES`); axe on each page.
 */
for (const javaScriptEnabled of JOURNEY_MODES) {
  describe(`open data and exports (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    const env = useAppAndBrowser();

    it('lets anyone download published demands and an operator export them as XLSX', { timeout: 180_000 }, async () => {
      const demand = await buildDemand(env.app.db, { title: '탐방객 휠체어 기증 받습니다', summary: '문의 010-2222-3333' });
      const page = await (await newContext(env.browser, javaScriptEnabled)).newPage();
      await visit(env.app, page, '/');
      await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: '공공데이터', exact: true }).click()]);
      await checkPage(page);
      await page.getByRole('table', { name: '협업 수요 항목 설명' }).getByRole('rowheader', { name: 'published_at' }).waitFor();
      const csv = await download(page, () => page.getByRole('link', { name: '협업 수요 CSV 내려받기' }).click());
      assert.match(csv.name, /^ieumteo-demands-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = csv.data.toString('utf8');
      assert.ok(text.startsWith('\uFEFFid,title,'));
      assert.match(text, new RegExp(`${demand.id},탐방객 휠체어 기증 받습니다,문의 \\[전화번호 가림\\]`));

      const operator = await buildUser(env.app.db, { role: 'operator' });
      const staff = await signIn(env.app, env.browser, operator, javaScriptEnabled);
      await visit(env.app, staff, '/admin');
      await Promise.all([staff.waitForLoadState('load'), staff.getByRole('link', { name: '자료 내보내기' }).click()]);
      await checkPage(staff);
      const xlsx = await download(staff, () => staff.getByRole('link', { name: '협업 수요 XLSX 내려받기' }).click());
      const rows = await readSheet(xlsx.data);
      assert.equal(rows[1]![1], '탐방객 휠체어 기증 받습니다');
      assert.ok(rows[0]!.includes('담당자 이메일'));

      await staff.getByLabel('시작일').fill('2026-01-01');
      await staff.getByLabel('종료일').fill('2026-12-31');
      await staff.getByLabel('형식').selectOption('csv');
      const stats = await download(staff, () => staff.getByRole('button', { name: '이 기간의 통계 내려받기' }).click());
      assert.match(stats.data.toString('utf8'), /한눈에 보기,등록된 수요과제,,1\r\n/);
    });
  });
}
