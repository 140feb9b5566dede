import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BuiltUser, buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { buildProgramme, buildTask } from '../src/modules/tasks/test/builders.ts';
import { addDays, kstDate } from '../src/shared/dates.ts';
import { JOURNEY_MODES, follow, newContext, signIn as signInAs, submit, useAppAndBrowser, visit as visitPage } from './browser.ts';

const DAY = 86_400_000;

/**
 * A collaboration task end to end: an organisation registers it with a partner and plans it (a
 * milestone after the task's end is refused beside its field), the partner accepts, a review round
 * ranks it, the operator makes it a key task, every member organisation agrees the TF charter, a
 * monthly report brings an indicator's value, the public page explains the progress, the portfolio
 * shows another task's late report, and a staffing request is decided. JavaScript off (`JOURNEY_MODES`); axe
 * and 320 px on every page.
 */
for (const javaScriptEnabled of JOURNEY_MODES) {
  describe(`collaboration task (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    const env = useAppAndBrowser();
    const suffix = javaScriptEnabled ? '가' : '나';
    const visit = (page: Page, path: string) => visitPage(env.app, page, path);
    const signIn = (user: BuiltUser) => signInAs(env.app, env.browser, user, javaScriptEnabled);

    it('registers, accepts, reviews, selects, agrees, reports, explains, watches and staffs a task', { timeout: 600_000 }, async () => {
      const db = env.app.db;
      const today = kstDate(env.app.clock());
      const operator = await buildUser(db, { role: 'operator', name: `운영자 ${suffix}` });
      await buildProgramme(db, operator, env.app.clock);
      const lead = await buildOrg(db, { sector: 'central', name: `해양수산부 ${suffix}` });
      const partner = await buildOrg(db, { sector: 'company', name: `(주)바다로예약 ${suffix}` });
      const reviewer = await buildUser(db, { role: 'reviewer', name: `김심사 ${suffix}` });
      // Another key task, selected ten weeks ago, whose first monthly report never came.
      const behind = await buildTask(db, { operator, kind: 'key', now: () => new Date(env.app.clock().getTime() - 70 * DAY) });
      const behindTitle = (await db.selectFrom('tasks').select('title').where('id', '=', behind.id).executeTakeFirstOrThrow()).title;
      const title = `낚시어선 승선 신고 연계 ${suffix}`;

      // The lead registers the task with its partner, then plans it.
      const leadPage = await signIn(lead.admin);
      await visit(leadPage, '/tasks');
      await follow(leadPage, '협업과제 등록');
      await leadPage.getByLabel('과제명').fill(title);
      await leadPage.getByLabel('해결하려는 문제').fill('낚시객이 승선 신고서를 종이로 따로 씁니다.');
      await leadPage.getByLabel('국민 체감 효과').fill('예약만 하면 승선 신고가 끝납니다.');
      await leadPage.locator('label', { hasText: '농림·해양' }).click();
      await leadPage.getByLabel('시작일').fill(today);
      await leadPage.getByLabel('종료일').fill(addDays(today, 300));
      await leadPage.getByLabel('협업기관 1 기관명').fill(`(주)바다로예약 ${suffix}`);
      await leadPage.getByLabel('협업기관 1의 역할').fill('예약 앱에 승선 신고 기능 개발');
      await submit(leadPage, '저장하고 계획 작성하기');
      await leadPage.getByText('협업과제를 저장했습니다.').waitFor();
      const taskPath = new URL(leadPage.url()).pathname.replace(/\/plan$/, '');
      const plan: [string, string][] = [
        ['지표 1 이름', '온라인 승선 신고 비율'],
        ['지표 1 단위', '%'],
        ['지표 1 기준값', '10'],
        ['지표 1 목표값', '80'],
        ['지표 1 달성 기한', addDays(today, 280)],
        ['마일스톤 1 내용', '연계 설계 확정'],
        ['마일스톤 1 기한', addDays(today, 20)],
        ['마일스톤 2 내용', '시범 운영'],
        ['마일스톤 2 기한', addDays(today, 400)],
      ];
      for (const [label, value] of plan) await leadPage.getByLabel(label, { exact: true }).fill(value);
      await leadPage.getByLabel('마일스톤 1 담당기관').selectOption({ label: `해양수산부 ${suffix}` });
      // Partners own milestones once they have accepted; until then the lead holds them.
      await leadPage.getByLabel('마일스톤 2 담당기관').selectOption({ label: `해양수산부 ${suffix}` });
      await submit(leadPage, '계획 저장');
      await leadPage.locator('#f-milestone\\.1\\.due-error', { hasText: '마일스톤 기한이 과제 종료일 뒤입니다.' }).waitFor();
      assert.equal(await leadPage.getByLabel('마일스톤 1 내용', { exact: true }).inputValue(), '연계 설계 확정', 'the typed plan comes back');
      await leadPage.getByLabel('마일스톤 2 기한', { exact: true }).fill(addDays(today, 200));
      await submit(leadPage, '계획 저장');
      await leadPage.getByText('추진계획을 저장했습니다.').waitFor();
      await submit(leadPage, '등록 신청');
      await leadPage.getByText('등록을 신청했습니다.').waitFor();

      // The partner finds the invitation and accepts, saying what it contributes.
      const partnerPage = await signIn(partner.admin);
      await visit(partnerPage, '/tasks/mine');
      await follow(partnerPage, title);
      await partnerPage.locator('label', { hasText: '참여합니다' }).click();
      await partnerPage.getByLabel('우리 기관의 역할').fill('예약 앱 개발과 선주 안내');
      await submit(partnerPage, '답하기');
      await partnerPage.getByText('답을 보냈습니다.').waitFor();

      // A review round ranks it; the ranking leads to deciding its kind.
      const staff = await signIn(operator);
      await visit(staff, '/admin/reviews');
      await staff.getByLabel('회차 이름').fill(`2026 협업과제 심사 ${suffix}`);
      await submit(staff, '심사 회차 만들기');
      await staff.getByLabel('기준 이름').fill('국민 체감도');
      await staff.getByLabel('가중치').fill('100');
      await submit(staff, '기준 추가');
      await staff.locator('label', { hasText: title }).click();
      await submit(staff, '고른 대상 추가');
      await staff.getByRole('combobox', { name: '심사위원' }).selectOption({ label: `${reviewer.name} (${reviewer.email})` });
      await submit(staff, '심사위원 위촉');
      await submit(staff, '심사 시작');
      const reviewerPage = await signIn(reviewer);
      await follow(reviewerPage, '내 심사');
      await follow(reviewerPage, `2026 협업과제 심사 ${suffix}`);
      await follow(reviewerPage, title);
      await reviewerPage.getByText('예약만 하면 승선 신고가 끝납니다.').waitFor();
      await reviewerPage.locator('label', { hasText: '없습니다 (심사하겠습니다)' }).click();
      await submit(reviewerPage, '이해충돌 확인');
      await reviewerPage.locator('fieldset', { hasText: '국민 체감도' }).locator('label', { hasText: '5점' }).click();
      await reviewerPage.getByLabel('심사 의견').fill('현장의 불편이 분명하고 효과가 큽니다.');
      await submit(reviewerPage, '점수 제출');
      await staff.reload();
      // The link wraps in its narrow cell; its address is what matters.
      const decide = await staff.getByRole('link', { name: `${title} 과제 구분 정하기` }).getAttribute('href');
      await visit(staff, decide!);
      await staff.locator('label', { hasText: /^중점 협업과제/ }).click();
      await staff.getByLabel('선정 이유').fill('전문가 심사 1위, 국민 생활과 밀접');
      await submit(staff, '구분 정하기');
      await staff.getByText('과제 구분을 정했습니다.').waitFor();

      // Every member organisation agrees the TF charter.
      for (const page of [leadPage, partnerPage]) {
        await visit(page, `${taskPath}/tf`);
        await submit(page, '우리 기관의 동의 기록');
        await page.getByText('기관의 동의를 기록했습니다.').waitFor();
      }
      await partnerPage.getByText('모든 참여기관이 이 판에 동의했습니다.').waitFor();

      // The monthly report, with the indicator's value and the first milestone done.
      await visit(leadPage, taskPath);
      await follow(leadPage, '추진상황 보고');
      await leadPage.locator('label', { hasText: '정상 — 계획대로 추진 중' }).click();
      await leadPage.getByLabel('온라인 승선 신고 비율(%)').fill('85');
      await leadPage.locator('label', { hasText: '연계 설계 확정' }).click();
      await leadPage.getByLabel('추진 요약').fill('연계 설계를 확정하고 시범 운영 선박을 골랐습니다.');
      await leadPage.locator('label', { hasText: '이 요약을 과제 공개 페이지에 싣습니다' }).click();
      await submit(leadPage, '보고 제출');
      await leadPage.getByText('보고를 제출했습니다.').waitFor();

      // Anyone reads the progress with its explanation, and the public summary.
      const visitor = await (await newContext(env.browser, javaScriptEnabled)).newPage();
      await visit(visitor, taskPath);
      await visitor.getByText('마일스톤 2개 중 1개 완료, 지표 1개 중 1개 목표 달성, 보고 기한 준수').waitFor();
      await visitor.getByText('연계 설계를 확정하고 시범 운영 선박을 골랐습니다.').waitFor();
      assert.equal(await visitor.getByText('현장의 불편이 분명하고').count(), 0, 'review comments are never public');

      // The portfolio shows the other task's late report.
      await visit(staff, '/admin/tasks?late=1');
      const row = staff.locator('tr', { hasText: behindTitle });
      await row.getByText('보고 기한 지남').waitFor();
      assert.equal(await staff.locator('tr', { hasText: title }).count(), 0, 'a task on time is not among the late');

      // The TF asks for staff; the operator decides in part, with a reason.
      await visit(leadPage, `${taskPath}/staffing`);
      await leadPage.getByLabel('인원').fill('2');
      await leadPage.getByLabel('직급·역할').fill('6급 정보시스템 담당');
      await leadPage.getByLabel('기간(개월)').fill('12');
      await leadPage.locator('label', { hasText: /^온라인 승선 신고 비율$/ }).click();
      await leadPage.getByLabel('필요한 이유').fill('연계 개발을 맡을 전담 인력이 없습니다.');
      await submit(leadPage, '요청하기');
      await leadPage.getByText('협업정원을 요청했습니다.').waitFor();
      await visit(staff, `${taskPath}/staffing`);
      await staff.locator('label', { hasText: /^일부 승인$/ }).click();
      await staff.getByLabel('승인 인원').fill('1');
      await staff.getByLabel('결정 이유').fill('올해 정원 범위 안에서 1명을 승인합니다.');
      await submit(staff, '결정하기');
      await staff.getByText('일부 승인(1명)').waitFor();
      await visit(leadPage, taskPath);
      await leadPage.getByText('일부 승인(1명)').waitFor();
    });
  });
}
