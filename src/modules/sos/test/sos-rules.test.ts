import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clock, testClock } from '../../../../test/clock.ts';
import { rejectsWithFields } from '../../../../test/outcomes.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { addBusinessHours, businessMinutesBetween, onOrNextWorkingDay } from '../../../shared/business-time.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { queue } from '../desk.service.ts';
import { publishEntry, removeEntry } from '../entries.service.ts';
import { saveTargets } from '../settings.service.ts';
import { assign, inviteGuest, loadTicket, proposeSolution, replyAsDesk, settle } from '../sos.service.ts';
import { buildTicket } from './builders.ts';

const HOUR = 3_600_000;
const row = (database: Database, id: number) => database.db.selectFrom('sos_tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** The clock and permission rules an attacker tried against 협업SOS, each as it must hold. */
describe('협업SOS rules', () => {
  let database: Database;
  let operator: BuiltUser;
  /** A working morning, so that hours added are working hours. */
  const morning = () => testClock(new Date(`${onOrNextWorkingDay(addDays(kstDate(clock()), 1))}T10:00:00+09:00`));

  before(async () => {
    database = await createTestDatabase();
    operator = await buildUser(database.db, { role: 'operator' });
  });
  after(() => database.close());

  it('asks for no information once a solution was sent, and proposes no second one over it', async () => {
    const { id } = await buildTicket(database.db);
    const desk = await ctxAs(database.db, operator);
    await proposeSolution(desk, id, { resolution: 'answered', body: '해결' });
    await rejectsWithFields(replyAsDesk(desk, id, { kind: 'info_request', body: '더 알려 주세요' }), { kind: 'sos.infoAfterSolution' });
    await rejectsWithFields(proposeSolution(desk, id, { resolution: 'answered', body: '또' }), { body: 'sos.solvedAlready' });
  });

  it('ends a pause when a solution comes while waiting, moving the due times on by it', async () => {
    const now = morning();
    const { id } = await buildTicket(database.db, { urgency: 'normal', now });
    const before = await row(database, id);
    await replyAsDesk(await ctxAs(database.db, operator, now), id, { kind: 'info_request', body: '자료를 주세요' });
    const pausedAt = now();
    now.advance(3 * HOUR);
    await proposeSolution(await ctxAs(database.db, operator, now), id, { resolution: 'answered', body: '자료 없이도 됩니다' });
    const after = await row(database, id);
    const waited = businessMinutesBetween(pausedAt, now());
    assert.ok(waited > 0);
    assert.equal(after.resolution_due_at.toISOString(), addBusinessHours(before.resolution_due_at, waited / 60).toISOString());
    assert.equal(after.paused_minutes, waited);
  });

  it('moves the due times on by the time a solution waited for the requester when they reopen it', async () => {
    const now = morning();
    const { id, org } = await buildTicket(database.db, { urgency: 'urgent', now });
    await proposeSolution(await ctxAs(database.db, operator, now), id, { resolution: 'answered', body: '해결' });
    const solved = await row(database, id);
    const solvedAt = now();
    now.advance(4 * HOUR);
    await settle(await ctxAs(database.db, org.admin, now), id, 'reopen');
    const reopened = await row(database, id);
    assert.equal(reopened.resolution_due_at.toISOString(), addBusinessHours(solved.resolution_due_at, businessMinutesBetween(solvedAt, now()) / 60).toISOString());
  });

  it('invites guests only from other organisations, and nothing more on a closed request', async () => {
    const org = await buildOrg(database.db);
    const colleague = await buildUser(database.db);
    await database.db.insertInto('org_members').values({ org_id: org.id, user_id: colleague.id, role: 'member', status: 'active', created_at: clock() }).execute();
    const { id } = await buildTicket(database.db, { org });
    const desk = await ctxAs(database.db, operator);
    await rejectsWithFields(inviteGuest(desk, id, { email: colleague.email }), { email: 'sos.guestUnknown' });
    await rejectsWithFields(inviteGuest(desk, id, { email: org.admin.email }), { email: 'sos.guestUnknown' });
    await proposeSolution(desk, id, { resolution: 'answered', body: '해결' });
    await settle(await ctxAs(database.db, org.admin), id, 'confirm');
    await rejectsWithFields(assign(desk, id, { assignee: String(operator.id) }), { assignee: 'sos.closedAlready' });
    await rejectsWithFields(inviteGuest(desk, id, { email: (await buildOrg(database.db)).admin.email }), { email: 'sos.closedAlready' });
  });

  it('belongs to the organisation: a requester who left loses it, an admin of it settles it', async () => {
    const org = await buildOrg(database.db);
    const asker = await buildUser(database.db);
    await database.db.insertInto('org_members').values({ org_id: org.id, user_id: asker.id, role: 'member', status: 'active', created_at: clock() }).execute();
    const { id } = await buildTicket(database.db, { org: { id: org.id, admin: asker } });
    await proposeSolution(await ctxAs(database.db, operator), id, { resolution: 'answered', body: '해결' });
    await database.db.deleteFrom('org_members').where('org_id', '=', org.id).where('user_id', '=', asker.id).execute();
    await assert.rejects(loadTicket(await ctxAs(database.db, asker), database.db, id), NotFoundError);
    await settle(await ctxAs(database.db, org.admin), id, 'confirm');
    assert.equal((await row(database, id)).status, 'closed');
  });

  it('lists as overdue only what is late while its clock runs, and can be unassigned', async () => {
    const now = morning();
    const { id } = await buildTicket(database.db, { urgency: 'urgent', now });
    const desk = await ctxAs(database.db, operator, now);
    await assign(desk, id, { assignee: String(operator.id) });
    await assign(desk, id, {});
    assert.equal((await row(database, id)).assignee_id, null);
    await replyAsDesk(desk, id, { kind: 'info_request', body: '자료를 주세요' });
    const later = { ...desk, now: () => new Date(now().getTime() + 30 * 24 * HOUR) };
    assert.ok(!(await queue(later, { overdue: '1' })).page.items.some((t) => t.id === id), 'paused: not late');
  });

  it('refuses to publish an unsolved request, to take down an entry that is not there, and a first answer after the solution', async () => {
    const { id } = await buildTicket(database.db);
    const desk = await ctxAs(database.db, operator);
    await rejectsWithFields(publishEntry(desk, id, { category: 'systems', title: '제목', question: '물음', answer: '답' }), { title: 'sos.entryUnsolved' });
    await assert.rejects(removeEntry(desk, 987654), NotFoundError);
    const form: Record<string, string> = {};
    for (const t of await database.db.selectFrom('sos_targets').selectAll().execute()) Object.assign(form, { [`first.${t.category}.${t.urgency}`]: String(t.first_response_hours), [`days.${t.category}.${t.urgency}`]: String(t.resolution_days) });
    await rejectsWithFields(saveTargets(desk, { ...form, 'first.law.urgent': '30', 'days.law.urgent': '3' }), { 'first.law.urgent': 'sos.firstAfterSolution' });
  });
});
