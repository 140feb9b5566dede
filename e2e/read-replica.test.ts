import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildProposal } from '../src/modules/forum/test/builders.ts';
import { buildCase } from '../src/modules/matches/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { type PrivatePostgres, privatePostgres } from './private-postgres.ts';
import { cookieJar, signInWithForm, startServer, waitReady } from './server-process.ts';

const PRIMARY_PORT = 57_000 + (process.pid % 400) * 2;
/** The replica replays this far behind, so what was read from it shows. */
const APPLY_DELAY_MS = 3_000;

/**
 * `DATABASE_READ_URL` on a real streaming replica (pg_basebackup -R from a private primary) that
 * replays three seconds late: public pages read from it, the person who just wrote reads their own
 * write at once, everyone else a lag later, and a replica that goes away costs nothing.
 */
describe('a streaming read replica', { concurrency: false }, () => {
  let primary: PrivatePostgres;
  let standby: PrivatePostgres | undefined;
  before(() => {
    primary = privatePostgres(PRIMARY_PORT);
  });
  after(() => {
    standby?.destroy();
    primary?.destroy();
  });

  it('serves public pages, keeps read-your-writes and falls back to the primary', { timeout: 180_000 }, async () => {
    const setup = await openDatabase({ url: primary.url });
    await migrateToLatest(setup.db);
    const proposal = await buildProposal(setup.db, { title: '복제본에서 읽는 제안' });
    const member = await buildUser(setup.db, { name: '복제본 회원' });
    const [lead, partner] = [await buildOrg(setup.db), await buildOrg(setup.db)];
    const concluded = await buildCase(setup.db, lead, partner);
    standby = primary.standby(PRIMARY_PORT + 1, `${APPLY_DELAY_MS}ms`);
    const replica = await openDatabase({ url: standby.url });
    const server = startServer({
      dataDir: mkdtempSync(path.join(tmpdir(), 'ieumteo-replica-')),
      databaseUrl: primary.url,
      env: { DATABASE_READ_URL: standby.url, PAGE_CACHE_SECONDS: '0' },
    });
    try {
      await waitReady(server);
      const site = server.url;
      // The replica has replayed what was there before it was made.
      assert.equal((await sql<{ recovery: boolean }>`select pg_is_in_recovery() as recovery`.execute(replica.db)).rows[0]?.recovery, true);

      // Every public page renders from a server that refuses writes.
      const paths = ['/', '/demands', `/demands?q=${encodeURIComponent('수리 공방')}`, `/demands?q=${encodeURIComponent('수리공방간담회')}`, `/demands/${concluded.demandId}`, '/demands/feed.xml', '/orgs', `/orgs/${lead.id}`, '/cases', `/cases/${concluded.matchId}`, '/forum', `/forum/${proposal.id}`, `/forum/${proposal.id}/points?side=for`, '/tasks', '/briefings', '/stats', '/open-data', '/recognition', '/sos/answers', '/api/v1/proposals', '/api/v1/demands', `/api/v1/demands/${concluded.demandId}`, '/api/v1/orgs'];
      for (const pathname of paths) { const r = await fetch(site + pathname, { redirect: 'manual' }); assert.equal(r.status, 200, `${pathname}: ${(await r.text()).slice(-1500)} ${server.output().slice(-3000)}`); }

      // A member signs in and argues on the proposal.
      const jar = cookieJar();
      const signIn = await signInWithForm(site, jar, member);
      assert.equal(signIn.status, 303);
      assert.notEqual(signIn.headers.get('location'), '/login', 'signed in');
      const page = await fetch(`${site}/forum/${proposal.id}`, { headers: { cookie: jar.header() } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      const words = '복제 지연이 있어도 쓴 사람에게는 바로 보여야 합니다.';
      const posted = await fetch(`${site}/forum/${proposal.id}/points`, { method: 'POST', headers: { cookie: jar.header() }, body: new URLSearchParams({ _csrf: csrf, side: 'for', body: words }), redirect: 'manual' });
      assert.equal(jar.keep(posted).status, 303, 'the point was taken');
      assert.match(posted.headers.get('location') ?? '', new RegExp(`^/forum/${proposal.id}`));
      const writtenAt = Date.now();

      // Its writer reads it at once; a visitor reads the replica, which has not replayed it yet.
      const own = await (await fetch(`${site}/forum/${proposal.id}`, { headers: { cookie: jar.header() } })).text();
      assert.match(own, new RegExp(words), 'read-your-writes');
      // The proposal's page, its side's page, and the API's list and points, all from the replica.
      const [visitor, sidePage, listed, points] = await Promise.all([
        fetch(`${site}/forum/${proposal.id}`).then((r) => r.text()),
        fetch(`${site}/forum/${proposal.id}/points?side=for`).then((r) => r.text()),
        fetch(`${site}/api/v1/proposals`).then((r) => r.json() as Promise<{ items: { id: number; points: number }[] }>),
        fetch(`${site}/api/v1/proposals/${proposal.id}/points?side=for`).then((r) => r.text()),
      ]);
      if (Date.now() - writtenAt < APPLY_DELAY_MS) {
        assert.doesNotMatch(visitor, new RegExp(words), 'a visitor reads the lagging replica');
        assert.doesNotMatch(sidePage, new RegExp(words), "the side's page too");
        assert.equal(listed.items.find((p) => p.id === proposal.id)?.points, 0, "the API's list too");
        assert.doesNotMatch(points, new RegExp(words), "the API's points too");
      }
      let seen = false;
      for (const started = Date.now(); !seen && Date.now() - started < 20_000; await sleep(200)) seen = new RegExp(words).test(await (await fetch(`${site}/forum/${proposal.id}`)).text());
      assert.ok(seen, 'the visitor sees it once the replica has replayed it');

      // The replica goes away: public pages read from the primary.
      await replica.close();
      standby.stop();
      for (const pathname of ['/forum', `/forum/${proposal.id}`, '/api/v1/proposals']) assert.equal((await fetch(site + pathname)).status, 200, `${pathname} without the replica`);
      assert.equal((await fetch(`${site}/readyz`)).status, 200, 'the instance stays in the balancer: its primary answers');
    } finally {
      await server.stop();
      await setup.close();
    }
  });
});
