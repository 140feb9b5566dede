import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildMinistry } from '../src/modules/forum/test/builders.ts';
import { launchBrowser, signIn, submit, visit } from './browser.ts';
import { type PrivatePostgres, privatePostgres } from './private-postgres.ts';
import { formSession, startServer, waitReady } from './server-process.ts';

const PORT = 55_000 + (process.pid % 400);

/** Ends every connection to the cluster but the caller's own, idle ones included (as a failover does). */
async function terminateOthers(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = $1', ['client backend']);
    return rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe('a PostgreSQL server that is cut off and restarted under load', { concurrency: false }, () => {
  let cluster: PrivatePostgres;
  before(() => {
    cluster = privatePostgres(PORT);
  });
  after(() => cluster?.destroy());

  it('keeps the app up: in-flight requests get 503, readiness reports it, nothing acknowledged is lost', { timeout: 180_000 }, async () => {
    // TRUST_PROXY lets each sign-up come from its own loopback address, past the per-address limit.
    const server = startServer({ dataDir: mkdtempSync(path.join(tmpdir(), 'ieumteo-pgrestart-')), databaseUrl: cluster.url, env: { TRUST_PROXY: 'true' } });
    await waitReady(server);
    const { cookie, token } = await formSession(server.url);
    const acknowledged: string[] = [];
    const statuses: Record<string, number> = {};
    const readiness: number[] = [];
    let n = 0;
    let phase: 'before' | 'down' | 'after' = 'before';
    let acknowledgedAfter = 0;
    const started = Date.now();
    /** Waits until the load has come so far; fails at once if the server died, and after 30 s. */
    const until = async (reached: () => boolean) => {
      for (const waitedFrom = Date.now(); !reached(); await sleep(20)) {
        if (server.child.exitCode !== null) throw new Error(`the server died: ${JSON.stringify(statuses)}\n${server.output()}`);
        if (Date.now() - waitedFrom > 30_000) throw new Error(`the load stalled: ${JSON.stringify(statuses)}`);
      }
    };

    // Four sign-ups in flight; bounded by count and time.
    const stream = async () => {
      while (n < 400 && Date.now() - started < 90_000 && acknowledgedAfter < 20) {
        const i = n++;
        const email = `restart-${i}@example.kr`;
        const body = new URLSearchParams({ _csrf: token, email, name: '재시작 시험', password: 'survive-the-restart', passwordConfirm: 'survive-the-restart' });
        const headers = { cookie, 'x-forwarded-for': `127.1.${Math.floor(i / 200)}.${(i % 200) + 1}` };
        const response = await fetch(`${server.url}/signup`, { method: 'POST', body, headers, redirect: 'manual' }).catch(() => null);
        const status = String(response?.status ?? 'refused');
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (response?.status === 303) {
          acknowledged.push(email);
          if (phase === 'after') acknowledgedAfter++;
        }
        if (phase === 'down') await sleep(50);
      }
    };
    const incidents = async () => {
      await until(() => acknowledged.length >= 10);
      assert.ok((await terminateOthers(cluster.url)) > 0, 'the app had connections to end');
      await until(() => acknowledged.length >= 25);
      phase = 'down';
      cluster.stop();
      readiness.push(await fetch(`${server.url}/readyz`).then((r) => r.status, () => 0));
      await sleep(2_000);
      cluster.start();
      phase = 'after';
    };
    await Promise.all([stream(), stream(), stream(), stream(), incidents()]);

    assert.equal(server.child.exitCode, null, `the server is still running:\n${server.output()}`);
    assert.deepEqual(readiness, [503], 'readiness reports the database gone');
    await waitReady(server, 15_000);
    assert.equal(statuses['500'], undefined, `no request failed with 500: ${JSON.stringify(statuses)}`);
    assert.ok((statuses['503'] ?? 0) > 0, `requests during the outage are refused with 503: ${JSON.stringify(statuses)}`);
    assert.ok(acknowledgedAfter >= 20, `sign-ups go on after the restart without restarting the app: ${JSON.stringify(statuses)}`);
    assert.match(server.output(), /database connection was lost/, 'the lost connections are logged');
    assert.equal(await server.stop(), 0, 'graceful shutdown on SIGTERM');

    const database = await openDatabase({ url: cluster.url });
    try {
      const stored = new Set((await database.db.selectFrom('users').select('email').execute()).map((u) => u.email));
      const lost = acknowledged.filter((email) => !stored.has(email));
      assert.deepEqual(lost, [], `${acknowledged.length} acknowledged, lost: ${lost.join(', ')}`);
      const mailed = new Set((await database.db.selectFrom('mail_outbox').select('to_address').execute()).map((m) => m.to_address));
      assert.deepEqual(
        acknowledged.filter((email) => !mailed.has(email)),
        [],
        'every acknowledged sign-up has its confirmation mail queued',
      );
    } finally {
      await database.close();
    }
  });

  it('listens again for live notices once the server is back', { timeout: 60_000 }, async () => {
    const database = await openDatabase({ url: cluster.url });
    const heard: (string | null)[] = [];
    const errors: Error[] = [];
    const unlisten = await database.listen('notices', (payload) => heard.push(payload), (error) => errors.push(error));
    try {
      cluster.stop();
      await sleep(1_000);
      cluster.start();
      // The listener reports `null` (re-read what you missed) once it is back.
      for (let waited = 0; !heard.includes(null) && waited < 40_000; waited += 100) await sleep(100);
      assert.ok(heard.includes(null), 'reconnected and said so');
      assert.ok(errors.length > 0, 'the lost connection was reported');
      const sender = new pg.Client({ connectionString: cluster.url });
      await sender.connect();
      await sender.query(`SELECT pg_notify('notices', '42')`);
      await sender.end();
      for (let waited = 0; !heard.includes('42') && waited < 5_000; waited += 50) await sleep(50);
      assert.ok(heard.includes('42'), 'a notice sent after the restart arrives');
    } finally {
      await unlisten();
      await database.close();
    }
  });

  it('serves public pages from their saved copy and gives a post back to be sent again while the server is away', { timeout: 180_000 }, async () => {
    const setup = await openDatabase({ url: cluster.url });
    await migrateToLatest(setup.db);
    const citizen = await buildUser(setup.db, { name: '김정전' });
    await buildMinistry(setup.db, '행정안전부 정전');
    await setup.close();
    const server = startServer({ dataDir: mkdtempSync(path.join(tmpdir(), 'ieumteo-outage-')), databaseUrl: cluster.url, env: { PAGE_CACHE_SECONDS: '2' } });
    const browser = await launchBrowser();
    try {
      await waitReady(server);
      // Visitors have seen the forum in both languages: this instance keeps what it rendered for them.
      for (const lang of ['ko', 'en']) assert.equal((await fetch(`${server.url}/forum`, { headers: { cookie: `lang=${lang}` } })).status, 200);
      const author = await signIn(server, browser, citizen, false);
      await visit(server, author, '/forum/new');
      const title = '정전에도 잃지 않는 제안';
      await author.getByLabel('제목').fill(title);
      await author.getByLabel('현재의 문제').fill('전산망이 멈추면 민원 서류를 낼 곳이 없습니다.');
      await author.getByLabel('제안 내용').fill('장애 중에도 접수만은 받아 두는 창구를 만들어 주세요.');
      await author.getByLabel('기대 효과').fill('장애가 끝나면 바로 처리됩니다.');
      await author.getByLabel('책임 기관').fill('행정안전부 정전');
      await author.getByLabel('분야').selectOption({ label: '교통·안전' });

      let resent: Record<string, string> = {};
      cluster.stop();
      try {
        // The post: nothing saved, answered 503 with Retry-After and the same post ready to go again.
        const [answer] = await Promise.all([author.waitForResponse((r) => r.request().method() === 'POST'), submit(author, '초안 저장')]);
        assert.equal(answer.status(), 503);
        assert.equal(answer.headers()['retry-after'], '5');
        await author.getByRole('heading', { name: '저장하지 못했습니다' }).waitFor();
        resent = Object.fromEntries(await author.locator('form[action="/forum/new"] input[type="hidden"]').evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])));
        assert.equal(resent.title, title);
        assert.ok(resent._csrf && resent._once, 'the token and the one-time key go along');
        await author.getByText('입력한 내용 보기').click();
        await author.getByText('장애 중에도 접수만은 받아 두는 창구를 만들어 주세요.').waitFor();

        // Posts the page did not make: without a token, too large, multipart with a file before a field.
        const stranger = await fetch(`${server.url}/forum/new`, { method: 'POST', body: new URLSearchParams({ title: '토큰 없는 글' }), redirect: 'manual' });
        assert.equal(stranger.status, 503, 'a refused token while the database is away is still our 503');
        assert.doesNotMatch(await stranger.text(), /ECONNREFUSED|127\.0\.0\.1:\d+/, 'the database address stays in the log');
        const cookie = (await author.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
        const huge = await fetch(`${server.url}/forum/new`, { method: 'POST', headers: { cookie }, body: new URLSearchParams({ ...resent, problem: '가'.repeat(300_001) }) });
        assert.equal(huge.status, 503);
        assert.doesNotMatch(await huge.text(), /name="problem"/, 'more than a form takes is not echoed back');
        const multipart = new FormData();
        multipart.set('_csrf', resent._csrf ?? '');
        multipart.set('attachment', new Blob(['%PDF-1.4 첨부']), '계획서.pdf');
        multipart.set('title', '파일 뒤에 온 제목');
        const withFile = await (await fetch(`${server.url}/forum/new`, { method: 'POST', headers: { cookie }, body: multipart })).text();
        assert.match(withFile, /name="title" value="파일 뒤에 온 제목"/, 'a field after the file comes back');
        assert.match(withFile, /첨부 파일은 다시 보내지 않습니다/, 'the file is asked for again');
        assert.equal((await fetch(`${server.url}/forum`, { method: 'HEAD', headers: { cookie: 'lang=ko' } })).status, 200, 'HEAD as GET');

        // A public page, signed in or not: the copy rendered before, saying so; readiness fails.
        const reader = await author.context().newPage();
        await visit(server, reader, '/forum');
        await reader.getByText(/저장해 둔 화면을 보여 드립니다/).waitFor();
        const visitor = await fetch(`${server.url}/forum`, { headers: { cookie: 'lang=en' } });
        assert.equal(visitor.status, 200);
        assert.equal(visitor.headers.get('cache-control'), 'no-store');
        assert.match(await visitor.text(), /this is the page as saved at/);
        assert.equal((await fetch(`${server.url}/demands`)).status, 503, 'a page never saved is refused');
        assert.equal((await fetch(`${server.url}/readyz`)).status, 503);
      } finally {
        cluster.start();
      }

      // Back without a restart: the same post, sent again, is saved once however often it is sent.
      await waitReady(server, 15_000);
      await submit(author, '다시 보내기');
      await author.getByText('제안 초안을 저장했습니다.').waitFor();
      const cookies = (await author.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const twice = await fetch(`${server.url}/forum/new`, { method: 'POST', headers: { cookie: cookies }, body: new URLSearchParams(resent), redirect: 'manual' });
      assert.equal(twice.status, 303, 'a second resend is sent to what the first made');
      const fresh = await (await fetch(`${server.url}/forum`)).text();
      assert.doesNotMatch(fresh, /저장해 둔 화면/, 'fresh pages again');
      const check = await openDatabase({ url: cluster.url });
      try {
        const saved = await check.db.selectFrom('forum_proposals').select('id').where('title', '=', title).execute();
        assert.equal(saved.length, 1, 'saved once');
      } finally {
        await check.close();
      }
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
