import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { checkPage, follow, signIn, submit, useAppAndBrowser, visit } from './browser.ts';

/** A person makes an API token without JavaScript: the reference, the form, its errors, the secret shown once. */
describe('API tokens in the browser (JavaScript off)', () => {
  const env = useAppAndBrowser();
  it('reads the reference, is told what is wrong, makes a token and sees it once', async () => {
    const user = await buildUser(env.app.db);
    const page = await signIn(env.app, env.browser, user, false);
    for (const path of ['/developers', '/account/tokens']) {
      await visit(env.app, page, path);
      await checkPage(page);
    }
    await page.getByLabel('토큰 이름').fill('x');
    await page.getByRole('button', { name: '토큰 만들기' }).click();
    await checkPage(page);
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'error-summary', 'focus on the error summary');
    await page.getByLabel('토큰 이름').fill('예약 시스템 연계');
    await page.locator('label[for="f-days-30"]').click();
    await page.getByRole('button', { name: '토큰 만들기' }).click();
    await checkPage(page);
    const secret = await page.getByLabel('토큰', { exact: true }).inputValue();
    assert.match(secret, /^ieumteo_/);
    await visit(env.app, page, '/account/tokens');
    await checkPage(page);
    assert.ok(!(await page.content()).includes(secret), 'never shown again');
  });
});

/** An organisation's admin sets up a webhook without JavaScript: the form, its errors, the secret once, the log. */
describe('webhooks in the browser (JavaScript off)', () => {
  const env = useAppAndBrowser(async () => ({ webhookPrivateTargets: true }));
  it('is made from the organisation’s page, tried, and its log read', async () => {
    const org = await buildOrg(env.app.db);
    const page = await signIn(env.app, env.browser, org.admin, false);
    await visit(env.app, page, `/orgs/${org.id}`);
    await follow(page, '웹훅');
    await page.getByLabel('받을 주소').fill('ftp://example.com/hook');
    await submit(page, '웹훅 만들기');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'error-summary', 'focus on the error summary');
    await page.getByLabel('받을 주소').fill(`${env.app.url}/healthz`);
    await page.locator('label[for="f-events-match.concluded"]').click();
    await submit(page, '웹훅 만들기');
    assert.match(await page.getByLabel('서명 키').inputValue(), /^whsec_/);
    await follow(page, '웹훅');
    await follow(page, `${env.app.url}/healthz`);
    await submit(page, '시험 전송');
    await env.app.worker.runDue();
    await visit(env.app, page, new URL(page.url()).pathname);
    assert.match(await page.content(), /ping/);
  });
});
