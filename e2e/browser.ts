import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type SmtpSink, startSmtpSink } from '../test/smtp-sink.ts';
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

/** The application on a loopback port with its job worker running and mail going to a real SMTP sink, as in production. */
export async function startApp(): Promise<RunningApp> {
  const smtp = await startSmtpSink();
  const t = await buildTestApp({ smtpUrl: smtp.url });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
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
export function useAppAndBrowser(): { app: RunningApp; browser: Browser } {
  const env = {} as { app: RunningApp; browser: Browser };
  before(async () => {
    // Both are started together; if one fails the other is still closed, so the run cannot hang.
    const [app, browser] = await Promise.allSettled([startApp(), launchBrowser()]);
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

export async function newContext(browser: Browser, javaScriptEnabled: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled, locale: 'ko-KR' });
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
 * What every page must pass: axe-core WCAG 2.1 A/AA with zero violations, and no sideways
 * scrolling on a 320 px wide phone.
 */
export async function checkPage(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page: await axeTarget(page) }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations on ${page.url()}`);
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 720 });
  const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scrollWidth <= clientWidth, `${page.url()} scrolls sideways at 320 px (${scrollWidth} > ${clientWidth})`);
  if (viewport) await page.setViewportSize(viewport);
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
