import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_OPERATOR, DEMO_PASSWORD, seedDemoIfEmpty } from '../src/seed/demo-seed.ts';
import { checkPage, newContext, pageKind, signIn, useAppAndBrowser } from './browser.ts';

/** Links that change something or are not pages: the language switch, files, feeds, the live stream. */
const NOT_PAGES = /^\/(lang|logout)\b|\/(files|attachments|materials|stream|feed)\b|\.(csv|json|xlsx|ics|atom|xml)$|^\/(api|open-data\/|admin\/exports\/)/;

/**
 * Every page a person can reach by following links, in the demo world, as the operator, an
 * organisation's administrator, an expert reviewer and a visitor. Each person follows every kind of
 * page they can reach; each kind is checked once, for the first person who reaches it, with axe and,
 * in Korean and English at 320 px, for sideways scrolling, labels and legends out of sight, tables
 * without a scroll cue and anything that failed to load (`checkPage`).
 */
describe('every page reachable by links', () => {
  const env = useAppAndBrowser();
  before(async () => {
    await seedDemoIfEmpty(env.app.db, env.app.config, env.app.clock);
  });

  /** Kinds of page checked, for anyone: a kind is checked once. */
  const checkedKinds = new Set<string>();
  const checkedByAll: string[] = [];

  async function crawl(page: Page, start: string, limit: number): Promise<string[]> {
    const origin = new URL(env.app.url).origin;
    const kinds = new Set<string>();
    const queue = [new URL(start, origin)];
    const checked: string[] = [];
    for (let visited = 0; queue.length && visited < limit; visited++) {
      const url = queue.shift() as URL;
      const response = await page.goto(url.href);
      if (!(response?.headers()['content-type'] ?? '').startsWith('text/html')) continue;
      assert.ok((response?.status() ?? 500) < 400, `${url.pathname} answered ${response?.status()}`);
      if (!checkedKinds.has(pageKind(url))) {
        checkedKinds.add(pageKind(url));
        await checkPage(page);
        checked.push(url.pathname + url.search);
        checkedByAll.push(url.pathname + url.search);
      }
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

  for (const [who, email] of [
    ['the operator', DEMO_OPERATOR.email],
    ["an organisation's administrator", 'mois@demo.ieumteo.kr'],
    ['an expert reviewer', 'reviewer@demo.ieumteo.kr'],
    ['a visitor', null],
  ] as const) {
    it(`as ${who}`, { timeout: 600_000 }, async () => {
      const page = email ? await signIn(env.app, env.browser, { email, password: DEMO_PASSWORD }, true) : await (await newContext(env.browser, true)).newPage();
      const checked = await crawl(page, '/', 150);
      assert.ok(checked.length >= 1, `${who} found no page of a new kind`);
      await page.context().close();
    });
  }

  it('has reached the site’s kinds of page', () => {
    assert.ok(checkedByAll.length >= 50, `${checkedByAll.length} pages: ${checkedByAll.join(' ')}`);
    // The newest module's pages too, so a crawl cut short by its limit cannot skip them unnoticed.
    const forum = ['/forum?', '/forum/N?', '/forum/points/N?', '/forum/N/report?', '/admin/forum?'];
    assert.deepEqual(
      forum.filter((kind) => !checkedKinds.has(kind)),
      [],
      [...checkedKinds].join(' '),
    );
  });
});
