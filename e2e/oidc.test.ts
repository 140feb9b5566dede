import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startOidcProvider, type TestOidcProvider } from '../test/oidc-provider.ts';
import { checkPage, newContext, submit, useAppAndBrowser, visit } from './browser.ts';

/**
 * Signing in through an OpenID provider started by the test, in a browser without JavaScript: the
 * button, the provider's own pages, the consent, the account; then straight in the next time.
 */
describe('OpenID Connect sign-in in the browser (JavaScript off)', () => {
  let provider: TestOidcProvider | undefined;
  const env = useAppAndBrowser(async (url) => {
    provider = await startOidcProvider(url);
    return { oidcProviders: [provider.setting()] };
  });
  after(() => provider?.close());

  /**
   * A browser without scripts whose requests stay on this machine: the provider's development pages
   * ask for a web font elsewhere and a favicon they do not have — answered empty, not failed.
   */
  const newPage = async () => {
    const context = await newContext(env.browser, false);
    await context.route(
      (url) => url.hostname !== '127.0.0.1' || url.pathname === '/favicon.ico',
      (route) => route.fulfill({ status: 204 }),
    );
    return context.newPage();
  };

  /**
   * From our sign-in page through the provider's pages (not ours: not checked) back to us. A browser
   * still signed in at the provider, having consented before, comes straight back.
   */
  const throughProvider = async (page: Page, login: string) => {
    await visit(env.app, page, '/login');
    await page.getByRole('link', { name: '테스트 인증으로 로그인' }).click();
    for (let step = 0; step < 3 && !page.url().startsWith(env.app.url); step++) {
      if (await page.locator('input[name="login"]').count()) {
        await page.locator('input[name="login"]').fill(login);
        await page.locator('input[name="password"]').fill('any');
      }
      await Promise.all([page.waitForLoadState('load'), page.locator('button[type="submit"]').click()]);
    }
    assert.ok(page.url().startsWith(env.app.url), `back from the provider: ${page.url()}`);
  };

  it('makes an account after consent, and signs it straight in the next time', async () => {
    provider?.people.set('kim', { email: 'kim.oidc@agency.go.kr', email_verified: true, name: '김연동' });
    const page = await newPage();
    await throughProvider(page, 'kim');
    assert.equal(new URL(page.url()).pathname, '/login/oidc/test/confirm');
    await checkPage(page);
    assert.match(await page.content(), /kim\.oidc@agency\.go\.kr/);
    await submit(page, '계정을 만들고 로그인');
    await visit(env.app, page, '/account');
    assert.match(await page.content(), /연결된 인증 서비스/);
    await submit(page, '로그아웃');

    await throughProvider(page, 'kim');
    assert.equal(new URL(page.url()).pathname, '/');
    await checkPage(page);
    await visit(env.app, page, '/account');
    assert.match(await page.content(), /김연동/);
  });

  it('explains a refusal on a page of its own', async () => {
    provider?.people.set('lee', { email: 'lee.oidc@example.com', email_verified: false, name: '이미확인' });
    const page = await newPage();
    await throughProvider(page, 'lee');
    await checkPage(page);
    assert.match(await page.content(), /이메일 주소를 확인하지 않았습니다/);
    await page.getByRole('link', { name: '로그인 화면으로' }).click();
    assert.equal(new URL(page.url()).pathname, '/login');
  });
});
