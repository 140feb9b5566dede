import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startSmtpSink } from '../../../../test/smtp-sink.ts';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { scheduleRecurring } from '../../../jobs/worker.ts';
import { jobHandlers } from '../../../jobs/handlers.ts';
import { buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { subscribe } from '../subscriptions.service.ts';

const kst = (local: string) => new Date(`${local}+09:00`);

/** Runs due jobs until none is left (a job may queue another: a digest queues its mail). */
async function drain(t: TestApp): Promise<void> {
  while ((await t.worker.runDue()) > 0);
}

/** Starts the scheduler as the server does at boot, then runs whatever is due. */
async function runScheduler(t: TestApp): Promise<void> {
  await scheduleRecurring(t.db, jobHandlers(t.config, t.database, t.clock), t.clock());
  await drain(t);
}

describe('weekly digest of a subscription, exactly once, with a one-click unsubscribe', () => {
  const closing: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const close of closing.reverse()) await close();
  });

  it('mails one digest after the week, none after a restart, and stops at the link without signing in', async () => {
    const sink = await startSmtpSink();
    closing.push(() => sink.close());
    const first = await buildTestApp({ smtpUrl: sink.url });
    closing.push(() => first.database.close());
    const { db, clock } = first;
    clock.set(kst('2026-11-25T10:00:00')); // a Wednesday

    const reader = await buildUser(db, { name: '김복지' });
    const welfare = (await db.selectFrom('themes').select('id').where('name', '=', '복지').executeTakeFirstOrThrow()).id;
    await subscribe(await ctxAs(db, reader, clock), { theme: String(welfare) });
    const titles = ['독거 어르신 도시락 배달', '경로당 난방비 지원'];
    for (const title of titles) await buildDemand(db, { title, themes: ['복지'], now: clock });
    await buildDemand(db, { title: '하천 쓰레기 줍기', themes: ['환경'], now: clock });
    await runScheduler(first);

    // The demanding organisations' verification mails go to them; the reader's mail is what counts here.
    const toReader = () => sink.messages.filter((m) => [m.to ?? []].flat().some((to) => to.value.some((v) => v.address === reader.email)));
    const notices = await db.selectFrom('notifications').select('kind').where('user_id', '=', reader.id).execute();
    assert.deepEqual(notices.map((n) => n.kind), ['notice.subscriptionMatch', 'notice.subscriptionMatch'], 'told in-app at once');
    assert.equal(toReader().length, 0, 'no mail before the week is over');

    clock.set(kst('2026-11-30T07:00:00')); // Monday, in the quiet hours (22–8)
    await drain(first);
    assert.equal(toReader().length, 0, 'nothing in the quiet hours');

    clock.set(kst('2026-11-30T08:05:00'));
    await drain(first);
    const digest = await sink.waitForMailTo(reader.email);
    assert.match(digest.subject ?? '', /관심 수요 2건/);
    const text = digest.text ?? '';
    for (const title of titles) assert.ok(text.includes(title), text);
    assert.ok(!text.includes('하천 쓰레기 줍기'));
    assert.match(text, /■ 주제: 복지/);
    const link = /http:\/\/localhost:3000(\/unsubscribe\/\S+)/.exec(text)?.[1];
    assert.ok(link, text);
    // RFC 8058: mail clients offer their own unsubscribe button, which posts to the same link.
    const list = digest.headers.get('list') as { unsubscribe?: { url?: string }; 'unsubscribe-post'?: { name?: string } };
    assert.equal(list.unsubscribe?.url, `http://localhost:3000${link}`);
    assert.equal(list['unsubscribe-post']?.name, 'List-Unsubscribe=One-Click');

    // The same installation restarted later that week: the scheduler runs again, and sends nothing.
    await first.app.close();
    const second = await buildTestApp({ smtpUrl: sink.url }, { database: first.database, clock });
    closing.push(() => second.close());
    clock.set(kst('2026-12-02T11:00:00'));
    await runScheduler(second);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(toReader().length, 1, 'exactly one digest for the week');
    assert.equal((await db.selectFrom('digests').selectAll().where('user_id', '=', reader.id).execute()).length, 1);

    // The link works without a session: a page with one button, and the mail client's one-click POST.
    const page = await second.app.inject({ method: 'GET', url: link });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /메일 수신 거부/);
    const forged = await second.app.inject({ method: 'POST', url: `${link.slice(0, -3)}abc`, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(forged.statusCode, 404, 'a token the server did not sign');
    const oneClick = await second.app.inject({ method: 'POST', url: link, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(oneClick.statusCode, 303);

    // Still told in-app of a new 복지 demand, but no mail the following week.
    await buildDemand(db, { title: '어르신 말벗 봉사', themes: ['복지'], now: clock });
    await drain(second);
    clock.set(kst('2026-12-07T09:00:00'));
    await drain(second);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(toReader().length, 1, 'no digest after unsubscribing');
    assert.equal((await db.selectFrom('notifications').select('id').where('user_id', '=', reader.id).execute()).length, 3);
  });
});
