import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startSmtpSink } from '../../../../test/smtp-sink.ts';
import { buildTestApp } from '../../../../test/test-app.ts';
import { DEMO_MAIL_DOMAIN, keepDemoMail, rebaseDemoMail, SMTP_TIMEOUT_MS } from '../mail.ts';

async function signUp(t: Awaited<ReturnType<typeof buildTestApp>>, email: string) {
  const agent = t.agent();
  await agent.get('/signup');
  const response = await agent.post('/signup', { email, name: '메일 수신자', password: 'mail-test-password', passwordConfirm: 'mail-test-password' });
  assert.equal(response.statusCode, 303);
}

describe('mail delivery', () => {
  it('sends queued mail over SMTP with a Korean subject and a working link', async () => {
    const sink = await startSmtpSink();
    const t = await buildTestApp({ smtpUrl: sink.url });
    try {
      await signUp(t, 'smtp@example.kr');
      assert.equal(sink.messages.length, 0, 'nothing is sent inside the request');
      assert.equal(await t.worker.runDue(), 1);
      const [mail] = await sink.waitFor(1);
      assert.equal(mail?.subject, '[이음터] 이메일 주소를 확인해 주세요');
      const link = /http:\/\/localhost:3000(\/verify-email\?token=\S+)/.exec(mail?.text ?? '')?.[1];
      assert.ok(link);
      const verified = await t.agent().get(link);
      assert.match(verified.body, /이메일 주소가 확인되었습니다/);
      const row = await t.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
    } finally {
      await t.close();
      await sink.close();
    }
  });

  it('retries after a temporary SMTP failure, with backoff', async () => {
    const sink = await startSmtpSink({ failFirst: 1 });
    const t = await buildTestApp({ smtpUrl: sink.url });
    try {
      await signUp(t, 'retry@example.kr');
      await t.worker.runDue();
      assert.equal(sink.messages.length, 0);
      const failed = await t.db.selectFrom('mail_outbox').select(['status', 'attempts', 'last_error']).executeTakeFirstOrThrow();
      assert.deepEqual([failed.status, failed.attempts], ['queued', 1]);
      assert.match(failed.last_error ?? '', /try again later/);
      assert.equal(await t.worker.runDue(), 0, 'not retried before its backoff');
      t.clock.advance(31_000);
      assert.equal(await t.worker.runDue(), 1);
      await sink.waitFor(1);
      const sent = await t.db.selectFrom('mail_outbox').select(['status', 'attempts']).executeTakeFirstOrThrow();
      assert.deepEqual([sent.status, sent.attempts], ['sent', 2]);
    } finally {
      await t.close();
      await sink.close();
    }
  });

  it('gives up on an SMTP server that never greets within its timeout, for a retry, so a shutdown is not held', async () => {
    const silent = createServer(() => {}).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const t = await buildTestApp({ smtpUrl: `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}` });
    try {
      await signUp(t, 'silent@example.kr');
      const started = Date.now();
      assert.equal(await t.worker.runDue(), 1);
      assert.ok(Date.now() - started < SMTP_TIMEOUT_MS + 3_000, `${Date.now() - started} ms`);
      const row = await t.db.selectFrom('mail_outbox').select(['status', 'attempts', 'last_error']).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.attempts], ['queued', 1]);
      assert.match(row.last_error ?? '', /Greeting never received/);
    } finally {
      await t.close();
      silent.close();
    }
  });

  it('keeps mail in the outbox for operators when no SMTP server is configured', async () => {
    const t = await buildTestApp();
    try {
      await signUp(t, 'offline@example.kr');
      await t.worker.runDue();
      const row = await t.db.selectFrom('mail_outbox').select(['status', 'to_address']).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'kept', to_address: 'offline@example.kr' });
    } finally {
      await t.close();
    }
  });

  it("keeps mail to the demo's made-up people even with an SMTP server, and sends the rest", async () => {
    const sink = await startSmtpSink();
    const t = await buildTestApp({ smtpUrl: sink.url });
    try {
      await signUp(t, `someone@${DEMO_MAIL_DOMAIN.toUpperCase()}`);
      await signUp(t, 'real@example.kr');
      assert.equal(await t.worker.runDue(), 2);
      await sink.waitFor(1);
      const rows = await t.db.selectFrom('mail_outbox').select(['to_address', 'status']).orderBy('id').execute();
      assert.deepEqual(rows, [
        { to_address: `someone@${DEMO_MAIL_DOMAIN}`, status: 'kept' },
        { to_address: 'real@example.kr', status: 'sent' },
      ]);
      assert.deepEqual(
        sink.messages.flatMap((m) => [m.to ?? []].flat().flatMap((to) => to.value.map((v) => v.address))),
        ['real@example.kr'],
      );
    } finally {
      await t.close();
      await sink.close();
    }
  });

  it("points the demo's mail at another base URL, leaving everyone else's alone", async () => {
    const t = await buildTestApp();
    try {
      await signUp(t, `three@${DEMO_MAIL_DOMAIN}`);
      await signUp(t, 'four@example.kr');
      await rebaseDemoMail(t.db, 'http://localhost:3000', 'http://127.0.0.1:3500');
      const [demo, other] = await t.db.selectFrom('mail_outbox').select('body_text').orderBy('id').execute();
      assert.match(demo?.body_text ?? '', /http:\/\/127\.0\.0\.1:3500\/verify-email\?token=/);
      assert.doesNotMatch(demo?.body_text ?? '', /localhost:3000/);
      assert.match(other?.body_text ?? '', /http:\/\/localhost:3000\/verify-email\?token=/);
    } finally {
      await t.close();
    }
  });

  it('keeps all queued demo mail in one go and finishes its jobs, leaving other mail queued', async () => {
    const t = await buildTestApp();
    try {
      await signUp(t, `one@${DEMO_MAIL_DOMAIN}`);
      await signUp(t, 'other@example.kr');
      await signUp(t, `two@${DEMO_MAIL_DOMAIN}`);
      assert.equal(await keepDemoMail(t.db, t.clock()), 2);
      const rows = await t.db.selectFrom('mail_outbox').select(['to_address', 'status']).orderBy('id').execute();
      assert.deepEqual(
        rows.map((r) => r.status),
        ['kept', 'queued', 'kept'],
      );
      assert.equal(await t.worker.runDue(), 1, 'only the other mail is left for the worker');
      assert.equal(await keepDemoMail(t.db, t.clock()), 0);
    } finally {
      await t.close();
    }
  });
});
