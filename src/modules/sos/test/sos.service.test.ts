import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { clock, testClock } from '../../../../test/clock.ts';
import { rejectsWithFields } from '../../../../test/outcomes.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { addBusinessHours, businessMinutesBetween, STANDARD_CALENDAR } from '../../../shared/business-time.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { sendSlaNotices } from '../desk.service.ts';
import { assign, inviteGuest, loadTicket, myTickets, proposeSolution, rate, replyAsDesk, replyAsGuest, replyAsRequester, settle, ticketPage } from '../sos.service.ts';
import { ENTRY_BEST_SHOWN, entryDraft, publishEntry, searchEntries, similarEntries } from '../entries.service.ts';
import { buildTask } from '../../tasks/test/builders.ts';
import { tfWorkspace } from '../../tasks/tf.service.ts';
import { buildTicket } from './builders.ts';

const HOUR = 3_600_000;
const options = { baseUrl: 'http://localhost', quietHours: null };

describe('협업SOS', () => {
  let database: Database;
  let operator: BuiltUser;
  before(async () => {
    database = await createTestDatabase();
    operator = await buildUser(database.db, { role: 'operator' });
  });
  after(() => database.close());

  it('promises a first answer and a solution at once, in Korean business time', async () => {
    const db = database.db;
    const { id } = await buildTicket(db, { urgency: 'urgent' });
    const row = await db.selectFrom('sos_tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.first_response_due_at.toISOString(), addBusinessHours(row.created_at, 3).toISOString(), '즉시: three working hours');
    assert.equal(row.resolution_due_at.toISOString(), addBusinessHours(row.created_at, 24).toISOString(), 'three days count in hours: 24 working hours');
    assert.ok(row.first_response_warn_at < row.first_response_due_at);
  });

  it('lists an organisation’s requests 20 at a time, newest first, and no other organisation’s', async () => {
    const db = database.db;
    const org = await buildOrg(db);
    const opened: number[] = [];
    for (let i = 0; i < 21; i++) opened.push((await buildTicket(db, { org, title: `요청 ${i + 1}번: 연계 규격을 받지 못했습니다` })).id);
    const other = await buildTicket(db);
    const ctx = await ctxAs(db, org.admin);
    const first = await myTickets(ctx);
    assert.equal(first.items.length, 20);
    assert.ok(first.nextCursor);
    const second = await myTickets(ctx, first.nextCursor);
    assert.deepEqual([...first.items, ...second.items].map((t) => t.id), [...opened].reverse(), 'newest first, each once, none left out');
    assert.equal(second.nextCursor, null);
    assert.ok(!first.items.some((t) => t.id === other.id));
  });

  it('shows a ticket to its organisation, guests and the desk; internal notes to the desk only', async () => {
    const db = database.db;
    const { id, org } = await buildTicket(db);
    const colleague = await buildUser(db);
    await db.insertInto('org_members').values({ org_id: org.id, user_id: colleague.id, role: 'member', status: 'active', created_at: clock() }).execute();
    const stranger = await buildOrg(db);
    const guestOrg = await buildOrg(db, { sector: 'company' });
    const desk = await ctxAs(db, operator);
    await replyAsDesk(desk, id, { kind: 'note', body: '비공개 메모: 해수부 담당자와 통화 예정' });
    await replyAsDesk(desk, id, { kind: 'answer', body: '연계 규격 요청 공문을 보내겠습니다.' });
    await assert.rejects(loadTicket(await ctxAs(db, stranger.admin), db, id), NotFoundError);
    await assert.rejects(replyAsGuest(await ctxAs(db, guestOrg.admin), id, { body: '제가 답하겠습니다' }), NotFoundError, 'not yet invited');
    await inviteGuest(desk, id, { email: guestOrg.admin.email });
    await replyAsGuest(await ctxAs(db, guestOrg.admin), id, { body: '규격서는 저희가 갖고 있습니다.' });
    for (const user of [org.admin, colleague, guestOrg.admin]) {
      const page = await ticketPage(await ctxAs(db, user), id);
      assert.ok(!page.messages.some((m) => m.kind === 'note'), 'no internal note');
      assert.ok(page.messages.some((m) => m.body === '규격서는 저희가 갖고 있습니다.'));
    }
    assert.ok((await ticketPage(desk, id)).messages.some((m) => m.kind === 'note'));
    await assert.rejects(replyAsDesk(await ctxAs(db, org.admin), id, { kind: 'answer', body: '셀프 답변' }), NotFoundError, 'the desk is the operators');
    await rejectsWithFields(inviteGuest(desk, id, { email: 'nobody@example.kr' }), { email: 'sos.guestUnknown' });
  });

  it('pauses the clock while the desk waits for information and moves the due times by the business time waited', async () => {
    const db = database.db;
    const now = testClock(clock());
    const { id, org } = await buildTicket(db, { urgency: 'normal', now });
    const before = await db.selectFrom('sos_tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    now.advance(HOUR);
    await replyAsDesk(await ctxAs(db, operator, now), id, { kind: 'info_request', body: '계약서 사본을 보내 주세요.' });
    const paused = await db.selectFrom('sos_tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(paused.status, 'waiting');
    assert.ok(paused.first_responded_at, 'a request for information is a first response');
    const pausedAt = now();
    now.advance(50 * HOUR);
    await replyAsRequester(await ctxAs(db, org.admin, now), id, { body: '사본을 첨부합니다.' });
    const resumed = await db.selectFrom('sos_tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const waited = businessMinutesBetween(pausedAt, now(), STANDARD_CALENDAR);
    assert.ok(waited > 0);
    assert.equal(resumed.status, 'open');
    assert.equal(resumed.resolution_due_at.toISOString(), addBusinessHours(before.resolution_due_at, waited / 60).toISOString());
  });

  it('warns at 75 % and escalates at the breach, each once, through any number of sweeps', async () => {
    const db = database.db;
    const lead = await buildUser(db, { role: 'operator' });
    await db.insertInto('sos_desk').values({ user_id: lead.id, lead: true }).execute();
    const { id } = await buildTicket(db, { urgency: 'urgent' });
    await assign(await ctxAs(db, operator), id, { assignee: String(operator.id) });
    const row = await db.selectFrom('sos_tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const at = (instant: Date) => new Date(instant.getTime() + 60_000);
    assert.ok((await sendSlaNotices(db, at(row.first_response_warn_at), options)) >= 1);
    assert.equal(await sendSlaNotices(db, at(row.first_response_warn_at), options), 0, 'once');
    await sendSlaNotices(db, at(row.first_response_due_at), options);
    await sendSlaNotices(db, at(row.first_response_due_at), options);
    const events = await db.selectFrom('sos_sla_events').select(['target', 'kind']).where('ticket_id', '=', id).orderBy('target').orderBy('kind').execute();
    assert.deepEqual(
      events.map((e) => `${e.target}.${e.kind}`),
      ['first.breach', 'first.warning'],
    );
    const told = (user: BuiltUser, kind: string) => db.selectFrom('notifications').select('kind').where('user_id', '=', user.id).where('kind', '=', kind).where('link', '=', `/sos/${id}`).execute();
    const [warned, escalated] = [await told(operator, 'notice.sos.first.warning'), await told(lead, 'notice.sos.first.breach')];
    assert.deepEqual([warned.length, escalated.length], [1, 1], 'the assignee is warned, the desk lead hears of the breach');
  });

  it('closes on the requester’s word, reopens, and takes one rating after closing', async () => {
    const db = database.db;
    const { id, org } = await buildTicket(db);
    const desk = await ctxAs(db, operator);
    const requester = await ctxAs(db, org.admin);
    await rejectsWithFields(settle(requester, id, 'confirm'), { outcome: 'sos.notSolved' });
    await proposeSolution(desk, id, { resolution: 'mediated', body: '해수부와 규격 공유 일정을 잡았습니다.' });
    await settle(requester, id, 'reopen');
    await proposeSolution(desk, id, { resolution: 'answered', body: '규격서를 보내 드렸습니다.' });
    await rejectsWithFields(rate(requester, id, { satisfaction: '5' }), { satisfaction: 'sos.rateAfterClose' });
    await settle(requester, id, 'confirm');
    await rejectsWithFields(rate(requester, id, { satisfaction: '9' }), { satisfaction: 'sos.ratingChoose' });
    await rate(requester, id, { satisfaction: '5', comment: '빨랐습니다' });
    await rejectsWithFields(rate(requester, id, { satisfaction: '4' }), { satisfaction: 'sos.ratedAlready' });
    const row = await db.selectFrom('sos_tickets').select(['status', 'reopened', 'satisfaction', 'resolution_category']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'closed', reopened: 1, satisfaction: 5, resolution_category: 'answered' });
  });

  it('publishes a solved answer as 협업 Q&A, found by Korean search and suggested to a similar request', async () => {
    const db = database.db;
    const { id, org } = await buildTicket(db, { title: '낚시어선 승선 신고 연계 규격 (담당 010-1234-5678)', category: 'systems' });
    const desk = await ctxAs(db, operator);
    await rejectsWithFields(publishEntry(desk, id, { category: 'systems', title: 'x', question: 'y', answer: 'z' }), { title: 'sos.entryUnsolved' });
    await proposeSolution(desk, id, { resolution: 'answered', body: '해양수산부 연계 규격서를 받는 절차를 안내합니다.' });
    await assert.rejects(publishEntry(await ctxAs(db, org.admin), id, { category: 'systems', title: 'x', question: 'y', answer: 'z' }), NotFoundError);
    const draft = await entryDraft(desk, id);
    assert.equal(draft.values.answer, '해양수산부 연계 규격서를 받는 절차를 안내합니다.');
    assert.equal(draft.values.title, '낚시어선 승선 신고 연계 규격 (담당 [전화번호 가림])', 'contacts come masked');
    const entryId = await publishEntry(desk, id, { category: 'systems', title: '승선 신고 시스템 연계 규격은 어디서 받나요', question: '예약 앱과 승선 신고 시스템을 잇고 싶습니다.', answer: '해양수산부 연계 규격서를 받는 절차를 안내합니다.' });
    await rejectsWithFields(publishEntry(desk, id, { category: 'systems', title: '다시', question: 'y', answer: 'z' }), { title: 'sos.entryTaken' });
    assert.deepEqual((await searchEntries(db, '승선신고')).items.map((e) => e.id), [entryId], 'spacing does not matter');
    assert.deepEqual((await searchEntries(db, '규격서를')).items.map((e) => e.id), [entryId], 'a particle does not matter');
    assert.equal((await searchEntries(db, '규격서를')).more, false);
    // A search shows its best 50 and said nothing of the rest.
    await sql`INSERT INTO sos_entries (category, title, question, answer, search_vector, published_at, updated_at)
      SELECT category, title || ' ' || g, question, answer, search_vector, published_at, updated_at FROM sos_entries, generate_series(1, ${ENTRY_BEST_SHOWN}) AS g WHERE id = ${entryId}`.execute(db);
    const best = await searchEntries(db, '규격서를');
    assert.deepEqual([best.items.length, best.more], [ENTRY_BEST_SHOWN, true]);
    await sql`DELETE FROM sos_entries WHERE ticket_id IS NULL AND title LIKE '승선 신고 시스템 연계 규격은 어디서 받나요 %'`.execute(db);
    assert.deepEqual((await similarEntries(db, '바다낚시 예약과 승선 신고를 연계하려는데 규격을 못 받았습니다')).map((e) => e.id), [entryId]);
    assert.deepEqual(await similarEntries(db, '예산 전용 승인'), []);
  });

  it('lets the TF of the task a request concerns follow it, and only that task’s TF', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator, kind: 'key' });
    const other = await buildTask(db, { operator, kind: 'key' });
    await rejectsWithFields(buildTicket(db, { org: task.lead, task: other.id }), { task: 'field.choiceInvalid' });
    const { id } = await buildTicket(db, { org: task.lead, task: task.id });
    const partner = await ctxAs(db, task.partners[0]!.admin);
    await loadTicket(partner, db, id);
    assert.deepEqual((await tfWorkspace(partner, task.id)).sos.map((t) => t.id), [id]);
    await assert.rejects(loadTicket(await ctxAs(db, other.partners[0]!.admin), db, id), NotFoundError);
  });
});
