import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase } from '../src/db/client.ts';
import { formSession, startServer, waitReady } from './server-process.ts';

describe('resilience of the embedded database', { concurrency: false }, () => {
  it('keeps every acknowledged sign-up through a kill -9 in the middle of a stream', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-kill-'));
    const server = startServer({ dataDir });
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

    const restarted = startServer({ dataDir });
    await waitReady(restarted);
    assert.equal(await restarted.stop(), 0, 'graceful shutdown on SIGTERM');

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
    const first = startServer({ dataDir });
    await waitReady(first);
    const started = Date.now();
    const second = startServer({ dataDir });
    assert.equal(await second.exited, 1);
    assert.ok(Date.now() - started < 10_000, 'fails fast');
    assert.match(second.output(), /다른 이음터 프로세스\(pid \d+\)가 쓰고 있습니다/);
    const { cookie, token } = await formSession(first.url);
    const body = new URLSearchParams({ _csrf: token, email: 'still@example.kr', name: '계속', password: 'first-still-works', passwordConfirm: 'first-still-works' });
    const response = await fetch(`${first.url}/signup`, { method: 'POST', body, headers: { cookie }, redirect: 'manual' });
    assert.equal(response.status, 303, 'the first server carries on');
    assert.equal(await first.stop(), 0);
  });
});
