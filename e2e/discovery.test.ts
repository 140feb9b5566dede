import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { BuiltUser } from '../src/modules/accounts/test/builders.ts';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { JOURNEY_MODES, checkPage, signIn as signInAs, submit, useAppAndBrowser, visit as visitPage } from './browser.ts';

/**
 * Partners nobody thought of: an organisation that repairs medical devices is recommended for a
 * wheelchair-donation demand with its reason shown; the demanding organisation invites it and the
 * invited organisation finds the notification and the mail (through SMTP), and sees the demand among
 * those suggested on its dashboard; a draft's author is shown a similar published demand.
 * JavaScript off (`JOURNEY_MODES`).
 */
for (const javaScriptEnabled of JOURNEY_MODES) {
  describe(`partner recommendations (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    const env = useAppAndBrowser();
    const suffix = javaScriptEnabled ? '가' : '나';
    const visit = (page: Page, path: string) => visitPage(env.app, page, path);

    const signIn = (user: BuiltUser) => signInAs(env.app, env.browser, user, javaScriptEnabled);

    it('recommends a repairer with its reason, invites it, and the repairer is told', { timeout: 240_000 }, async () => {
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
      // Its administrators were told of the organisation's verification first; the invitation follows.
      const mail = await env.app.smtp.waitForMailTo(repairer.admin.email, 5000, /참여를 요청했습니다/);
      assert.match(mail.subject ?? '', new RegExp(`탐방객 휠체어 기증 ${suffix}`));
      assert.match(mail.text ?? '', new RegExp(`/demands/${demand.id}`));

      // The repairer's dashboard suggests the demand back, with the reason in its own voice.
      await visit(invited, '/demands/mine');
      await checkPage(invited);
      const suggested = invited.locator('.suggestion-list > li', { hasText: `탐방객 휠체어 기증 ${suffix}` });
      await suggested.getByText("필요 역량 '휠체어 수선' ↔ 우리 기관의 역량 '의료기기 수리'").waitFor();
      await Promise.all([invited.waitForLoadState('load'), invited.getByRole('link', { name: `(주)든든모빌리티 ${suffix}에 맞는 수요 더 보기` }).click()]);
      await checkPage(invited);
      await invited.locator('.suggestion-list', { hasText: `탐방객 휠체어 기증 ${suffix}` }).waitFor();
    });

    it('warns the author of a draft about a similar published demand', { timeout: 120_000 }, async () => {
      const db = env.app.db;
      await buildDemand(db, { title: `경로당 휠체어 수리 봉사 ${suffix}`, needs: [['의료기기 수리', '경로당 휠체어 점검']] });
      const draft = await buildDemand(db, { title: `경로당 휠체어 점검 ${suffix}`, needs: [['의료기기 수리', '휠체어 수리']], status: 'draft' });
      const page = await signIn(draft.org.admin);
      await visit(page, `/demands/${draft.id}`);
      await checkPage(page);
      const warning = page.locator('section.similar', { hasText: '게시하기 전에 비슷한 수요를 확인하세요' });
      await warning.getByRole('link', { name: `경로당 휠체어 수리 봉사 ${suffix}` }).waitFor();
    });
  });
}
