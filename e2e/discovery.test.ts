import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { BuiltUser } from '../src/modules/accounts/test/builders.ts';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { checkPage, signIn as signInAs, submit, useAppAndBrowser, visit as visitPage } from './browser.ts';

/**
 * Partners nobody thought of: an organisation that repairs medical devices is recommended for a
 * wheelchair-donation demand with its reason shown; the demanding organisation invites it and the
 * invited organisation finds the notification (and its mail in the outbox). JavaScript on and off.
 */
for (const javaScriptEnabled of [true, false]) {
  describe(`partner recommendations (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    const env = useAppAndBrowser();
    const suffix = javaScriptEnabled ? '가' : '나';
    const visit = (page: Page, path: string) => visitPage(env.app, page, path);

    const signIn = (user: BuiltUser) => signInAs(env.app, env.browser, user, javaScriptEnabled);

    it('recommends a repairer with its reason, invites it, and the repairer is told', { timeout: 120_000 }, async () => {
      const db = env.app.db;
      const repair = await db.selectFrom('capabilities').select('id').where('name', '=', '의료기기 수리').executeTakeFirstOrThrow();
      const demand = await buildDemand(db, { title: `탐방객 휠체어 기증 ${suffix}`, needs: [['의료기기 수리', '휠체어 수선']], targetSectors: ['company'] });
      const repairer = await buildOrg(db, { name: `(주)든든모빌리티 ${suffix}`, sector: 'company', capabilities: [String(repair.id)] });

      const page = await signIn(demand.org.admin);
      await visit(page, `/demands/${demand.id}`);
      await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: '잠재적 협업 상대 추천 보기' }).click()]);
      await checkPage(page);
      const card = page.locator('.partner-list > li', { hasText: `(주)든든모빌리티 ${suffix}` });
      await card.getByText("필요 역량 '휠체어 수선' ↔ 이 기관의 역량 '의료기기 수리'").waitFor();
      await submit(page, `(주)든든모빌리티 ${suffix} 초대하기`);
      await page.getByText('초대를 보냈습니다').waitFor();
      await page.locator('.invitation-list', { hasText: `(주)든든모빌리티 ${suffix}` }).getByText('답글 기다리는 중').waitFor();

      const invited = await signIn(repairer.admin);
      await visit(invited, '/notifications');
      await Promise.all([invited.waitForLoadState('load'), invited.getByRole('link', { name: /귀 기관의 참여를 요청했습니다/ }).click()]);
      assert.match(invited.url(), new RegExp(`/demands/${demand.id}$`));
      await checkPage(invited);
      const mail = await db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('to_address', '=', repairer.admin.email).executeTakeFirstOrThrow();
      assert.match(mail.subject, new RegExp(`탐방객 휠체어 기증 ${suffix}`));
      assert.match(mail.body_text, new RegExp(`/demands/${demand.id}`));
    });
  });
}
