import assert from 'node:assert/strict';
import { type AddressInfo, createServer } from 'node:net';
import { after, before } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type SmtpSink, startSmtpSink } from '../test/smtp-sink.ts';
import type { Config } from '../src/config.ts';
import { buildTestApp, type TestApp } from '../test/test-app.ts';

/** Debian's Chromium, started as the machine allows (no sandbox as root, no calls home). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface RunningApp extends TestApp {
  url: string;
  /** The SMTP server the app sends its mail to. */
  smtp: SmtpSink;
}

/** A port nobody listens on now, for an app that must know its address before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Settings that depend on where the app answers (a provider's callback address), given that address. */
export type Configure = (url: string) => Promise<Partial<Config>>;

/**
 * The application on a loopback port with its job worker running and mail going to a real SMTP sink,
 * as in production. With `configure`, the app knows its own address (`BASE_URL`) and those settings.
 */
export async function startApp(configure?: Configure): Promise<RunningApp> {
  const smtp = await startSmtpSink();
  const chosen = configure ? await freePort() : 0;
  const own = configure ? { baseUrl: `http://127.0.0.1:${chosen}`, ...(await configure(`http://127.0.0.1:${chosen}`)) } : {};
  const t = await buildTestApp({ smtpUrl: smtp.url, ...own });
  await t.app.listen({ port: chosen, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const timer = setInterval(() => void t.worker.runDue(), 200);
  return {
    ...t,
    url: `http://127.0.0.1:${port}`,
    smtp,
    async close() {
      clearInterval(timer);
      await t.close();
      await smtp.close();
    },
  };
}

/** Registers the suite's setup: a running app and a browser, closed after the suite. */
export function useAppAndBrowser(configure?: Configure): { app: RunningApp; browser: Browser } {
  const env = {} as { app: RunningApp; browser: Browser };
  before(async () => {
    // Both are started together; if one fails the other is still closed, so the run cannot hang.
    const [app, browser] = await Promise.allSettled([startApp(configure), launchBrowser()]);
    if (app.status === 'fulfilled') env.app = app.value;
    if (browser.status === 'fulfilled') env.browser = browser.value;
    if (app.status === 'rejected') throw app.reason;
    if (browser.status === 'rejected') throw browser.reason;
  });
  after(async () => {
    await env.browser?.close();
    await env.app?.close();
  });
  return env;
}

/** For contexts without JavaScript: a scripted page in which axe can run over the same HTML. */
const axeHosts = new WeakMap<BrowserContext, Page>();
/** What went wrong in a context since its last check: script and console errors, failed or refused loads. */
const troubles = new WeakMap<BrowserContext, string[]>();
/** The method of each page's last navigation: only a page got by GET can be asked for again. */
const lastMethod = new WeakMap<Page, string>();

/**
 * Records a context's troubles. A load cut short by the next navigation (`ERR_ABORTED`: a live stream,
 * a script of the page being left) is no trouble, and neither is the status of a page itself (4xx
 * pages are meant; tests check the status they expect).
 */
function watch(context: BrowserContext): void {
  const found: string[] = [];
  troubles.set(context, found);
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const page = message.page();
    if (page && message.location().url === page.url() && message.text().startsWith('Failed to load resource')) return;
    found.push(`console error on ${page?.url()}: ${message.text()} (${message.location().url})`);
  });
  context.on('weberror', (error) => found.push(`script error on ${error.page()?.url()}: ${error.error().message}`));
  context.on('requestfailed', (request) => {
    const error = request.failure()?.errorText;
    if (error !== 'net::ERR_ABORTED') found.push(`${request.url()} failed: ${error}`);
  });
  context.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') found.push(`${response.url()} answered ${response.status()}`);
  });
  context.on('request', (request) => {
    const page = request.frame().page();
    if (request.isNavigationRequest() && page && request.frame() === page.mainFrame()) lastMethod.set(page, request.method());
  });
}

/**
 * The modes a journey runs in. Pages are rendered on the server and the one script (`live.js`, the
 * live unread count) takes part in no step of a journey, which ran alike with it on: journeys run
 * with JavaScript off, the mode every page must work in. JavaScript on is met by the crawl of every
 * kind of page (axe, script and console errors), the live notices' journeys and the foundation
 * journey, which runs in both.
 */
export const JOURNEY_MODES = [false] as const;

export async function newContext(browser: Browser, javaScriptEnabled: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled, locale: 'ko-KR' });
  watch(context);
  if (!javaScriptEnabled) axeHosts.set(context, await (await browser.newContext({ locale: 'ko-KR' })).newPage());
  return context;
}

/**
 * axe needs JavaScript, which a page opened with it switched off cannot run. The HTML that page
 * received is served again, at the same address (so styles load alike), to a page that can.
 */
async function axeTarget(page: Page): Promise<Page> {
  const host = axeHosts.get(page.context());
  if (!host) return page;
  const html = await page.content();
  const url = page.url();
  await host.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
  await host.goto(url);
  await host.unroute(url);
  return host;
}

/**
 * What a page must show a person, in the language it is in, on a 320 px wide phone: no sideways
 * scrolling of the page; no id used twice (a label would find the other field); every label and legend on screen (not hidden, clipped or squeezed to
 * nothing — KRDS hides legends); a table wider than its region with a cue (the edge shadow) that
 * more lies beside it; after a refused form, the focus on the error summary; and nothing failed
 * to load.
 */
async function checkLayout(page: Page): Promise<void> {
  const where = `${page.url()} (${await page.locator('html').getAttribute('lang')})`;
  // Chromium moves the focus to an `autofocus` element at a rendering step after the load event,
  // later still on a busy machine: it is given up to 2 s before it counts as missing.
  const unfocused = () =>
    page.evaluate(() => {
      const summary = document.querySelector('.error-summary');
      return summary !== null && document.activeElement !== summary;
    });
  for (let tries = 0; tries < 40 && (await unfocused()); tries++) await page.waitForTimeout(50);
  const found = await page.evaluate(() => {
    const summary = document.querySelector('.error-summary');
    // A closed <details> hides what it holds until opened: that is its purpose, not a fault.
    const unseen = [...document.querySelectorAll('label, legend')]
      .filter((e) => !e.closest('details:not([open])'))
      .filter((e) => {
        const box = e.getBoundingClientRect();
        const style = getComputedStyle(e);
        const clipped = style.clip !== 'auto' || style.clipPath !== 'none' || (style.position === 'absolute' && style.overflow === 'hidden');
        return box.width < 2 || box.height < 2 || style.visibility === 'hidden' || style.display === 'none' || clipped;
      })
      .map((e) => e.textContent?.trim());
    const uncued = [...document.querySelectorAll('.table-scroll')]
      .filter((e) => e.scrollWidth > e.clientWidth && getComputedStyle(e).backgroundImage === 'none')
      .map((e) => e.getAttribute('aria-label'));
    // Two fields with one id: a label (and an error summary's link) finds only the first of them.
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    const duplicated = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
    return {
      duplicated,
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      unseen,
      uncued,
      unfocused: summary !== null && document.activeElement !== summary,
    };
  });
  assert.ok(found.scrollWidth <= found.clientWidth, `${where} scrolls sideways at 320 px (${found.scrollWidth} > ${found.clientWidth})`);
  assert.deepEqual(found.unseen, [], `labels or legends out of sight on ${where}`);
  assert.deepEqual(found.duplicated, [], `ids used twice on ${where}`);
  assert.deepEqual(found.uncued, [], `tables scrolling without a cue on ${where}`);
  assert.ok(!found.unfocused, `the error summary of ${where} does not have the focus`);
  const seen = troubles.get(page.context()) ?? [];
  assert.deepEqual(seen.splice(0), [], `troubles loading ${where}`);
}

/** One name per kind of page: numbers become N and only the names of query parameters count. */
export function pageKind(url: URL): string {
  return `${url.pathname.replace(/\d+/g, 'N')}?${[...url.searchParams.keys()].sort().join('&')}`;
}

/** Kinds of page already checked in the other language, per language. */
const otherLanguageChecked = new Set<string>();

/**
 * The same address in the other language, in a second tab of the same session: English text is
 * longer and must fit as well. Only a page got by GET is asked for again (a refused form's page is
 * the answer to a POST), and each kind of page once per run: journeys pass the same pages often.
 */
async function checkOtherLanguage(page: Page): Promise<void> {
  if (lastMethod.get(page) !== 'GET') return;
  const context = page.context();
  const lang = await page.locator('html').getAttribute('lang');
  const url = new URL(page.url());
  const kind = `${lang}:${pageKind(url)}`;
  if (otherLanguageChecked.has(kind)) return;
  otherLanguageChecked.add(kind);
  await context.addCookies([{ name: 'lang', value: lang === 'en' ? 'ko' : 'en', url: url.origin }]);
  const other = await context.newPage();
  try {
    await other.setViewportSize({ width: 320, height: 720 });
    await other.goto(url.href);
    await checkLayout(other);
  } finally {
    await other.close();
    await context.addCookies([{ name: 'lang', value: lang ?? 'ko', url: url.origin }]);
  }
}

/**
 * What every page must pass: axe-core WCAG 2.1 A/AA with zero violations, and at 320 px what
 * `checkLayout` asks, in its language and (when got by GET) in the other one.
 */
export async function checkPage(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 720 });
  await checkLayout(page);
  if (viewport) await page.setViewportSize(viewport);
  // Legacy mode runs axe in the page itself. The default runs it per frame and then again in a new
  // blank page to merge the frames' results: ~22 % of a journey's time, for iframes no page has.
  const results = await new AxeBuilder({ page: await axeTarget(page) }).setLegacyMode().withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations on ${page.url()}`);
  // axe sets inline styles while it measures, which the CSP refuses and the console reports.
  troubles.get(page.context())?.splice(0);
  await checkOtherLanguage(page);
}

/** Opens `path` of the app, expects it to answer, and checks the page. */
export async function visit(app: { url: string }, page: Page, path: string): Promise<void> {
  const response = await page.goto(app.url + path);
  assert.ok(response && response.status() < 400, `${path} answered ${response?.status()}`);
  await checkPage(page);
}

/** A new browser context signed in as `user` through the login form. */
export async function signIn(app: { url: string }, browser: Browser, user: { email: string; password: string }, javaScriptEnabled: boolean): Promise<Page> {
  const page = await (await newContext(browser, javaScriptEnabled)).newPage();
  await visit(app, page, '/login');
  await page.getByLabel('이메일').fill(user.email);
  await page.getByLabel('비밀번호').fill(user.password);
  await submit(page, '로그인');
  return page;
}

/** Follows the (first) link of that name, waits for the next page and checks it. */
export async function follow(page: Page, name: string | RegExp): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name }).first().click()]);
  await checkPage(page);
}

/** Presses the named button, waits for the next page and checks it. */
export async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: button, exact: true }).click()]);
  await checkPage(page);
}
