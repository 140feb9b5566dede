import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { rejectsWithFields } from '../../../../test/outcomes.ts';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { addDays } from '../../../shared/dates.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { answerProposal } from '../../forum/answers.service.ts';
import { saveSettings } from '../../forum/settings.service.ts';
import { support } from '../../forum/supports.service.ts';
import { buildMinistry, buildProposal } from '../../forum/test/builders.ts';
import { buildCase, buildReply } from '../../matches/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { sendReportNotices } from '../../tasks/reports.service.ts';
import { buildTask } from '../../tasks/test/builders.ts';
import { deliver } from '../deliver.ts';
import { isPrivateAddress } from '../targets.ts';
import { createWebhook, deleteWebhook, pingWebhook, replayDelivery, webhookLog } from '../webhooks.service.ts';
import { buildWebhook, type Receiver, startReceiver, TEST_RULES } from './builders.ts';

const PUBLIC_ONLY = { ...TEST_RULES, allowPrivate: false };

/** What a receiver should do with a delivery: check the signature over `t.body` with the secret, and its age. */
function verified(secret: string, header: string, body: string): { t: number } | null {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? { t: Number(parts.t) } : null;
}

describe('webhooks', () => {
  let t: TestApp;
  let receiver: Receiver;
  let operator: BuiltUser;
  before(async () => {
    t = await buildTestApp({ webhookPrivateTargets: true });
    receiver = await startReceiver();
    operator = await buildUser(t.db, { role: 'operator' });
    await saveSettings(await ctxAs(t.db, operator), { checkHours: '16', discussionDays: '0', supportNeeded: '1', supportDays: '30', answerDays: '30', reportHours: '8' });
  });
  after(async () => {
    await t.close();
    await receiver.close();
  });
  const deliveries = (webhookId: number) => t.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('id').execute();

  it('delivers a reply to a demand, signed over its time and body, and the receiver can check it', async () => {
    const demand = await buildDemand(t.db);
    const hook = await buildWebhook(t.db, demand.org, receiver.url('/hooks/a'), ['reply.received']);
    const reply = await buildReply(t.db, demand.id);
    await t.worker.runDue();
    const [got] = receiver.received('/hooks/a');
    assert.ok(got, 'the receiver was called');
    assert.equal(got.headers['ieumteo-event'], 'reply.received');
    assert.equal(got.headers['content-type'], 'application/json; charset=utf-8');
    const check = verified(hook.secret, String(got.headers['ieumteo-signature']), got.body);
    assert.ok(check, 'the signature verifies with the secret');
    assert.equal(check.t, Math.floor(t.clock().getTime() / 1000));
    assert.equal(verified('whsec_someone-else', String(got.headers['ieumteo-signature']), got.body), null);
    assert.equal(verified(hook.secret, String(got.headers['ieumteo-signature']), got.body.replace('"reply', '"Reply')), null, 'a changed body fails');
    const event = JSON.parse(got.body);
    assert.equal(event.event, 'reply.received');
    assert.equal(event.id, `reply.received:${reply.id}`);
    assert.equal(event.data.demand.id, demand.id);
    assert.equal(event.data.org.id, reply.org.id);
    const [row] = await deliveries(hook.id);
    assert.equal(row?.status, 'delivered');
    assert.equal(row?.attempts, 1);
    assert.equal(row?.last_status_code, 204);
  });

  it('retries a failed delivery with backoff, marks it failed after the last attempt, and replays it from the log', async () => {
    const demand = await buildDemand(t.db);
    const hook = await buildWebhook(t.db, demand.org, receiver.url('/hooks/flaky'), ['reply.received']);
    receiver.failNext('/hooks/flaky', 1);
    await buildReply(t.db, demand.id);
    await t.worker.runDue();
    let [row] = await deliveries(hook.id);
    assert.equal(row?.status, 'pending');
    assert.equal(row?.last_status_code, 500);
    assert.match(String(row?.last_error), /busy/);
    await t.worker.runDue();
    assert.equal(receiver.received('/hooks/flaky').length, 1, 'not again before the backoff');
    t.clock.advance(31_000);
    await t.worker.runDue();
    [row] = await deliveries(hook.id);
    assert.equal(row?.status, 'delivered');
    assert.equal(row?.attempts, 2);
    const [first, second] = receiver.received('/hooks/flaky');
    assert.equal(first?.body, second?.body, 'the same event, the same body');

    // A receiver that is down for good: eight attempts over about two hours, then failed.
    const other = await buildDemand(t.db);
    const down = await buildWebhook(t.db, other.org, receiver.url('/hooks/down'), ['reply.received']);
    receiver.failNext('/hooks/down', 100);
    await buildReply(t.db, other.id);
    for (let attempt = 0; attempt < 10; attempt++) {
      await t.worker.runDue();
      t.clock.advance(3_600_000);
    }
    const [failed] = await deliveries(down.id);
    assert.equal(failed?.status, 'failed');
    assert.equal(failed?.attempts, 8);
    assert.equal(receiver.received('/hooks/down').length, 8);

    receiver.failNext('/hooks/down', 0);
    const ctx = await ctxAs(t.db, other.org.admin);
    const replayId = await replayDelivery(ctx, other.org.id, down.id, failed!.id);
    await t.worker.runDue();
    const replayed = (await deliveries(down.id)).find((d) => d.id === replayId);
    assert.equal(replayed?.status, 'delivered');
    assert.equal(replayed?.replay_of, failed?.id);
    assert.equal(replayed?.event_id, failed?.event_id, 'receivers recognise the event they may have seen');
    const { log } = await webhookLog(ctx, other.org.id, down.id);
    assert.deepEqual(
      log.items.map((d) => d.status),
      ['delivered', 'failed'],
    );
  });

  it('cuts off a receiver that answers a byte at a time, and keeps any answer it can store', async () => {
    const demand = await buildDemand(t.db);
    const slow = await buildWebhook(t.db, demand.org, receiver.url('/hooks/drip'), ['reply.received']);
    const odd = await buildWebhook(t.db, demand.org, receiver.url('/hooks/nul'), ['reply.received']);
    receiver.answerOddly('/hooks/drip', 'drip');
    receiver.answerOddly('/hooks/nul', 'nul');
    await buildReply(t.db, demand.id);
    const [waiting] = await deliveries(slow.id);
    const started = performance.now();
    await assert.rejects(deliver(t.db, t.clock(), waiting!.id, { number: 1, last: false }, true, 500), /no whole answer/);
    assert.ok(performance.now() - started < 3_000, 'cut off at its deadline, not when the receiver stops');
    const [nul] = await deliveries(odd.id);
    await assert.rejects(deliver(t.db, t.clock(), nul!.id, { number: 1, last: true }, true, 2_000), /HTTP 500|evil/);
    const [logged] = await deliveries(odd.id);
    assert.equal(logged?.status, 'failed', 'the answer was recorded, a NUL in it dropped');
    assert.ok(logged?.last_error && logged.last_error.length <= 500 && !logged.last_error.includes('\u0000'));
    // Their queued retries are of no more use to the other tests.
    await t.db.updateTable('webhooks').set({ deleted_at: t.clock() }).where('id', 'in', [slow.id, odd.id]).execute();
  });

  it('tells of published demands that fit the saved filter, never of the organisation’s own', async () => {
    const watcher = await buildOrg(t.db);
    const hook = await buildWebhook(t.db, watcher, receiver.url('/hooks/demands'), ['demand.published'], 'https://ieumteo.example/demands?q=%EB%B0%98%EB%A0%A4%EA%B2%AC&after=xyz');
    assert.equal((await t.db.selectFrom('webhooks').select('demand_filter').where('id', '=', hook.id).executeTakeFirstOrThrow()).demand_filter, 'q=%EB%B0%98%EB%A0%A4%EA%B2%AC');
    const fits = await buildDemand(t.db, { title: '반려견 놀이터 함께 운영할 기관' });
    await buildDemand(t.db, { title: '청년 창업 공간 나눔' });
    await buildDemand(t.db, { org: watcher, title: '우리 기관의 반려견 산책 행사' });
    await t.worker.runDue();
    await t.worker.runDue();
    const told = receiver.received('/hooks/demands').map((r) => JSON.parse(r.body));
    assert.deepEqual(
      told.map((e) => e.data.demand.id),
      [fits.id],
    );
    assert.equal(told[0].data.demand.url, `${t.config.baseUrl}/demands/${fits.id}`);
  });

  it('tells every party of a concluded match, the reporters of a report due, and followers’ organisations of an answer', async () => {
    const lead = await buildOrg(t.db);
    const partner = await buildOrg(t.db);
    const leadHook = await buildWebhook(t.db, lead, receiver.url('/hooks/lead'), ['match.concluded']);
    const partnerHook = await buildWebhook(t.db, partner, receiver.url('/hooks/partner'), ['match.concluded']);
    const { matchId } = await buildCase(t.db, lead, partner);
    for (const hook of [leadHook, partnerHook]) assert.deepEqual((await deliveries(hook.id)).map((d) => d.event_id), [`match.concluded:${matchId}`]);

    const task = await buildTask(t.db, { operator, kind: 'managed' });
    const taskHook = await buildWebhook(t.db, task.partners[0]!, receiver.url('/hooks/task'), ['task.report_due']);
    const due = (await t.db.selectFrom('tasks').select('next_report_due_on').where('id', '=', task.id).executeTakeFirstOrThrow()).next_report_due_on!;
    const dayBefore = new Date(`${addDays(due, -1)}T10:00:00+09:00`);
    await sendReportNotices(t.db, dayBefore, { baseUrl: t.config.baseUrl, quietHours: null });
    const [reportDue] = await deliveries(taskHook.id);
    assert.equal(JSON.parse(reportDue!.body).data.report.dueOn, due);

    const follower = await buildOrg(t.db);
    const followHook = await buildWebhook(t.db, follower, receiver.url('/hooks/forum'), ['proposal.answered']);
    const bystander = await buildWebhook(t.db, await buildOrg(t.db), receiver.url('/hooks/bystander'), ['proposal.answered']);
    const ministry = await buildMinistry(t.db);
    const proposal = await buildProposal(t.db, { author: follower.admin, org: ministry, operator });
    await support(await ctxAs(t.db, await buildUser(t.db)), proposal.id);
    const answerId = await answerProposal(await ctxAs(t.db, ministry.admin), proposal.id, { decision: 'accept', reasons: '필요하다고 판단했습니다.', plan: '내년에 추진합니다.' });
    assert.deepEqual((await deliveries(followHook.id)).map((d) => d.event_id), [`proposal.answered:${answerId}`]);
    assert.deepEqual(await deliveries(bystander.id), []);

    // An organisation whose verification was revoked hears nothing more.
    const revoked = await buildOrg(t.db);
    const revokedHook = await buildWebhook(t.db, revoked, receiver.url('/hooks/revoked'), ['reply.received']);
    const revokedDemand = await buildDemand(t.db, { org: revoked });
    await t.db.updateTable('orgs').set({ status: 'rejected' }).where('id', '=', revoked.id).execute();
    await buildReply(t.db, revokedDemand.id);
    assert.deepEqual(await deliveries(revokedHook.id), []);
  });

  it('is made, tried and deleted by the organisation’s admins only; addresses are checked', async () => {
    const org = await buildOrg(t.db);
    const member = await buildUser(t.db);
    const stranger = await buildOrg(t.db);
    const admin = await ctxAs(t.db, org.admin);
    await assert.rejects(createWebhook(await ctxAs(t.db, stranger.admin), org.id, { url: receiver.url('/x'), events: ['reply.received'] }, TEST_RULES), NotFoundError);
    await assert.rejects(createWebhook(await ctxAs(t.db, member), org.id, { url: receiver.url('/x'), events: ['reply.received'] }, TEST_RULES), NotFoundError);
    const unverified = await buildOrg(t.db, { status: 'unverified' });
    await assert.rejects(createWebhook(await ctxAs(t.db, unverified.admin), unverified.id, { url: receiver.url('/x'), events: ['reply.received'] }, TEST_RULES), NotFoundError);

    await rejectsWithFields(createWebhook(admin, org.id, { url: 'not an address', events: ['reply.received'] }, TEST_RULES), { url: 'webhook.urlInvalid' });
    await rejectsWithFields(createWebhook(admin, org.id, { url: 'https://user:pw@example.com/', events: ['reply.received'] }, TEST_RULES), { url: 'webhook.urlInvalid' });
    await rejectsWithFields(createWebhook(admin, org.id, { url: receiver.url('/x'), events: [] }, TEST_RULES), { events: 'webhook.eventsRequired' });
    await rejectsWithFields(createWebhook(admin, org.id, { url: receiver.url('/x'), events: ['everything'] }, TEST_RULES), { events: 'webhook.eventsRequired' });
    const twice = await createWebhook(admin, org.id, { url: receiver.url('/twice'), events: Array(6).fill('reply.received') }, TEST_RULES);
    assert.deepEqual((await t.db.selectFrom('webhooks').select('events').where('id', '=', twice.id).executeTakeFirstOrThrow()).events, ['reply.received'], 'one event ticked six times is one choice');
    for (const demandFilter of ['theme=-1', 'region=서울', 'status=draft', 'q=a&q=b', 'sector=__proto__']) {
      await rejectsWithFields(createWebhook(admin, org.id, { url: receiver.url('/x'), events: ['demand.published'], demandFilter }, TEST_RULES), { demandFilter: 'webhook.filterInvalid' });
    }
    await rejectsWithFields(createWebhook(admin, org.id, { url: 'https://no-such-host.invalid/', events: ['reply.received'] }, TEST_RULES), { url: 'webhook.urlUnresolvable' });
    // Without WEBHOOK_PRIVATE_TARGETS: HTTPS only, and never this machine or a private network.
    await rejectsWithFields(createWebhook(admin, org.id, { url: receiver.url('/x'), events: ['reply.received'] }, PUBLIC_ONLY), { url: 'webhook.urlNotHttps' });
    for (const url of [
      'https://127.0.0.1/',
      'https://localhost:8443/',
      'https://[::1]/',
      'https://169.254.169.254/latest/meta-data',
      'https://10.1.2.3/',
      'https://2130706433/',
      'https://0x7f000001/',
      'https://[::ffff:127.0.0.1]/',
      'https://[64:ff9b::7f00:1]/',
      'https://[::7f00:1]/',
      'https://[2002:7f00:1::]/',
      'https://198.18.0.1/',
    ]) {
      await rejectsWithFields(createWebhook(admin, org.id, { url, events: ['reply.received'] }, PUBLIC_ONLY), { url: 'webhook.urlPrivate' });
    }
    const table: [string, boolean][] = [
      ['127.0.0.1', true],
      ['10.0.0.1', true],
      ['172.31.255.255', true],
      ['172.32.0.1', false],
      ['192.168.0.1', true],
      ['100.64.0.1', true],
      ['169.254.169.254', true],
      ['::1', true],
      ['::ffff:127.0.0.1', true],
      ['fd12:3456::1', true],
      ['fe80::1', true],
      ['::ffff:7f00:1', true],
      ['::ffff:0:7f00:1', true],
      ['64:ff9b::a00:1', true],
      ['2002:a00:1::', true],
      ['::a00:1', true],
      ['fec0::1', true],
      ['198.19.255.1', true],
      ['192.0.2.7', true],
      ['8.8.8.8', false],
      ['211.43.190.1', false],
      ['2001:4860:4860::8888', false],
    ];
    for (const [address, isPrivate] of table) assert.equal(isPrivateAddress(address), isPrivate, address);

    const hook = await buildWebhook(t.db, org, receiver.url('/hooks/ping'), ['match.concluded']);
    await assert.rejects(pingWebhook(await ctxAs(t.db, stranger.admin), org.id, hook.id), NotFoundError);
    await assert.rejects(pingWebhook(await ctxAs(t.db, stranger.admin), stranger.id, hook.id), NotFoundError, 'another organisation’s webhook under one’s own');
    await pingWebhook(admin, org.id, hook.id);
    await t.worker.runDue();
    assert.equal(JSON.parse(receiver.received('/hooks/ping')[0]!.body).event, 'ping');

    // Deleted: what was waiting is not sent.
    const demand = await buildDemand(t.db, { org });
    const waiting = await buildWebhook(t.db, org, receiver.url('/hooks/deleted'), ['reply.received']);
    await buildReply(t.db, demand.id);
    await deleteWebhook(admin, org.id, waiting.id);
    await t.worker.runDue();
    assert.equal(receiver.received('/hooks/deleted').length, 0);
    await assert.rejects(webhookLog(admin, org.id, waiting.id), NotFoundError);
  });

  it('has pages for its admins: the secret shown once, errors beside the fields, the log with replay', async () => {
    const org = await buildOrg(t.db);
    const agent = t.agent();
    await agent.login(org.admin.email, org.admin.password);
    assert.ok((await agent.get(`/orgs/${org.id}`)).body.includes(`href="/orgs/${org.id}/webhooks"`), 'its admins find it on its page');
    const watcher = t.agent();
    await watcher.login(operator.email, operator.password);
    assert.ok(!(await watcher.get(`/orgs/${org.id}`)).body.includes(`/orgs/${org.id}/webhooks`), 'operators manage members, not its systems');
    const list = await agent.get(`/orgs/${org.id}/webhooks`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /아직 등록한 웹훅이 없습니다/);
    const refused = await agent.post(`/orgs/${org.id}/webhooks`, { url: 'ftp://example.com/x', events: ['reply.received'] });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /ftp:\/\/example\.com\/x/, 'the typed address comes back');
    const made = await agent.post(`/orgs/${org.id}/webhooks`, { url: receiver.url('/hooks/page'), events: ['reply.received', 'match.concluded'] });
    assert.equal(made.statusCode, 201);
    assert.equal(made.headers['cache-control'], 'no-store');
    const secret = /value="(whsec_[A-Za-z0-9_-]+)"/.exec(made.body)?.[1];
    assert.ok(secret);
    const again = await agent.get(`/orgs/${org.id}/webhooks`);
    assert.ok(!again.body.includes(secret), 'never shown again');
    const id = Number(/\/webhooks\/(\d+)"/.exec(again.body)?.[1]);
    assert.match((await agent.post(`/orgs/${org.id}/webhooks/${id}/ping`)).headers.location as string, new RegExp(`/webhooks/${id}$`));
    await t.worker.runDue();
    const page = await agent.get(`/orgs/${org.id}/webhooks/${id}`);
    assert.match(page.body, /전달됨/);
    const delivery = /deliveries\/(\d+)\/replay/.exec(page.body)?.[1];
    assert.equal((await agent.post(`/orgs/${org.id}/webhooks/${id}/deliveries/${delivery}/replay`)).statusCode, 303);

    const outsider = t.agent();
    const stranger = await buildOrg(t.db);
    await outsider.login(stranger.admin.email, stranger.admin.password);
    assert.equal((await outsider.get(`/orgs/${org.id}/webhooks/${id}`)).statusCode, 404);
    assert.equal((await outsider.get(`/orgs/${stranger.id}/webhooks/${id}`)).statusCode, 404);
    assert.equal((await outsider.post(`/orgs/${stranger.id}/webhooks/${id}/deliveries/${delivery}/replay`)).statusCode, 404);
  });
});
