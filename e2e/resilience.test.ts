import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase } from '../src/db/client.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
let nextPort = 3900 + (process.pid % 50) * 2;

interface Server {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** The real server process, as `npm start` runs it, on its own loopback port and data folder. */
function startServer(dataDir: string): Server {
  const port = nextPort++;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO_SEED: 'false', DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
}

async function waitReady(server: Server, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${server.url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become ready:\n${server.output()}`);
}

/** A visitor's cookie and CSRF token, read from the sign-up form. */
async function formSession(url: string): Promise<{ cookie: string; token: string }> {
  const response = await fetch(`${url}/signup`);
  const cookie = (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1] ?? '';
  return { cookie, token };
}

describe('resilience of the embedded database', { concurrency: false }, () => {
  it('keeps every acknowledged sign-up through a kill -9 in the middle of a stream', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-kill-'));
    const server = startServer(dataDir);
    await waitReady(server);
    const { cookie, token } = await formSession(server.url);
    const acknowledged: string[] = [];
    let n = 0;
    let killed = false;
    // Four sign-ups in flight at any time; SIGKILL once twelve have been acknowledged.
    const stream = async () => {
      while (!killed && n < 19) {
        const email = `kill-${n++}@example.kr`;
        const body = new URLSearchParams({ _csrf: token, email, name: '중단 시험', password: 'survive-the-crash', passwordConfirm: 'survive-the-crash' });
        const response = await fetch(`${server.url}/signup`, { method: 'POST', body, headers: { cookie }, redirect: 'manual' }).catch(() => null);
        if (response?.status === 303) acknowledged.push(email);
        if (acknowledged.length >= 12 && !killed) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([stream(), stream(), stream(), stream()]);
    await server.exited;
    assert.ok(acknowledged.length >= 12);

    const restarted = startServer(dataDir);
    await waitReady(restarted);
    restarted.child.kill('SIGTERM');
    assert.equal(await restarted.exited, 0, 'graceful shutdown on SIGTERM');

    const database = await openDatabase({ dataDir });
    try {
      const stored = new Set((await database.db.selectFrom('users').select('email').execute()).map((u) => u.email));
      const lost = acknowledged.filter((email) => !stored.has(email));
      assert.deepEqual(lost, [], `${acknowledged.length} acknowledged, lost: ${lost.join(', ')}`);
      const mails = await database.db.selectFrom('mail_outbox').select('to_address').execute();
      for (const email of acknowledged) assert.ok(mails.some((m) => m.to_address === email), `confirmation mail for ${email}`);
    } finally {
      await database.close();
    }
  });

  it('refuses a second server on the same data folder, fast and clearly, and corrupts nothing', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-twice-'));
    const first = startServer(dataDir);
    await waitReady(first);
    const started = Date.now();
    const second = startServer(dataDir);
    assert.equal(await second.exited, 1);
    assert.ok(Date.now() - started < 10_000, 'fails fast');
    assert.match(second.output(), /다른 이음터 프로세스\(pid \d+\)가 쓰고 있습니다/);
    const { cookie, token } = await formSession(first.url);
    const body = new URLSearchParams({ _csrf: token, email: 'still@example.kr', name: '계속', password: 'first-still-works', passwordConfirm: 'first-still-works' });
    const response = await fetch(`${first.url}/signup`, { method: 'POST', body, headers: { cookie }, redirect: 'manual' });
    assert.equal(response.status, 303, 'the first server carries on');
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0);
  });
});
