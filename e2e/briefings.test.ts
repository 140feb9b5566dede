import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { jobHandlers } from '../src/jobs/handlers.ts';
import { scheduleRecurring } from '../src/jobs/worker.ts';
import { type BuiltUser, buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { JOURNEY_MODES, follow, signIn as signInAs, submit, useAppAndBrowser, visit as visitPage } from './browser.ts';

const kst = (local: string) => new Date(`${local}+09:00`);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * An online briefing end to end, on the test clock (today is 2026-11-22 in Korea): the operator
 * creates it for tomorrow and puts the proposed group "복지 · 기업" on the agenda; the demanding
 * organisation confirms it will present; a company registers; the scheduler sends the day-before
 * reminder through SMTP; after the session the recap and a PDF are published. JavaScript off (`JOURNEY_MODES`).
 */
for (const javaScriptEnabled of JOURNEY_MODES) {
  describe(`online briefing (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    const env = useAppAndBrowser();
    const suffix = javaScriptEnabled ? '가' : '나';
    const visit = (page: Page, path: string) => visitPage(env.app, page, path);
    const signIn = (user: BuiltUser) => signInAs(env.app, env.browser, user, javaScriptEnabled);

    it('creates, groups, registers, reminds by mail and publishes the recap', { timeout: 360_000 }, async () => {
      const { db, clock } = env.app;
      const demand = await buildDemand(db, { title: `어르신 돌봄 로봇 실증 ${suffix}`, themes: ['복지'], targetSectors: ['company'] });
      const operator = await buildUser(db, { role: 'operator' });
      const guest = await buildUser(db, { name: `박참가 ${suffix}` });

      const staff = await signIn(operator);
      await visit(staff, '/admin');
      await follow(staff, '사업설명회 운영');
      await staff.getByLabel('설명회 이름').fill(`복지 분야 기업 대상 설명회 ${suffix}`);
      await staff.getByLabel('날짜').fill('2026-11-23');
      await staff.getByLabel('시작 시각 (한국 시간)').fill('14:00');
      await staff.getByLabel('온라인 접속 주소').fill('https://meet.example.go.kr/welfare');
      await staff.getByLabel('정원').fill('30');
      await submit(staff, '설명회 만들기');
      await staff.getByText('설명회를 만들었습니다.').waitFor();
      await submit(staff, '복지 · 기업 대상 (1건) 안건에 올리기');
      await staff.getByText('안건에 올리고 수요기관에 알렸습니다.').waitFor();
      await staff.getByRole('link', { name: `어르신 돌봄 로봇 실증 ${suffix}` }).waitFor();
      await submit(staff, '설명회 공개');
      const adminPath = new URL(staff.url()).pathname;
      const publicPath = adminPath.replace('/admin', '');

      // The demanding organisation is asked, and confirms.
      const presenter = await signIn(demand.org.admin);
      await visit(presenter, '/notifications');
      await follow(presenter, new RegExp(`'복지 분야 기업 대상 설명회 ${suffix}' 안건에 올랐습니다`));
      await submit(presenter, `'어르신 돌봄 로봇 실증 ${suffix}' 발표하겠습니다`);
      await presenter.getByText('발표 확정', { exact: true }).waitFor();

      // A company finds it on the public list and registers.
      const company = await signIn(guest);
      await visit(company, '/');
      await follow(company, '사업설명회');
      await follow(company, `복지 분야 기업 대상 설명회 ${suffix}`);
      await company.getByText('30명 중 0명 신청').waitFor();
      await submit(company, '참가 신청');
      await company.getByText('참가 신청이 완료되었습니다.').waitFor();
      const ics = await company.request.get(`${env.app.url}${publicPath}.ics`);
      assert.equal(ics.headers()['content-type'], 'text/calendar; charset=utf-8');
      assert.match(await ics.text(), /DTSTART:20261123T050000Z/);

      // The scheduler, as the server runs it, sends the reminder today (the day before).
      await scheduleRecurring(db, jobHandlers(env.app.config, env.app.database, clock), clock());
      const reminder = await env.app.smtp.waitForMailTo(guest.email);
      // The briefing's own name, with the particle that fits it, and no kind of event added after it.
      assert.match(reminder.subject ?? '', new RegExp(`내일 '복지 분야 기업 대상 설명회 ${suffix}'가 열립니다`));
      assert.match(reminder.text ?? '', /https:\/\/meet\.example\.go\.kr\/welfare/);
      await env.app.smtp.waitForMailTo(demand.org.admin.email);

      // After the session: the recap and the slides.
      clock.set(kst('2026-11-23T16:00:00'));
      await visit(staff, adminPath);
      await staff.getByLabel('설명회 결과 (마크다운)').fill('## 결과\n\n- 기업 12곳이 참여했습니다.\n- 후속 협의 3건');
      await submit(staff, '결과 공개');
      await staff.locator('input[type="file"]').setInputFiles({ name: '발표자료.pdf', mimeType: 'application/pdf', buffer: PDF });
      await submit(staff, '파일 올리기');
      await visit(company, publicPath);
      await company.getByText('기업 12곳이 참여했습니다.').waitFor();
      await company.getByRole('link', { name: '발표자료.pdf' }).waitFor();
      assert.equal(await company.getByRole('button', { name: '참가 신청' }).count(), 0, 'no registration after the session');
      clock.set(kst('2026-11-22T10:00:00'));
    });
  });
}
