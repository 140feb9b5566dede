import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { freshPostgres } from '../test/test-database.ts';
import { checkPage, launchBrowser, signIn, submit, visit } from './browser.ts';
import { type ServerProcess, startServer, waitReady } from './server-process.ts';

/** Live fan-out needs what only a PostgreSQL server has: several processes on one database. */
const POSTGRES = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Two app processes on one PostgreSQL database: an organisation replies through one, and the
 * demanding organisation, whose browser is on the other, sees the unread count and the notice appear
 * without reloading. Without JavaScript the same page shows it on the next load.
 */
describe('live notifications across two app instances', () => {
  let database: Awaited<ReturnType<typeof freshPostgres>>;
  let browser: Browser;
  const servers: ServerProcess[] = [];

  before(async () => {
    database = await freshPostgres(POSTGRES);
    browser = await launchBrowser();
    for (let i = 0; i < 2; i++) servers.push(startServer({ dataDir: mkdtempSync(path.join(tmpdir(), 'ieumteo-live-')), databaseUrl: database.url }));
    await Promise.all(servers.map((server) => waitReady(server)));
  });
  after(async () => {
    await browser?.close();
    const codes = await Promise.all(servers.map((server) => server.stop()));
    await database?.close();
    assert.deepEqual(codes, [0, 0], 'both instances shut down cleanly with streams open');
  });

  it('shows a reply made through one instance live in a browser connected to the other', { timeout: 240_000 }, async () => {
    const [replyingServer, watchingServer] = servers as [ServerProcess, ServerProcess];
    const demand = await buildDemand(database.db, { title: '탐방객 휠체어 기증' });
    const repairer = await buildOrg(database.db, { name: '(주)든든모빌리티', sector: 'company' });

    const watching = await signIn(watchingServer, browser, demand.org.admin, true);
    await visit(watchingServer, watching, '/notifications');
    await watching.getByText('알림이 없습니다.').waitFor();
    await watching.evaluate(() => Object.assign(window, { loadedOnce: true }));
    const withoutScript = await signIn(watchingServer, browser, demand.org.admin, false);
    await visit(watchingServer, withoutScript, '/notifications');

    const replying = await signIn(replyingServer, browser, repairer.admin, true);
    await visit(replyingServer, replying, `/demands/${demand.id}/reply`);
    await replying.getByLabel('참여 의사와 우리 기관이 할 수 있는 일').fill('수리 공방에서 기증 휠체어를 점검하겠습니다.');
    await submit(replying, '답글 등록');
    await replying.getByText('참여 답글을 등록했습니다').waitFor();

    const notice = "(주)든든모빌리티가 '탐방객 휠체어 기증'에 참여 답글을 남겼습니다.";
    await watching.locator('#notice-list li.unread', { hasText: notice }).waitFor({ timeout: 10_000 });
    await watching.getByRole('link', { name: /^알림 1\s?건 읽지 않음$/ }).waitFor();
    assert.equal(await watching.locator('#live-status').innerText(), '읽지 않은 알림이 1건 있습니다.');
    assert.equal(await watching.getByText('알림이 없습니다.').count(), 0);
    assert.equal(await watching.evaluate(() => 'loadedOnce' in window), true, 'the page was not reloaded');
    await checkPage(watching);

    // Without JavaScript the page stays as it was loaded; the next load shows the notice.
    assert.equal(await withoutScript.getByText(notice).count(), 0);
    await visit(watchingServer, withoutScript, '/notifications');
    await withoutScript.getByRole('link', { name: notice }).waitFor();
    await withoutScript.getByRole('link', { name: /^알림 1\s?건 읽지 않음$/ }).waitFor();

    // Reading it in the no-script tab clears the count in the live one.
    await submit(withoutScript, '모두 읽음으로 표시');
    await watching.getByRole('link', { name: '알림', exact: true }).waitFor({ timeout: 10_000 });
    assert.equal(await watching.locator('#read-all').isHidden(), true);
  });
});
