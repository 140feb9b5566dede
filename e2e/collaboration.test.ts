import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { BuiltUser } from '../src/modules/accounts/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { JOURNEY_MODES, follow, newContext, signIn as signInAs, submit, useAppAndBrowser, visit as visitPage } from './browser.ts';

/**
 * The heart of the product, walked in a real browser: organisation A publishes a demand with offers
 * and needs; B finds it by a two-syllable word of its needs and replies; A is notified, writes to B
 * and records a meeting; A concludes with B and C, both confirm; the success case shows all three
 * as 공공-민간 and the home page counts it. With JavaScript off (`JOURNEY_MODES`); axe on every page.
 */
for (const javaScriptEnabled of JOURNEY_MODES) {
  describe(`collaboration journey (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    const env = useAppAndBrowser();
    const suffix = javaScriptEnabled ? '가' : '나';

    const visit = (page: Page, path: string) => visitPage(env.app, page, path);

    const signIn = (user: BuiltUser) => signInAs(env.app, env.browser, user, javaScriptEnabled);

    const field = (page: Page, id: string) => page.locator(`[id="f-${id}"]`);
    const statValue = async (page: Page, label: string) => Number(await page.locator('.stat', { hasText: label }).locator('dd').innerText());

    it('publishes, finds, replies, negotiates, concludes with two partners and shows the success case', { timeout: 360_000 }, async () => {
      const a = await buildOrg(env.app.db, { name: `국립공원공단 탐방지원팀 ${suffix}`, sector: 'public-institution', status: 'verified' });
      const b = await buildOrg(env.app.db, { name: `(주)바퀴수리 ${suffix}`, sector: 'company', status: 'verified' });
      const c = await buildOrg(env.app.db, { name: `나눔복지회 ${suffix}`, sector: 'civil-society' });
      const title = `탐방객용 휠체어를 함께 마련할 기관 ${suffix}`;

      const visitor = await (await newContext(env.browser, javaScriptEnabled)).newPage();
      await visit(visitor, '/');
      const concludedBefore = await statValue(visitor, '성사된 협업');

      // A writes the demand as a draft, then publishes it.
      const pageA = await signIn(a.admin);
      await visit(pageA, '/demands/new');
      await field(pageA, 'title').fill(title);
      await field(pageA, 'summary').fill('탐방지원센터에서 빌려 드릴 휠체어가 모자랍니다.');
      await pageA.getByText('복지', { exact: true }).click();
      await pageA.getByLabel('상세 내용').fill('## 바라는 협업\n\n- 휠체어 기증\n- 점검과 수리');
      await field(pageA, 'need.0.capability').selectOption({ label: '물품 기증' });
      await field(pageA, 'need.0.text').fill('사용 연한이 지난 휠체어 기증');
      await field(pageA, 'need.1.capability').selectOption({ label: '의료기기 수리' });
      await field(pageA, 'need.1.text').fill('기증 휠체어의 안전 점검');
      await field(pageA, 'offer.0.capability').selectOption({ label: '시설·공간 제공' });
      await field(pageA, 'offer.0.text').fill('탐방지원센터 보관·대여 공간');
      await submit(pageA, '작성 중으로 저장');
      await pageA.getByText('작성 중으로 저장했습니다').waitFor();
      await submit(pageA, '게시하기');
      await pageA.getByText('수요과제를 게시했습니다').waitFor();
      const demandPath = new URL(pageA.url()).pathname;
      await visit(pageA, '/demands/mine');
      await pageA.getByRole('link', { name: title }).waitFor();
      await visit(pageA, `${demandPath}/revisions`);
      await visit(pageA, '/demands?sort=deadline&status=all');
      await visit(pageA, `${demandPath}/edit`);

      // B finds it by a two-syllable word of its needs, sees the match highlighted, and replies.
      const pageB = await signIn(b.admin);
      await visit(pageB, '/demands');
      await pageB.getByLabel('검색어').fill('기증');
      await submit(pageB, '찾기');
      await pageB.getByText('수요과제 1건').waitFor();
      await follow(pageB, title);
      await pageB.locator('mark', { hasText: '기증' }).first().waitFor();
      await follow(pageB, '참여 답글 쓰기');
      await pageB.getByLabel('참여 의사와 우리 기관이 할 수 있는 일').fill('보유한 수리 공방에서 휠체어를 점검하고 고치겠습니다.');
      await pageB.getByText('의료기기 수리', { exact: true }).click();
      await pageB.getByLabel('수요기관에만 전하는 말').fill('부품비는 저희가 부담하겠습니다.');
      await submit(pageB, '답글 등록');
      await pageB.getByText('참여 답글을 등록했습니다').waitFor();
      await visit(pageB, `${new URL(pageB.url()).pathname}/edit`);

      // C replies as well.
      const pageC = await signIn(c.admin);
      await visit(pageC, `${demandPath}/reply`);
      await pageC.getByLabel('참여 의사와 우리 기관이 할 수 있는 일').fill('회원 기업들에 휠체어 기증을 요청하겠습니다.');
      await submit(pageC, '답글 등록');

      // A sees the notification, writes to B and records a meeting.
      await visit(pageA, '/');
      await pageA.getByRole('link', { name: /^알림 \d+\s?건 읽지 않음$/ }).waitFor();
      await follow(pageA, /알림/);
      await follow(pageA, /\(주\)바퀴수리.*참여 답글을 남겼습니다/);
      await pageA.getByText('부품비는 저희가 부담하겠습니다.').waitFor();
      await field(pageA, 'msg-body').fill('다음 주 화요일에 센터에서 뵐 수 있을까요?');
      await submit(pageA, '보내기');
      await pageA.getByText('메시지를 보냈습니다').waitFor();
      await pageA.getByText('회의 기록하기').click();
      await pageA.getByLabel('회의 날짜').fill('2026-12-01');
      await pageA.getByLabel('방식').selectOption({ label: '대면' });
      await pageA.getByLabel('참석자').fill('오공원, 김수리');
      await pageA.getByLabel('논의 내용').fill('수거 일정과 수리 기준을 정했습니다.');
      await submit(pageA, '회의 기록 저장');
      await pageA.getByText('수거 일정과 수리 기준을 정했습니다.').waitFor();

      // A concludes with B and C.
      await visit(pageA, demandPath);
      await follow(pageA, '협업 성사 기록하기');
      await pageA.getByText(`(주)바퀴수리 ${suffix} (기업)`, { exact: true }).click();
      await pageA.getByText(`나눔복지회 ${suffix} (민간단체·협회)`, { exact: true }).click();
      await pageA.getByLabel('합의 내용').fill('기증받은 휠체어를 수리해 탐방지원센터에서 무료로 빌려 드립니다.');
      await pageA.getByLabel('우리 기관이 맡는 일').fill('보관 공간과 대여 운영');
      await submit(pageA, '성사 기록하고 확인 요청');
      await pageA.getByText('상대 기관들에 확인을 요청했습니다').waitFor();

      // Each partner confirms from its notification.
      for (const [page, contribution] of [
        [pageB, '휠체어 점검과 수리'],
        [pageC, '회원 기업의 휠체어 기증 연결'],
      ] as const) {
        await visit(page, '/notifications');
        await follow(page, /협업 성사를 기록했습니다/);
        await page.getByLabel('우리 기관이 맡는 일').fill(contribution);
        await submit(page, '성사 확인');
        await page.getByText('성사를 확인했습니다').waitFor();
      }

      // The public success case shows all three with the right label; the home page counts it.
      await visit(visitor, '/cases');
      await follow(visitor, title);
      for (const text of [`국립공원공단 탐방지원팀 ${suffix}`, `(주)바퀴수리 ${suffix}`, `나눔복지회 ${suffix}`, '휠체어 점검과 수리', '회원 기업의 휠체어 기증 연결']) {
        await visitor.getByText(text).first().waitFor();
      }
      assert.equal(await visitor.locator('.case-label').first().innerText(), '공공-민간');
      await visit(visitor, '/');
      assert.equal(await statValue(visitor, '성사된 협업'), concludedBefore + 1);
      await visit(visitor, demandPath);
    });
  });
}
