import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildHistory } from '../src/modules/stats/test/builders.ts';
import { JOURNEY_MODES, checkPage, newContext, signIn, submit, useAppAndBrowser, visit } from './browser.ts';

/** On a 320 px phone every table of figures fits its region: no number waits behind a sideways scroll. */
async function assertFiguresInSight(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 720 });
  const scrolling = await page.locator('.table-scroll').evaluateAll((regions) => regions.filter((r) => r.scrollWidth > r.clientWidth).map((r) => r.getAttribute('aria-label')));
  assert.deepEqual(scrolling, []);
  if (viewport) await page.setViewportSize(viewport);
}

/**
 * /stats for a visitor and an operator over a history shaped like the original platform's first 200
 * days: the figures, each chart with its table, a period picked in the form and one refused.
 */
for (const javaScriptEnabled of JOURNEY_MODES) {
  describe(`statistics (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    const env = useAppAndBrowser();

    it('shows a period’s figures, charts with their tables, and the operator view', { timeout: 180_000 }, async () => {
      await buildHistory(env.app.db, { start: '2026-03-01', days: 200, registered: 372, replied: 108, replierOrgs: 262, concluded: 65, publicPrivate: 37 });
      const page = await (await newContext(env.browser, javaScriptEnabled)).newPage();
      await visit(env.app, page, '/');
      await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: '통계', exact: true }).click()]);
      await checkPage(page);
      await page.getByRole('heading', { name: '협업 통계', level: 1 }).waitFor();

      await page.getByLabel('시작일').fill('2026-03-01');
      await page.getByLabel('종료일').fill('2026-09-16');
      await submit(page, '조회');
      const figure = (label: string) => page.locator('.stat', { hasText: label }).locator('dd').first().innerText();
      assert.equal(await figure('등록된 수요과제'), '372건');
      assert.equal(await figure('답글을 받은 수요과제'), '108건');
      assert.equal(await figure('답글을 남긴 기관'), '262곳');
      assert.equal(await figure('성사된 협업'), '65건');
      assert.equal(await figure('공공-민간 협업 비율'), '56.9%');
      await page.getByText('성사 65건 중 37건').waitFor();

      // Every chart is a picture with a name, followed by a table of the same figures.
      const charts = page.locator('figure.chart');
      assert.equal(await charts.count(), 5);
      for (const chart of await charts.all()) {
        assert.equal(await chart.locator('svg[role="img"]').count(), 1);
        assert.ok((await chart.locator('table tbody tr').count()) > 0);
      }
      const funnel = page.locator('figure.chart', { hasText: '단계별 흐름' });
      assert.equal(await funnel.getByRole('row', { name: /성사된 협업/ }).getByRole('cell').innerText(), '65');
      await assertFiguresInSight(page);

      // A period that ends before it starts: the message beside the field, the dates kept.
      await page.getByLabel('시작일').fill('2026-09-16');
      await page.getByLabel('종료일').fill('2026-03-01');
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '조회', exact: true }).click()]);
      await checkPage(page);
      await page.locator('[id="f-to"]').locator('..').locator('..').getByText('종료일은 시작일과 같거나 그 뒤여야 합니다.').waitFor();
      assert.equal(await page.getByLabel('시작일').inputValue(), '2026-09-16');

      const operator = await buildUser(env.app.db, { role: 'operator' });
      const staff = await signIn(env.app, env.browser, operator, javaScriptEnabled);
      await visit(env.app, staff, '/stats?from=2026-03-01&to=2026-09-16');
      await staff.getByRole('heading', { name: '운영자 보기' }).waitFor();
      assert.equal(await staff.locator('.stat', { hasText: '답글 수 (철회 포함)' }).locator('dd').innerText(), '262');
      await assertFiguresInSight(staff);
    });
  });
}
