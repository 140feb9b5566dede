import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startServer, waitReady } from './server-process.ts';

describe('the first npm start on the embedded database, with the demo', () => {
  it('answers while the demo is made, holds a page until it is ready, and leaves no half-made database', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-first-'));
    const server = startServer({ dataDir, env: { DEMO_SEED: 'true', LOG_LEVEL: 'info' } });
    try {
      // The port answers before the application has loaded: not ready yet, and saying so.
      let probe: Response | null = null;
      for (let i = 0; i < 300 && !probe; i++) probe = await fetch(`${server.url}/readyz`).catch(() => new Promise<null>((r) => setTimeout(() => r(null), 50)));
      assert.ok(probe, `nothing answered:\n${server.output()}`);
      assert.equal(probe.status, 503);
      assert.ok(Number(probe.headers.get('retry-after')) > 0);
      assert.match(await probe.text(), /이음터를 준비하고 있습니다/);
      const post = await fetch(`${server.url}/signin`, { method: 'POST', body: new URLSearchParams({ email: 'a@example.kr' }) });
      assert.equal(post.status, 503, 'a form sent too early is refused, not lost silently');

      // A page asked for meanwhile is held, then sent again to the application, which shows the demo.
      const elsewhere = fetch(`${server.url}//elsewhere.example/`, { redirect: 'manual' });
      const page = await fetch(`${server.url}/demands`);
      assert.equal(page.status, 200);
      assert.ok(page.redirected);
      assert.match(await page.text(), /수요과제 [1-9]\d*건/);
      const held = await elsewhere;
      assert.equal(held.status, 303);
      assert.equal(held.headers.get('location'), '/', 'never to another site');
      await waitReady(server);
      assert.match(server.output(), /operator@demo\.ieumteo\.kr/, 'the demo sign-ins are logged');
      assert.deepEqual(readdirSync(dataDir).filter((name) => name.includes('partial')), []);
      assert.ok(existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION')));
    } finally {
      assert.equal(await server.stop(), 0);
    }
    // A restart finds the database and serves at once, without making the demo again.
    const restarted = startServer({ dataDir, env: { DEMO_SEED: 'true', LOG_LEVEL: 'info' } });
    try {
      await waitReady(restarted);
      assert.doesNotMatch(restarted.output(), /demo accounts/);
    } finally {
      await restarted.stop();
    }
  });
});
