import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { newTotpSecret } from '../src/modules/accounts/totp.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { checkPage, newContext, useAppAndBrowser } from './browser.ts';

const currentCode = (secret: string) => generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);

/** The pages the main journey does not pass through, each checked with axe and at 320 px, JavaScript off. */
describe('every other page', () => {
  const env = useAppAndBrowser();

  async function signedIn(email: string, password: string): Promise<Page> {
    const page = await (await newContext(env.browser, false)).newPage();
    await page.goto(`${env.app.url}/login`);
    await page.getByLabel('이메일').fill(email);
    await page.getByLabel('비밀번호').fill(password);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '로그인', exact: true }).click()]);
    return page;
  }

  it('passes axe on the organisation admin pages, error states and token pages', { timeout: 240_000 }, async () => {
    const { id, admin } = await buildOrg(env.app.db, { name: '접근성 시험 기관', status: 'pending' });
    const applicant = await buildUser(env.app.db, { name: '참여 희망자' });
    const applicantPage = await signedIn(applicant.email, applicant.password);
    await applicantPage.goto(`${env.app.url}/orgs/${id}`);
    await checkPage(applicantPage);
    await Promise.all([applicantPage.waitForLoadState('load'), applicantPage.getByRole('button', { name: '이 기관에 참여 요청' }).click()]);
    await checkPage(applicantPage);

    const page = await signedIn(admin.email, admin.password);
    const visit = async (path: string, expected = 200) => {
      const response = await page.goto(env.app.url + path);
      assert.equal(response?.status(), expected, path);
      await checkPage(page);
    };
    await visit(`/orgs/${id}`);
    await visit(`/orgs/${id}/edit`);
    await page.getByLabel('누리집 주소').fill('not a url');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '저장' }).click()]);
    await page.getByText('http:// 또는 https:// 로 시작하는 주소를 입력해 주세요.').first().waitFor();
    await checkPage(page);
    await visit(`/orgs/${id}/members`);
    await page.getByRole('textbox', { name: '이메일' }).fill('wrong');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '초대 메일 보내기' }).click()]);
    await checkPage(page);
    await page.getByRole('textbox', { name: '이메일' }).fill('invitee@example.kr');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '초대 메일 보내기' }).click()]);
    const mail = await env.app.db.selectFrom('mail_outbox').select('body_text').where('to_address', '=', 'invitee@example.kr').executeTakeFirstOrThrow();
    const invitation = /http:\/\/localhost:3000(\/invitations\/\S+)/.exec(mail.body_text)?.[1] ?? '';
    await visit(invitation);
    await visit('/account');
    await page.getByLabel('현재 비밀번호').first().fill('wrong-password-1');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '비밀번호 바꾸기' }).click()]);
    await page.getByText('이 항목을 입력해 주세요.').first().waitFor();
    await checkPage(page);

    // An operator with two-step verification: the code page between password and session.
    const operator = await buildUser(env.app.db, { role: 'operator' });
    const secret = newTotpSecret();
    await env.app.db.updateTable('users').set({ totp_secret: secret, totp_enabled_at: new Date() }).where('id', '=', operator.id).execute();
    const staff = await signedIn(operator.email, operator.password);
    assert.match(staff.url(), /\/login\/totp/);
    await checkPage(staff);
    await staff.getByLabel('인증 번호 6자리').fill('000000' === currentCode(secret) ? '111111' : '000000');
    await Promise.all([staff.waitForLoadState('load'), staff.getByRole('button', { name: '확인' }).click()]);
    await staff.getByText('인증 번호가 맞지 않습니다').first().waitFor();
    await checkPage(staff);
    await staff.getByLabel('인증 번호 6자리').fill(currentCode(secret));
    await Promise.all([staff.waitForLoadState('load'), staff.getByRole('button', { name: '확인' }).click()]);
    await staff.goto(`${env.app.url}/account`);
    await staff.getByText('2단계 인증이 켜져 있습니다.').waitFor();
    await checkPage(staff);

    const anonymous = await (await newContext(env.browser, false)).newPage();
    for (const [path, status] of [
      ['/password/reset?token=expired', 200],
      ['/verify-email?token=expired', 400],
      ['/signup/sent', 200],
      ['/orgs?q=없는이름', 200],
      ['/orgs?sector=company&region=01', 200],
      ['/invitations/unknown', 404],
    ] as const) {
      const response = await anonymous.goto(env.app.url + path);
      assert.equal(response?.status(), status, path);
      await checkPage(anonymous);
    }
    await Promise.all([anonymous.waitForLoadState('load'), anonymous.goto(`${env.app.url}/password/reset?token=expired`)]);
    await anonymous.getByLabel('새 비밀번호').fill('a-new-password-1');
    await anonymous.getByLabel('비밀번호 확인').fill('a-new-password-1');
    await Promise.all([anonymous.waitForLoadState('load'), anonymous.getByRole('button', { name: '비밀번호 바꾸기' }).click()]);
    await anonymous.getByText('링크가 만료되었거나 이미 사용되었습니다').first().waitFor();
    await checkPage(anonymous);
  });
});
