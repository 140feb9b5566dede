import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { buildReply } from '../src/modules/matches/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { JOURNEY_MODES, follow, newContext, signIn, submit, useAppAndBrowser, visit } from './browser.ts';

/**
 * Recognition: the operator sets the points per activity and records a 협업인재상; anyone then finds
 * the award and the organisations' ranking (from the footer). JavaScript off (`JOURNEY_MODES`); axe on each page.
 */
for (const javaScriptEnabled of JOURNEY_MODES) {
  describe(`recognition (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    const env = useAppAndBrowser();
    const suffix = javaScriptEnabled ? '가' : '나';

    it('weighs activity, records an award and shows both to everyone', { timeout: 240_000 }, async () => {
      const db = env.app.db;
      const park = await buildOrg(db, { name: `국립공원공단 ${suffix}`, sector: 'public-institution' });
      const wheels = await buildOrg(db, { name: `(주)바퀴 ${suffix}`, sector: 'company' });
      const demand = await buildDemand(db, { org: park, title: `휠체어 나눔 ${suffix}` });
      await buildReply(db, demand.id, { org: wheels });

      const staff = await signIn(env.app, env.browser, await buildUser(db, { role: 'operator' }), javaScriptEnabled);
      await visit(env.app, staff, '/admin');
      await follow(staff, '시상·활동 점수 관리');
      await staff.getByLabel('참여 답글').fill('50');
      await submit(staff, '점수 저장');
      await staff.getByText('활동별 점수를 저장했습니다.').waitFor();
      await staff.getByLabel('상 이름').fill('협업인재상');
      await staff.getByLabel('받는 사람').fill('');
      await staff.getByLabel('기관 이름').fill(`국립공원공단 ${suffix}`);
      await staff.getByLabel('시상 사유').fill('휠체어 나눔 협업을 이끌었습니다.');
      await staff.getByLabel('시상일').fill('2026-11-20');
      await submit(staff, '시상 기록');
      await staff.getByText('개인상은 받는 사람을 적어 주세요.').first().waitFor();
      assert.equal(await staff.getByLabel('시상 사유').inputValue(), '휠체어 나눔 협업을 이끌었습니다.', 'typed text kept');
      await staff.getByLabel('받는 사람').fill('김하늘');
      await submit(staff, '시상 기록');
      await staff.getByText('시상을 기록했습니다.').waitFor();

      const visitor = await (await newContext(env.browser, javaScriptEnabled)).newPage();
      await visit(env.app, visitor, '/');
      await follow(visitor, '시상·활동');
      await visitor.getByText(`김하늘 · 국립공원공단 ${suffix}`).waitFor();
      const rows = visitor.locator('table tbody tr');
      // The reply is worth 50 now, the publication 10.
      assert.match(await rows.nth(0).innerText(), new RegExp(`\\(주\\)바퀴 ${suffix}.*\\s50$`, 's'));
      assert.match(await rows.nth(1).innerText(), new RegExp(`국립공원공단 ${suffix}.*\\s10$`, 's'));
    });
  });
}
