import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { notifyInApp } from '../src/modules/notifications/index.ts';
import { clock } from '../test/clock.ts';
import { type PrivatePostgres, privatePostgres } from './private-postgres.ts';
import { type ReverseProxy, startNginx } from './reverse-proxy.ts';
import { cookieJar, type ServerProcess, signInWithForm, startServer, waitReady } from './server-process.ts';

const PG_PORT = 56_000 + (process.pid % 400);
const PROXY_PORT = 56_500 + (process.pid % 400);
const METRICS_TOKEN = 'several-instances';

/** How many requests for `route` an instance has answered, from its own /metrics. */
async function answered(server: ServerProcess, route: string): Promise<number> {
  const body = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const lines = body.split('\n').filter((line) => line.startsWith(`ieumteo_http_request_duration_seconds_count{route="${route}",`));
  return lines.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/**
 * Two instances of the app on one PostgreSQL server behind Debian's nginx, configured as
 * docs/OPERATIONS.md says: requests spread over both, a session and its CSRF token hold on either,
 * live notices stream through the proxy from whichever instance, and one instance stopping costs
 * the visitors nothing.
 */
describe('two instances behind nginx', { concurrency: false }, () => {
  let cluster: PrivatePostgres;
  let servers: ServerProcess[] = [];
  let proxy: ReverseProxy | undefined;
  before(() => {
    cluster = privatePostgres(PG_PORT);
  });
  after(async () => {
    await proxy?.stop();
    for (const server of servers) if (server.child.exitCode === null) await server.stop();
    cluster?.destroy();
  });

  it('spreads requests, keeps sessions, streams live notices and survives losing an instance', { timeout: 180_000 }, async () => {
    const setup = await openDatabase({ url: cluster.url });
    await migrateToLatest(setup.db);
    const member = await buildUser(setup.db, { name: '두서버 회원' });
    // Shared settings: one session secret, files on storage both see (one folder here).
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-two-'));
    const env = { SESSION_SECRET: 'shared-secret-of-both-instances-0123456789', TRUST_PROXY: 'true', METRICS_TOKEN, PAGE_CACHE_SECONDS: '0' };
    servers = [startServer({ dataDir, databaseUrl: cluster.url, env }), startServer({ dataDir, databaseUrl: cluster.url, env })];
    for (const server of servers) await waitReady(server);
    proxy = await startNginx(PROXY_PORT, servers.map((server) => new URL(server.url).host));
    const site = proxy.url;

    // Spread: both instances answer the home page.
    for (let i = 0; i < 10; i++) assert.equal((await fetch(`${site}/`)).status, 200);
    const [a, b] = servers as [ServerProcess, ServerProcess];
    assert.ok((await answered(a, '/')) > 0 && (await answered(b, '/')) > 0, 'both instances served the home page');

    // A session and its CSRF token hold whichever instance answers.
    const jar = cookieJar();
    const login = await signInWithForm(site, jar, member);
    assert.equal(login.status, 303, 'signed in through the proxy');
    const accountBefore = [await answered(a, '/account'), await answered(b, '/account')];
    for (let i = 0; i < 6; i++) {
      const page = await fetch(`${site}/account`, { headers: { cookie: jar.header() }, redirect: 'manual' });
      assert.equal(page.status, 200, 'still signed in');
      assert.match(await page.text(), /두서버 회원/);
    }
    assert.ok((await answered(a, '/account')) > accountBefore[0]! && (await answered(b, '/account')) > accountBefore[1]!, 'the account page came from both');

    // Live notices through the proxy: raised in the database, heard by the instance holding the stream.
    const abort = new AbortController();
    const stream = await fetch(`${site}/notifications/stream`, { headers: { cookie: jar.header() }, signal: abort.signal });
    assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const until = async (pattern: RegExp) => {
      const deadline = Date.now() + 10_000;
      while (!pattern.test(received)) {
        assert.ok(Date.now() < deadline, `no event matching ${pattern} through the proxy: ${received}`);
        const chunk = await Promise.race([reader.read(), sleep(deadline - Date.now(), { done: true, value: '' } as const)]);
        if (chunk.done) break;
        received += chunk.value;
      }
      assert.match(received, pattern);
    };
    await until(/"unread":0/);
    await notifyInApp(setup.db, clock(), member.id, { kind: 'notice.partnerInvited', params: { org: '(주)두서버', title: '부하 분산' }, link: '/demands/1' });
    await until(/"unread":1/);
    abort.abort();

    // One instance stops (a deploy, a crash): nginx sends everyone to the other.
    assert.equal(await a.stop(), 0);
    for (let i = 0; i < 10; i++) {
      const page = await fetch(`${site}/account`, { headers: { cookie: jar.header() }, redirect: 'manual' });
      assert.equal(page.status, 200, `request ${i} after one instance stopped`);
    }
    await setup.close();
  });
});
