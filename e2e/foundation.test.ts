import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { checkPage, newContext, submit, useAppAndBrowser, visit as visitPage } from './browser.ts';

/**
 * The foundation's promise, walked in a real browser: a visitor signs up, confirms the address from
 * the link an operator finds in the outbox, registers an organisation and asks for verification;
 * the operator verifies it and the badge shows in the directory. Every page is checked with axe
 * and at 320 px; the journey runs with JavaScript on and off.
 */
for (const javaScriptEnabled of [true, false]) {
  describe(`foundation journey (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    const env = useAppAndBrowser();

    const visit = (page: Page, path: string) => visitPage(env.app, page, path);

    it('takes a new organisation from sign-up to a verified badge', { timeout: 240_000 }, async () => {
      const operator = await buildUser(env.app.db, { role: 'operator', email: `operator-${javaScriptEnabled}@demo.kr` });
      const visitor = await (await newContext(env.browser, javaScriptEnabled)).newPage();
      const staff = await (await newContext(env.browser, javaScriptEnabled)).newPage();
      const email = `visitor-${javaScriptEnabled}@example.go.kr`;
      const orgName = javaScriptEnabled ? '순천만 생태학교' : '태백 광산문화연구소';

      await visit(visitor, '/');
      assert.equal(await visitor.locator('html').getAttribute('lang'), 'ko');
      await visitor.getByRole('link', { name: '회원가입' }).click();
      await checkPage(visitor);
      // A mistake first: the form comes back with the message and what was typed.
      await visitor.getByLabel('이메일').fill(email);
      await visitor.getByLabel('이름').fill('정다운');
      await visitor.getByLabel('비밀번호', { exact: false }).first().fill('password1');
      await visitor.getByLabel('비밀번호 확인').fill('password1');
      await submit(visitor, '가입하기');
      await assert.doesNotReject(visitor.getByText('비밀번호는 10자 이상이어야 합니다.').first().waitFor());
      assert.equal(await visitor.getByLabel('이메일').inputValue(), email);
      await visitor.getByLabel('비밀번호', { exact: false }).first().fill('a-very-good-password');
      await visitor.getByLabel('비밀번호 확인').fill('a-very-good-password');
      await submit(visitor, '가입하기');
      await visitor.getByRole('heading', { name: '가입 확인 메일을 보냈습니다' }).waitFor();

      // The operator reads the confirmation mail in the outbox (no SMTP server in the demo).
      await visit(staff, '/login');
      await staff.getByLabel('이메일').fill(operator.email);
      await staff.getByLabel('비밀번호').fill(operator.password);
      await submit(staff, '로그인');
      await visit(staff, '/admin/outbox');
      await staff.getByRole('link', { name: '[이음터] 이메일 주소를 확인해 주세요' }).first().click();
      await checkPage(staff);
      const link = await staff.locator('.mail-body a').first().getAttribute('href');
      assert.ok(link);

      await visit(visitor, new URL(link).pathname + new URL(link).search);
      await visitor.getByText('이메일 주소가 확인되었습니다').waitFor();
      await visit(visitor, '/login');
      await visitor.getByLabel('이메일').fill(email);
      await visitor.getByLabel('비밀번호').fill('a-very-good-password');
      await submit(visitor, '로그인');

      await visit(visitor, '/orgs/new');
      await visitor.getByLabel('기관명').fill(orgName);
      await visitor.getByLabel('기관 유형').selectOption({ label: '민간단체·협회' });
      await visitor.getByLabel('지역').selectOption({ label: '전라남도 순천시' });
      await visitor.getByLabel('기관 소개').fill('습지 생태 교육과 탐방 해설을 하는 비영리 단체입니다.');
      // KRDS draws the checkbox on its label, as a person sees it.
      await visitor.getByText('교육·연수 운영', { exact: true }).click();
      await visitor.getByText('자원봉사 인력', { exact: true }).click();
      assert.equal(await visitor.getByLabel('자원봉사 인력').isChecked(), true);
      await submit(visitor, '기관 등록하기');
      await visitor.getByRole('heading', { name: orgName }).waitFor();
      await submit(visitor, '운영자 검증 요청');
      await visitor.getByText('검증을 요청했습니다').waitFor();
      await visit(visitor, '/account');

      await visit(staff, '/admin');
      await staff.getByText(/검증을 기다리는 기관이 \d+곳 있습니다/).waitFor();
      const card = staff.locator('.card', { hasText: orgName });
      await Promise.all([staff.waitForLoadState('load'), card.getByRole('button', { name: '검증 승인' }).click()]);
      await checkPage(staff);
      await staff.getByText('기관을 검증했습니다').waitFor();

      await visit(visitor, `/orgs?q=${encodeURIComponent(orgName.slice(0, 2))}`);
      const listed = visitor.locator('.card', { hasText: orgName });
      await listed.getByText('검증 기관').waitFor();
      await listed.getByRole('link', { name: orgName }).click();
      await checkPage(visitor);

      for (const path of ['/about/accessibility', '/about/privacy', '/about/operator', '/password/forgot', '/no-such-page']) {
        await visitor.goto(env.app.url + path);
        await checkPage(visitor);
      }
      for (const path of ['/admin/capabilities', '/admin/themes', '/admin/regions', '/admin/users', '/admin/users?role=operator&q=operator', '/admin/audit', '/account', '/lang/en?next=/orgs']) await visit(staff, path);
      assert.equal(await staff.locator('html').getAttribute('lang'), 'en');
    });
  });
}
