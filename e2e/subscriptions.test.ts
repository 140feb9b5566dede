import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { unsubscribeToken } from '../src/modules/subscriptions/subscriptions.service.ts';
import { JOURNEY_MODES, checkPage, newContext, signIn, submit, useAppAndBrowser, visit } from './browser.ts';

/**
 * Following demands: a saved search from the list, a theme from the preferences page (with the
 * error when nothing is chosen), the mail period, and the digest's unsubscribe link opened without
 * signing in. JavaScript off (`JOURNEY_MODES`); axe and 320 px on every page.
 */
for (const javaScriptEnabled of JOURNEY_MODES) {
  describe(`demand alerts (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    const env = useAppAndBrowser();

    it('subscribes to a search and a theme, picks a period, and unsubscribes by the link', { timeout: 240_000 }, async () => {
      const user = await buildUser(env.app.db);
      const page = await signIn(env.app, env.browser, user, javaScriptEnabled);
      await visit(env.app, page, `/demands?q=${encodeURIComponent('휠체어')}`);
      await submit(page, '이 검색 조건 구독하기');
      await page.locator('.subscription-list span', { hasText: '검색: 휠체어' }).waitFor();

      await submit(page, '구독하기');
      assert.match(await page.locator('.error-summary').innerText(), /하나 이상 고르세요/);
      await page.locator('[id="f-theme"]').selectOption({ label: '복지' });
      await submit(page, '구독하기');
      await page.locator('.subscription-list span', { hasText: '주제: 복지' }).waitFor();

      await page.locator('label[for="period-daily"]').click(); // KRDS draws the radio under its label
      await submit(page, '주기 저장');
      assert.ok(await page.getByLabel('하루에 한 번').isChecked());

      const anonymous = await (await newContext(env.browser, javaScriptEnabled)).newPage();
      await visit(env.app, anonymous, `/unsubscribe/${unsubscribeToken(env.app.config.sessionSecret, user.id)}`);
      await submit(anonymous, '메일 수신 거부');
      await anonymous.getByText('관심 수요 메일을 더 보내지 않습니다').waitFor();
      await visit(env.app, page, '/subscriptions');
      assert.ok(await page.getByLabel('메일 받지 않음 (사이트 알림만)').isChecked());
      await checkPage(page);
    });
  });
}
