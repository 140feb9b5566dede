import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BuiltUser, buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { JOURNEY_MODES, follow, signIn as signInAs, submit, useAppAndBrowser, visit as visitPage } from './browser.ts';

/**
 * An expert review round end to end: the operator sets criteria, demands and two reviewers and
 * starts it; each reviewer declares conflicts, scores blind and sees the others only after
 * submitting; the operator reads the ranking and features the best demand, which the home page then
 * shows with its badge. JavaScript off (`JOURNEY_MODES`); axe on every page.
 */
for (const javaScriptEnabled of JOURNEY_MODES) {
  describe(`expert review round (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    const env = useAppAndBrowser();
    const suffix = javaScriptEnabled ? '가' : '나';
    const visit = (page: Page, path: string) => visitPage(env.app, page, path);
    const signIn = (user: BuiltUser) => signInAs(env.app, env.browser, user, javaScriptEnabled);

    it('assigns, takes declarations and blind scores, ranks, and features a demand on the home page', { timeout: 360_000 }, async () => {
      const db = env.app.db;
      await buildDemand(db, { title: `보훈병원 휠체어 나눔 ${suffix}` });
      await buildDemand(db, { title: `하천 쓰레기 줍기 ${suffix}` });
      const kim = await buildUser(db, { role: 'reviewer', name: `김심사 ${suffix}` });
      const lee = await buildUser(db, { role: 'reviewer', name: `이심사 ${suffix}` });
      const operator = await buildUser(db, { role: 'operator' });

      const staff = await signIn(operator);
      await visit(staff, '/admin');
      await follow(staff, '전문가 심사');
      await staff.getByLabel('회차 이름').fill(`2027 상반기 주요 협업이음터 과제 ${suffix}`);
      await submit(staff, '심사 회차 만들기');
      await staff.getByText('심사 회차를 만들었습니다.').waitFor();
      for (const [name, weight] of [
        ['협업 필요성', '60'],
        ['실현 가능성', '40'],
      ]) {
        await staff.getByLabel('기준 이름').fill(name!);
        await staff.getByLabel('가중치').fill(weight!);
        await submit(staff, '기준 추가');
      }
      await staff.getByText('협업 필요성 — 가중치 60 (60%)').waitFor();
      await staff.locator('label', { hasText: `보훈병원 휠체어 나눔 ${suffix}` }).click();
      await staff.locator('label', { hasText: `하천 쓰레기 줍기 ${suffix}` }).click();
      await submit(staff, '고른 대상 추가');
      for (const reviewer of [kim, lee]) {
        await staff.getByRole('combobox', { name: '심사위원' }).selectOption({ label: `${reviewer.name} (${reviewer.email})` });
        await submit(staff, '심사위원 위촉');
      }
      await submit(staff, '심사 시작');
      await staff.getByText('심사를 시작하고 심사위원에게 알렸습니다.').waitFor();
      const roundPath = new URL(staff.url()).pathname;

      // Kim scores the wheelchair demand high, and has a conflict with the other one.
      const kimPage = await signIn(kim);
      await follow(kimPage, '내 심사');
      await follow(kimPage, `2027 상반기 주요 협업이음터 과제 ${suffix}`);
      await follow(kimPage, `보훈병원 휠체어 나눔 ${suffix}`);
      await kimPage.locator('label', { hasText: '없습니다 (심사하겠습니다)' }).click();
      await submit(kimPage, '이해충돌 확인');
      await kimPage.locator('fieldset', { hasText: '협업 필요성' }).locator('label', { hasText: '5점' }).click();
      await kimPage.locator('fieldset', { hasText: '실현 가능성' }).locator('label', { hasText: '4점' }).click();
      await kimPage.getByLabel('심사 의견').fill('보훈병원의 수리 역량이 분명합니다.');
      await submit(kimPage, '점수 제출');
      await kimPage.getByText('아직 점수를 제출한 다른 심사위원이 없습니다.').waitFor();
      await follow(kimPage, '회차로 돌아가기');
      await follow(kimPage, `하천 쓰레기 줍기 ${suffix}`);
      await kimPage.locator('label', { hasText: '있습니다 (이 과제는 심사하지 않겠습니다)' }).click();
      await kimPage.getByLabel('이해관계 내용').fill('제가 속한 단체가 이 사업을 함께 합니다.');
      await submit(kimPage, '이해충돌 확인');
      await kimPage.getByText(/이해충돌이 있다고 밝혀 이 과제는 심사하지 않습니다/).waitFor();

      // Lee sees nobody's scores until submitting, then Kim's.
      const leePage = await signIn(lee);
      await visit(leePage, roundPath.replace('/admin/reviews', '/reviews'));
      await follow(leePage, `보훈병원 휠체어 나눔 ${suffix}`);
      await leePage.locator('label', { hasText: '없습니다 (심사하겠습니다)' }).click();
      await submit(leePage, '이해충돌 확인');
      assert.equal(await leePage.getByText('보훈병원의 수리 역량이 분명합니다.').count(), 0, 'blind before submitting');
      await leePage.locator('fieldset', { hasText: '협업 필요성' }).locator('label', { hasText: '4점' }).click();
      await submit(leePage, '점수 제출');
      await leePage.getByText('1점부터 5점 가운데 하나를 골라 주세요.').first().waitFor();
      await leePage.locator('fieldset', { hasText: '실현 가능성' }).locator('label', { hasText: '4점' }).click();
      await leePage.getByLabel('심사 의견').fill('바로 시작할 수 있습니다.');
      await submit(leePage, '점수 제출');
      await leePage.getByText('보훈병원의 수리 역량이 분명합니다.').waitFor();
      await visit(leePage, roundPath.replace('/admin/reviews', '/reviews'));
      await follow(leePage, `하천 쓰레기 줍기 ${suffix}`);
      await leePage.locator('label', { hasText: '없습니다 (심사하겠습니다)' }).click();
      await submit(leePage, '이해충돌 확인');
      await leePage.locator('fieldset', { hasText: '협업 필요성' }).locator('label', { hasText: '2점' }).click();
      await leePage.locator('fieldset', { hasText: '실현 가능성' }).locator('label', { hasText: '3점' }).click();
      await leePage.getByLabel('심사 의견').fill('효과가 제한적입니다.');
      await submit(leePage, '점수 제출');

      // The ranking: wheelchairs (5·0.6+4·0.4 = 4.6 and 4) first with 4.3; the river 2.4 with one conflict.
      await visit(staff, roundPath);
      const rows = staff.locator('table tbody tr');
      assert.match(await rows.nth(0).innerText(), new RegExp(`보훈병원 휠체어 나눔 ${suffix}\\s+4\\.3\\s+0\\.6\\s+2\\s+0`));
      assert.match(await rows.nth(1).innerText(), new RegExp(`하천 쓰레기 줍기 ${suffix}\\s+2\\.4\\s+0\\s+1\\s+1`));
      await rows.nth(0).locator('label').click();
      await submit(staff, '주요 과제 선정 저장');
      await staff.getByText('주요 과제 선정을 저장했습니다.').waitFor();

      const visitor = await signIn(await buildUser(db));
      await visit(visitor, '/');
      const featured = visitor.locator('section', { has: visitor.getByRole('heading', { name: '주요 협업이음터 과제' }) });
      await featured.getByRole('link', { name: `보훈병원 휠체어 나눔 ${suffix}` }).waitFor();
      await featured.getByText('주요 과제', { exact: true }).waitFor();
      assert.equal(await featured.getByText(`하천 쓰레기 줍기 ${suffix}`).count(), 0);
      assert.equal(await visitor.getByText('4.3').count(), 0, 'scores are never public');
    });
  });
}
