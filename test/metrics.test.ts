import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { enqueue } from '../src/jobs/queue.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

const TOKEN = 'prometheus-scrape-token';

describe('/metrics', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ metricsToken: TOKEN });
  });
  after(() => t.close());

  const scrape = (authorization?: string) => t.app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });

  it('is read by a scraper with the token, in Prometheus text format', async () => {
    await t.app.inject('/demands');
    await t.app.inject('/demands');
    await t.app.inject('/no/such/page');
    const response = await scrape(`Bearer ${TOKEN}`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.equal(response.headers['cache-control'], 'no-store');
    const body = response.body;
    // Labelled by the route's pattern, never by the address asked for: a scan cannot grow the series.
    assert.match(body, /^ieumteo_http_request_duration_seconds_count\{route="\/demands",method="GET",status="200"\} 2$/m);
    assert.match(body, /^ieumteo_http_request_duration_seconds_count\{route="\(unmatched\)",method="GET",status="404"\} 1$/m);
    assert.doesNotMatch(body, /no\/such\/page/);
    assert.match(body, /^process_cpu_seconds_total \d/m);
    assert.match(body, /^nodejs_eventloop_lag_p99_seconds /m);
    assert.match(body, /^ieumteo_live_streams 0$/m);
    assert.match(body, /^ieumteo_jobs_readable 1$/m);
    if (t.database.kind === 'postgres') assert.match(body, /^ieumteo_db_pool_connections\{state="waiting"\} 0$/m);
    else assert.doesNotMatch(body, /ieumteo_db_pool_connections\{/, 'the embedded database has no pool');
  });

  it('shows the job queue: due jobs per kind and how long the oldest has waited', async () => {
    const now = t.clock();
    await enqueue(t.db, now, 'metrics-probe', {}, { runAt: new Date(now.getTime() - 90_000) });
    await enqueue(t.db, now, 'metrics-probe', {});
    await enqueue(t.db, now, 'metrics-probe', {}, { runAt: new Date(now.getTime() + 3_600_000) });
    const body = (await scrape(`Bearer ${TOKEN}`)).body;
    assert.match(body, /^ieumteo_jobs_due\{kind="metrics-probe"\} 2$/m, 'a job due later is not counted');
    assert.match(body, /^ieumteo_jobs_oldest_due_seconds\{kind="metrics-probe"\} 90$/m);
    await t.db.updateTable('jobs').set({ done_at: now }).where('kind', '=', 'metrics-probe').execute();
    assert.doesNotMatch((await scrape(`Bearer ${TOKEN}`)).body, /kind="metrics-probe"/, 'a kind with nothing due leaves the scrape');
  });

  it('is the plain 404 for anyone without the token, and off when no token is set', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const response = await scrape(authorization);
      assert.equal(response.statusCode, 404, String(authorization));
      assert.doesNotMatch(response.body, /ieumteo_/);
    }
    const off = await buildTestApp();
    try {
      assert.equal((await off.app.inject({ url: '/metrics', headers: { authorization: 'Bearer ' } })).statusCode, 404);
    } finally {
      await off.close();
    }
  });
});
