import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_OPERATOR, DEMO_PASSWORD, seedDemoIfEmpty } from '../src/seed/demo-seed.ts';
import { checkPage, newContext, useAppAndBrowser } from './browser.ts';

/** Links that change something or are not pages: the language switch, files, feeds, the live stream. */
const NOT_PAGES = /^\/(lang|logout)\b|\/(files|attachments|materials|stream|feed)\b|\.(csv|json|xlsx|ics|atom|xml)$|^\/(api|open-data\/|admin\/exports\/)/;

/** One address per page kind: numbers become N and only the names of query parameters count. */
function pageKind(url: URL): string {
  const keys = [...url.searchParams.keys()].sort().join('&');
  return `${url.pathname.replace(/\d+/g, 'N')}?${keys}`;
}

/**
 * Every page a person can reach by following links, in the demo world, as a visitor, an operator,
 * an organisation's administrator and an expert reviewer: each kind of page once per person,
 * checked with axe and, in Korean and English at 320 px, for sideways scrolling, labels and legends
 * out of sight, tables without a scroll cue and anything that failed to load (`checkPage`).
 */
describe('every page reachable by links', () => {
  const env = useAppAndBrowser();
  before(async () => {
    await seedDemoIfEmpty(env.app.db, env.app.config, env.app.clock);
  });

  async function crawl(page: Page, start: string, limit: number): Promise<string[]> {
    const origin = new URL(env.app.url).origin;
    const kinds = new Set<string>();
    const queue = [new URL(start, origin)];
    const checked: string[] = [];
    while (queue.length && checked.length < limit) {
      const url = queue.shift() as URL;
      const response = await page.goto(url.href);
      if (!(response?.headers()['content-type'] ?? '').startsWith('text/html')) continue;
      assert.ok((response?.status() ?? 500) < 400, `${url.pathname} answered ${response?.status()}`);
      await checkPage(page);
      checked.push(url.pathname + url.search);
      for (const href of await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))) {
        const next = new URL(href);
        next.hash = '';
        if (next.origin !== origin || NOT_PAGES.test(next.pathname) || kinds.has(pageKind(next))) continue;
        kinds.add(pageKind(next));
        queue.push(next);
      }
    }
    return checked;
  }

  async function signedIn(email: string): Promise<Page> {
    const page = await (await newContext(env.browser, true)).newPage();
    await page.goto(`${env.app.url}/login`);
    await page.getByLabel('이메일').fill(email);
    await page.getByLabel('비밀번호').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '로그인', exact: true }).click()]);
    return page;
  }

  for (const [who, email, least] of [
    ['a visitor', null, 20],
    ['the operator', DEMO_OPERATOR.email, 35],
    ["an organisation's administrator", 'mois@demo.ieumteo.kr', 25],
    ['an expert reviewer', 'reviewer@demo.ieumteo.kr', 15],
  ] as const) {
    it(`as ${who}`, { timeout: 600_000 }, async () => {
      const page = email ? await signedIn(email) : await (await newContext(env.browser, true)).newPage();
      const checked = await crawl(page, '/', 150);
      assert.ok(checked.length >= least, `${checked.length} pages: ${checked.join(' ')}`);
      await page.context().close();
    });
  }
});
