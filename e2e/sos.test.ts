import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BuiltUser, buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { buildTask } from '../src/modules/tasks/test/builders.ts';
import { onOrNextWorkingDay } from '../src/shared/business-time.ts';
import { addDays, kstDate } from '../src/shared/dates.ts';
import { JOURNEY_MODES, follow, signIn as signInAs, submit, useAppAndBrowser, visit as visitPage } from './browser.ts';

const HOUR = 3_600_000;

/**
 * 협업SOS end to end: a TF member asks for help about their task and sees when answers are due; the
 * desk asks for information (the clock pauses and the due time moves on by the time it waited); the
 * member answers; a guest responder from another organisation answers; a solution is proposed,
 * confirmed and rated; the desk publishes it as 협업 Q&A; a new request typed with similar words
 * shows that answer first. JavaScript off (`JOURNEY_MODES`); axe and 320 px on every page.
 */
for (const javaScriptEnabled of JOURNEY_MODES) {
  describe(`협업SOS (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    const env = useAppAndBrowser();
    const suffix = javaScriptEnabled ? '가' : '나';
    const visit = (page: Page, path: string) => visitPage(env.app, page, path);
    const signIn = (user: BuiltUser) => signInAs(env.app, env.browser, user, javaScriptEnabled);

    it('asks, pauses, answers, solves, rates, publishes and suggests', { timeout: 600_000 }, async () => {
      const db = env.app.db;
      const clock = env.app.clock;
      // A working morning, so that the pause below takes working time.
      clock.set(new Date(`${onOrNextWorkingDay(addDays(kstDate(clock()), 1))}T10:00:00+09:00`));
      const operator = await buildUser(db, { role: 'operator', name: `정담당 ${suffix}` });
      const task = await buildTask(db, { operator, kind: 'key' });
      const guest = await buildOrg(db, { sector: 'academia', name: `협업연구센터 ${suffix}` });
      const title = `승선 신고 연계 규격을 못 받았습니다 ${suffix}`;

      // The TF member asks about their task and sees at once when answers are due.
      const member = await signIn(task.lead.admin);
      await visit(member, `/tasks/${task.id}/tf`);
      await follow(member, '이 과제로 협업SOS 요청');
      await member.getByLabel('유형').selectOption({ label: '정보시스템 연계' });
      await member.locator('label', { hasText: /^긴급/ }).click();
      await member.getByLabel('제목').fill(title);
      await member.getByLabel('내용').fill('운영사가 연계 규격서를 주지 않아 시범 운영이 멈췄습니다.');
      await submit(member, '요청 보내기');
      await member.getByText('협업SOS를 접수했습니다.').waitFor();
      const ticketPath = new URL(member.url()).pathname;
      const solutionDue = async (page: Page) => (await page.locator('dt', { hasText: /^해결$/ }).locator('xpath=following-sibling::dd[1]').innerText()).trim();
      const dueBefore = await solutionDue(member);
      assert.match(dueBefore, /까지/);

      // The desk asks for information: the clock stops.
      const desk = await signIn(operator);
      await visit(desk, '/admin/sos');
      await follow(desk, title);
      await desk.locator('label', { hasText: /^추가 정보 요청/ }).click();
      await desk.getByLabel('내용').fill('운영사와 주고받은 공문을 보내 주세요.');
      await submit(desk, '보내기');
      await desk.getByText('답변 대기').first().waitFor();

      // Two hours later the member answers; the solution's due time moves on by the working time waited.
      clock.advance(2 * HOUR);
      await visit(member, ticketPath);
      await member.getByText('운영기관이 추가 정보를 요청했습니다.').waitFor();
      await member.getByLabel('내용').fill('공문 번호는 해양정책과-1234입니다.');
      await submit(member, '보내기');
      const dueAfter = await solutionDue(member);
      assert.notEqual(dueAfter, dueBefore, 'the due time moved on');

      // A responder from another organisation, invited for this request only, answers.
      await visit(desk, ticketPath);
      await desk.getByLabel('초대할 사람의 이메일').fill(guest.admin.email);
      await submit(desk, '초대');
      await desk.getByText('답변자를 초대했습니다.').waitFor();
      const guestPage = await signIn(guest.admin);
      await visit(guestPage, ticketPath);
      await guestPage.getByLabel('내용').fill('같은 규격으로 연계한 사례가 있습니다. 절차를 공유합니다.');
      await submit(guestPage, '보내기');

      // The desk proposes a solution; the member confirms and rates it.
      await visit(desk, ticketPath);
      await desk.getByLabel('해결 유형').selectOption({ label: '기관 간 조정' });
      await desk.getByLabel('해결 방안').fill('운영사와 3자 회의로 규격서를 이번 주에 받도록 했습니다.');
      await submit(desk, '해결 방안 보내기');
      await desk.getByText('해결 방안을 보냈습니다.').waitFor();
      await visit(member, ticketPath);
      await submit(member, '해결되었습니다');
      await member.locator('label', { hasText: '5 — 매우 만족' }).click();
      await submit(member, '만족도 보내기');
      await member.getByText('고맙습니다.').waitFor();

      // The desk publishes it as 협업 Q&A, edited without personal details.
      await visit(desk, ticketPath);
      await follow(desk, '협업 Q&A로 공개');
      await desk.getByLabel('제목').fill(`시스템 연계 규격서를 못 받을 때 ${suffix}`);
      await desk.getByLabel('물음').fill('협업과제의 시스템 연계 규격서를 운영사가 주지 않을 때 어떻게 하나요?');
      await submit(desk, '공개');
      await desk.getByText('협업 Q&A로 공개했습니다.').waitFor();

      // A new request typed with similar words shows that answer first, and keeps what was typed.
      await visit(member, '/sos/new');
      await member.getByLabel('제목').fill('연계 규격서를 받지 못했어요');
      await submit(member, '비슷한 답 먼저 보기');
      await member.getByRole('link', { name: `시스템 연계 규격서를 못 받을 때 ${suffix}` }).waitFor();
      assert.equal(await member.getByLabel('제목').inputValue(), '연계 규격서를 받지 못했어요');
    });
  });
}
