import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isProcessAlive, processIds, procStat } from '../src/shared/processes.ts';
import { DEMO_PARTIAL } from '../src/seed/demo-template.ts';
import { freshDemoTemplate } from '../test/npm-start.ts';
import { type ServerProcess, startServer, waitReady } from './server-process.ts';

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
      assert.deepEqual(await probe.json(), { status: 'preparing' });
      const alive = await fetch(`${server.url}/healthz`);
      assert.equal(alive.status, 200, 'alive: a liveness probe must not restart a first start');
      const post = await fetch(`${server.url}/signin`, { method: 'POST', body: new URLSearchParams({ email: 'a@example.kr' }) });
      assert.equal(post.status, 503, 'a form sent too early is refused, not lost silently');
      assert.match(await post.text(), /이음터를 준비하고 있습니다/);
      const api = await fetch(`${server.url}/api/v1/demands`);
      assert.equal(api.status, 503, 'an API client is told to come back, not held');
      assert.ok(Number(api.headers.get('retry-after')) > 0);

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

  it('copies the demo npm ci made ahead when a plain npm start comes within a day, on any port', { timeout: 120_000 }, async () => {
    freshDemoTemplate();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-first-copy-'));
    // A plain `npm start` on the real clock, on a port of its own (so another base URL than the demo's).
    const server = startServer({ dataDir, env: { DEMO_SEED: 'true', LOG_LEVEL: 'info', CLOCK_START: '' } });
    try {
      await waitReady(server);
      assert.match(server.output(), /demo data made by npm ci copied/);
      assert.match(server.output(), /citizen@demo\.ieumteo\.kr/, 'the demo sign-ins are logged');
      assert.doesNotMatch(server.output(), /demo data loaded/, 'no child made it again');
      assert.match(await (await fetch(`${server.url}/demands`)).text(), /수요과제 [1-9]\d*건/);
      assert.deepEqual(readdirSync(dataDir).filter((name) => name.includes('partial')), []);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  /** The first answer on the port while the demo is made (503 from the preparing page). */
  async function preparing(server: ServerProcess): Promise<Response> {
    for (let i = 0; i < 300; i++) {
      const response = await fetch(`${server.url}/readyz`).catch(() => null);
      if (response) return response;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`nothing answered:\n${server.output()}`);
  }

  const accepts = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });

  it('stops at once, saying so, when the port is taken, and makes nothing', { timeout: 60_000 }, async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-first-port-'));
    try {
      const started = Date.now();
      const server = startServer({ dataDir, env: { DEMO_SEED: 'true', PORT: String(port) } });
      assert.equal(await server.exited, 1);
      assert.ok(Date.now() - started < 15_000, 'before any demo is made');
      assert.match(server.output(), new RegExp(`포트 ${port}에서 연결을 받고 있습니다`));
      assert.doesNotMatch(server.output(), /at Server\.setupListenHandle|node:net/, 'no stack trace');
      assert.deepEqual(readdirSync(dataDir).filter((name) => name !== 'session-secret'), []);
    } finally {
      blocker.close();
    }
  });

  it('answers a held page with the preparing page when the demo cannot be made', { timeout: 60_000 }, async () => {
    freshDemoTemplate();
    // Refused by the child that would make it (a set clock), or by the copy of the one made ahead.
    for (const [clockStart, making] of [[undefined, true], ['', false]] as const) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-first-locked-'));
      // The folder is held by a live process (this test's).
      writeFileSync(path.join(dataDir, 'ieumteo.lock'), String(process.pid));
      const server = startServer({ dataDir, env: { DEMO_SEED: 'true', LOG_LEVEL: 'info', ...(clockStart === undefined ? {} : { CLOCK_START: clockStart }) } });
      // Asked as soon as the port takes connections, while the server still loads its modules.
      const port = Number(new URL(server.url).port);
      for (let i = 0; i < 300 && !(await accepts(port)); i++) await new Promise((r) => setTimeout(r, 20));
      const page = await fetch(`${server.url}/demands`);
      assert.equal(page.status, 503, 'an answer, not a reset connection');
      assert.match(await page.text(), /이음터를 준비하고 있습니다/);
      assert.equal(await server.exited, 1);
      assert.match(server.output(), /다른 이음터 프로세스/);
      assert.equal(/making the demo data now/.test(server.output()), making, 'said to be made only when a child makes it');
    }
  });

  /** Processes whose parent is `pid` (Linux /proc). */
  const childrenOf = (pid: number) => processIds().filter((id) => Number(procStat(id)?.fields[1]) === pid);
  const allEnded = async (pids: number[], ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end && pids.some(isProcessAlive); ) await new Promise((r) => setTimeout(r, 20));
    return !pids.some(isProcessAlive);
  };

  it('stops cleanly on SIGTERM while the demo is made, its child, port, lock and half demo with it', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-first-stopped-'));
    const server = startServer({ dataDir, env: { DEMO_SEED: 'true', LOG_LEVEL: 'info' } });
    await preparing(server);
    // Stopped once the child has the folder and is making the demo in its side folder.
    for (let i = 0; i < 500 && !existsSync(path.join(dataDir, DEMO_PARTIAL)); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(existsSync(path.join(dataDir, DEMO_PARTIAL)), server.output());
    const children = childrenOf(server.child.pid ?? 0);
    const started = Date.now();
    assert.equal(await server.stop(), 0, server.output().slice(-4000));
    assert.ok(Date.now() - started < 5_000, 'at once, not after the demo');
    assert.match(server.output(), /stopping before the start is done/);
    assert.equal(await accepts(Number(new URL(server.url).port)), false, 'the port given up');
    assert.ok(await allEnded(children, 1_000), 'the child that made the demo stopped too');
    assert.deepEqual(readdirSync(dataDir).filter((name) => name !== 'session-secret'), [], 'no lock, no half-made demo left');
  });

  // The demo made ahead is copied and the modules load for a second or two: a stop then must not
  // go on to open the database and take the port.
  it('goes no further once stopped early in a first start', { timeout: 60_000 }, async () => {
    freshDemoTemplate();
    const server = startServer({ dataDir: mkdtempSync(path.join(tmpdir(), 'ieumteo-first-early-')), env: { DEMO_SEED: 'true', LOG_LEVEL: 'info', CLOCK_START: '' } });
    await preparing(server);
    assert.equal(await server.stop(), 0, server.output().slice(-4000));
    assert.match(server.output(), /stopping before the start is done/);
    assert.doesNotMatch(server.output(), /Server listening|시작되었습니다/, 'not started after the stop');
  });

  it('takes its child with it when killed, so that a start right after takes the folder over', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-first-killed-'));
    const killed = startServer({ dataDir, env: { DEMO_SEED: 'true' } });
    await preparing(killed);
    // Killed while the child still loads its modules, before it has looked at anything.
    let children: number[] = [];
    for (let i = 0; i < 250 && !children.length; i++) {
      children = childrenOf(killed.child.pid ?? 0);
      if (!children.length) await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(children.length, 'a child makes the demo');
    killed.child.kill('SIGKILL');
    await killed.exited;
    assert.ok(await allEnded(children, 1_000), 'the child ended with its server');
    const restarted = startServer({ dataDir, env: { DEMO_SEED: 'true', LOG_LEVEL: 'info' } });
    try {
      await waitReady(restarted, 90_000);
      assert.match(restarted.output(), /demo accounts/, 'the demo made whole by the second start');
    } finally {
      assert.equal(await restarted.stop(), 0, restarted.output().slice(-4000));
    }
  });
});
