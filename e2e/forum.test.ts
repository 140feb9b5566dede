import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BuiltUser, buildUser, ctxAs } from '../src/modules/accounts/test/builders.ts';
import { saveSettings } from '../src/modules/forum/settings.service.ts';
import { buildMinistry, buildProposal } from '../src/modules/forum/test/builders.ts';
import { buildProgramme } from '../src/modules/tasks/test/builders.ts';
import { addDays, kstDate } from '../src/shared/dates.ts';
import { JOURNEY_MODES, checkPage, follow, signIn as signInAs, submit, useAppAndBrowser, visit as visitPage } from './browser.ts';

const DAY = 24 * 3_600_000;

/** Presses a button from the keyboard: focus, Enter; then waits for the next page and checks it. */
async function pressButton(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).first().focus();
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await checkPage(page);
}

/** Writes a point from the keyboard only: the side's radio button by Space, the words typed. */
async function argue(page: Page, side: RegExp, words: string): Promise<void> {
  await page.getByRole('radio', { name: side }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('textbox', { name: /^의견/ }).focus();
  await page.keyboard.type(words);
  await pressButton(page, '의견 올리기');
}

/**
 * 국민포럼 end to end: a citizen types a proposal and is shown a similar one; saves and submits it;
 * an operator publishes it after the check; after the discussion others support it and argue for,
 * against and "yes, if" with the keyboard alone; the supports reach the threshold; the facilitator
 * summarises citing a point; the responsible body answers before the deadline, adopts it and makes
 * it a collaboration task, which the proposal then shows.
 * JavaScript off (`JOURNEY_MODES`); axe and 320 px on every page.
 */
for (const javaScriptEnabled of JOURNEY_MODES) {
  describe(`국민포럼 (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    const env = useAppAndBrowser();
    const suffix = javaScriptEnabled ? '가' : '나';
    const visit = (page: Page, path: string) => visitPage(env.app, page, path);
    const signIn = (user: BuiltUser) => signInAs(env.app, env.browser, user, javaScriptEnabled);

    it('proposes, checks, publishes, argues, supports, summarises, answers and adopts', { timeout: 600_000 }, async () => {
      const db = env.app.db;
      const clock = env.app.clock;
      const operator = await buildUser(db, { role: 'operator', name: `정운영 ${suffix}` });
      await saveSettings(await ctxAs(db, operator), { checkHours: '16', discussionDays: '1', supportNeeded: '3', supportDays: '30', answerDays: '30', reportHours: '8' });
      const ministry = await buildMinistry(db, `행정안전부 ${suffix}`);
      const earlier = await buildProposal(db, { org: ministry, operator, title: `농어촌 버스 시간표를 한곳에서 ${suffix}` });
      const title = `시골 버스 시간표와 도착 정보를 한 화면에 ${suffix}`;

      // A citizen types a proposal and asks for similar ones first: the earlier one is shown, the text kept.
      const citizen = await buildUser(db, { name: `김제안 ${suffix}` });
      const author = await signIn(citizen);
      await visit(author, '/forum');
      await follow(author, '제안하기');
      await author.getByLabel('제목').fill(title);
      await author.getByLabel('현재의 문제').fill('면 단위 버스 시간표가 인터넷 어디에도 없어 어르신들이 정류장에서 오래 기다립니다.');
      await author.getByLabel('제안 내용').fill('시·군 버스 시간표와 도착 예정 시각을 한 화면에서 보게 해 주세요.');
      await author.getByLabel('기대 효과').fill('병원과 장에 가는 길이 편해집니다.');
      await author.getByLabel('책임 기관').fill(`행정안전부 ${suffix}`);
      await author.getByLabel('분야').selectOption({ label: '교통·안전' });
      await submit(author, '비슷한 제안 먼저 보기');
      await author.getByRole('link', { name: `농어촌 버스 시간표를 한곳에서 ${suffix}` }).waitFor();
      assert.equal(await author.getByLabel('제목').inputValue(), title);

      // It still says something new: saved as a draft, then sent to the check.
      await submit(author, '초안 저장');
      await author.getByText('제안 초안을 저장했습니다.').waitFor();
      const proposalPath = new URL(author.url()).pathname;
      await submit(author, '사전 검토 요청');
      await author.getByText('사전 검토 중입니다.', { exact: false }).waitFor();

      // The operator checks and publishes it.
      const desk = await signIn(operator);
      await visit(desk, '/admin/forum');
      await follow(desk, title);
      await submit(desk, '공개하기');
      await desk.getByText('제안을 공개했습니다.').waitFor();

      // After the day of discussion, supports open; three citizens support and argue from the keyboard.
      clock.set(new Date(`${addDays(kstDate(clock()), 2)}T10:00:00+09:00`));
      const others: Page[] = [];
      for (const name of ['박공감', '이반대', '최조건']) others.push(await signIn(await buildUser(db, { name: `${name} ${suffix}` })));
      const [a, b, c] = others as [Page, Page, Page];
      await visit(a, proposalPath);
      await pressButton(a, '공감하기');
      await a.getByText('이 제안에 공감했습니다.').waitFor();
      await argue(a, /^찬성/, '어르신들이 정류장에서 기다리는 시간이 줄어듭니다.');
      await visit(b, proposalPath);
      // Too short: refused beside the field, the focus on the error summary (checked by submit).
      await argue(b, /^반대/, '별로');
      await b.getByText('다섯 글자 이상 써 주세요.').first().waitFor();
      await b.getByRole('textbox', { name: /^의견/ }).fill('');
      await argue(b, /^반대/, '군마다 시간표 갱신이 늦으면 오히려 헷갈립니다.');
      await pressButton(b, '공감하기');
      await visit(c, proposalPath);
      await argue(c, /^조건부 찬성/, '실시간 도착 정보까지 연결된다면 찬성합니다.');
      await pressButton(c, '공감하기');
      await c.getByText('검토·답변 대기').first().waitFor();

      // The author replies to a point in its thread; each side's points also have pages of their own.
      await visit(author, proposalPath);
      await follow(author, /^답글 0개 · 답글 쓰기 \(의견 #\d+\)$/);
      await author.getByRole('textbox', { name: /^답글/ }).fill('갱신 주기를 군마다 정하면 해결됩니다.');
      await submit(author, '답글 올리기');
      await author.getByText('답글을 올렸습니다.').waitFor();
      await visit(author, `${proposalPath}/points?side=against`);
      await author.getByText('군마다 시간표 갱신이 늦으면 오히려 헷갈립니다.').waitFor();

      // The facilitator summarises, citing the "yes, if" point by its number.
      await visit(desk, proposalPath);
      const cited = (await desk.locator('.argument-side', { has: desk.getByRole('heading', { name: /^조건부 찬성/ }) }).locator('.point-number').first().innerText()).trim();
      await follow(desk, '논점 정리 쓰기');
      await desk.getByLabel('논점 정리').fill(`찬성은 기다림이 줄어든다는 점을, 반대는 갱신 지연을 듭니다. 조건부 찬성(${cited})은 실시간 정보 연결을 조건으로 합니다.`);
      await submit(desk, '저장');
      await desk.getByText('논점 정리를 저장했습니다.').waitFor();

      // The responsible body answers before the deadline and adopts it.
      const body = await signIn(ministry.admin);
      await visit(body, proposalPath);
      await body.getByText(/까지 답변합니다/).waitFor();
      await follow(body, '답변하기');
      await body.locator('label', { hasText: /^수용 —/ }).click();
      await body.getByRole('textbox', { name: /^이유/ }).fill('농어촌 주민의 이동권을 위해 필요하다고 판단했습니다.');
      await body.getByRole('textbox', { name: /^추진 계획/ }).fill('내년까지 시·군 버스 정보를 표준화해 공개합니다.');
      await body.getByLabel('1번째 단계', { exact: true }).fill('데이터 표준 마련');
      await body.getByLabel('1번째 단계 예정일').fill(addDays(kstDate(clock()), 90));
      await submit(body, '답변 공개');
      await body.getByText('답변을 공개했습니다.', { exact: false }).waitFor();

      // The author sees the stage, the on-time answer and the plan; the earlier proposal is untouched.
      clock.advance(DAY);
      await visit(author, proposalPath);
      await author.getByText('추진·반영').first().waitFor();
      await author.getByText('기한 안에 답변').waitFor();
      await author.getByText('데이터 표준 마련').waitFor();
      // The body carries it out as a collaboration task, prefilled from the proposal; the proposal shows it.
      await buildProgramme(db, operator, clock);
      await visit(body, proposalPath);
      await follow(body, '이 제안으로 협업과제 등록');
      assert.equal(await body.getByLabel('과제명').inputValue(), title);
      await body.locator('label', { hasText: '농림·해양' }).click();
      await body.getByLabel('시작일').fill(kstDate(clock()));
      await body.getByLabel('종료일').fill(addDays(kstDate(clock()), 300));
      await submit(body, '저장하고 계획 작성하기');
      await visit(body, proposalPath);
      await body.locator('#proposal-task-h + p a', { hasText: title }).waitFor();
      // To the public, a task not yet selected is not shown; that it waits is.
      await visit(author, proposalPath);
      await author.getByText('이 제안으로 협업과제가 등록되어 선정을 기다리고 있습니다.').waitFor();
      const untouched = await db.selectFrom('forum_proposals').select(['support_count', 'answered_at']).where('id', '=', earlier.id).executeTakeFirstOrThrow();
      assert.deepEqual(untouched, { support_count: 0, answered_at: null });
    });
  });
}
