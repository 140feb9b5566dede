import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clock } from '../../../../test/clock.ts';
import { rejectsWithFields } from '../../../../test/outcomes.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { ForbiddenError, NotFoundError } from '../../../shared/errors.ts';
import { type BuiltUser, buildUser, ctxAs, ctxFor } from '../../accounts/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { agreeCharter, charterState } from '../charter.ts';
import { myTasks, portfolio } from '../lists.service.ts';
import { progressOfTask, indicatorsOf, milestonesOf, sendReportNotices, submitReport } from '../reports.service.ts';
import { selectTask } from '../selection.service.ts';
import { decideStaffing, requestStaffing } from '../staffing.service.ts';
import { loadTask } from '../task-access.ts';
import { saveResults, taskPage } from '../task-page.service.ts';
import { addMember, postMessage, recordMeeting, tfWorkspace } from '../tf.service.ts';
import { answerInvitation, completeTask, createTask, savePlan, updateTask } from '../tasks.service.ts';
import { buildProgramme, buildTask, planForm, taskForm } from './builders.ts';
import { ANONYMOUS } from '../../../shared/context.ts';

const DAY = 86_400_000;

const rejects = rejectsWithFields;

describe('collaboration tasks', () => {
  let database: Database;
  let operator: BuiltUser;

  before(async () => {
    database = await createTestDatabase();
    operator = await buildUser(database.db, { role: 'operator' });
    await buildProgramme(database.db, operator);
  });
  after(() => database.close());

  it('lists a member’s tasks 20 at a time, the invitations to answer first, then the rest newest first', async () => {
    const db = database.db;
    const lead = await buildOrg(db, { sector: 'central' });
    // One person administers both organisations of the first task: it is theirs as the lead and as an invited partner.
    const partner = await buildOrg(db, { sector: 'local', admin: lead.admin });
    const invited = await buildTask(db, { lead, partners: [partner], accept: false, submit: false, operator });
    for (let i = 0; i < 20; i++) await buildTask(db, { lead, partners: 0, submit: false, operator });
    const ctx = await ctxAs(db, lead.admin);
    const first = await myTasks(ctx, undefined);
    assert.deepEqual(
      first.items.slice(0, 2).map((t) => [t.id, t.my_org_id, t.awaiting]),
      [
        [invited.id, partner.id, true],
        [invited.id + 20, lead.id, false],
      ],
      'the invitation first, then the newest',
    );
    assert.equal(first.items.length, 20);
    const second = await myTasks(ctx, first.nextCursor!);
    assert.deepEqual(
      second.items.map((t) => [t.id, t.my_role, t.awaiting]),
      [
        [invited.id + 1, 'lead', false],
        [invited.id, 'lead', false],
      ],
      'the oldest last, the task the member also leads among them',
    );
    assert.equal(second.nextCursor, null);
    const ours = [...first.items, ...second.items].filter((t) => !t.awaiting).map((t) => t.id);
    assert.deepEqual(ours, [...ours].sort((a, b) => b - a), 'newest first');
    assert.equal(new Set(ours).size, 21, 'none twice, none missing');
    assert.deepEqual(
      (await myTasks(ctx, 'not-a-cursor')).items.map((t) => t.id),
      first.items.map((t) => t.id),
      'a cursor that is not one: the first page',
    );
    assert.deepEqual(await myTasks(await ctxAs(db, await buildUser(db)), undefined), { items: [], nextCursor: null });
  });

  it('invites partners by their registered names; each accepts or declines, and the lead is told', async () => {
    const db = database.db;
    const lead = await buildOrg(db, { sector: 'central' });
    const yes = await buildOrg(db, { sector: 'company' });
    const no = await buildOrg(db, { sector: 'local' });
    const form = await taskForm(db, lead, [yes, no]);
    form['partner.0.name'] = ` ${String(form['partner.0.name']).replace(' ', '  ')} `; // spacing does not matter
    const id = await createTask(await ctxAs(db, lead.admin), form);
    await answerInvitation(await ctxAs(db, yes.admin), id, { answer: 'accept', contribution: '예약 시스템 연계' });
    await rejects(answerInvitation(await ctxAs(db, no.admin), id, { answer: 'decline' }), { reason: 'task.declineReason' });
    await answerInvitation(await ctxAs(db, no.admin), id, { answer: 'decline', reason: '올해 예산이 없습니다' });
    await assert.rejects(answerInvitation(await ctxAs(db, yes.admin), id, { answer: 'decline', reason: '변심' }), ForbiddenError, 'an answer is given once');
    const orgs = await db.selectFrom('task_orgs').select(['org_id', 'status', 'contribution']).where('task_id', '=', id).orderBy('org_id').execute();
    assert.deepEqual(
      orgs.map((o) => [o.org_id, o.status]),
      [
        [lead.id, 'accepted'],
        [yes.id, 'accepted'],
        [no.id, 'declined'],
      ],
    );
    const notices = await db.selectFrom('notifications').select('kind').where('user_id', '=', lead.admin.id).execute();
    assert.deepEqual(notices.map((n) => n.kind).sort(), ['notice.taskAccepted', 'notice.taskDeclined']);
  });

  it('gives every mistake of the forms its own message beside the field', async () => {
    const db = database.db;
    const lead = await buildOrg(db);
    const form = await taskForm(db, lead);
    const today = kstDate(clock());
    await rejects(createTask(await ctxAs(db, lead.admin), { ...form, startsOn: today, endsOn: addDays(today, -1), 'partner.0.name': '없는 기관' }), {
      endsOn: 'task.datesOrder',
      'partner.0.name': 'task.partnerUnknown',
    });
    await rejects(createTask(await ctxAs(db, lead.admin), { ...form, 'partner.0.name': (await db.selectFrom('orgs').select('name').where('id', '=', lead.id).executeTakeFirstOrThrow()).name }), {
      'partner.0.name': 'task.partnerIsLead',
    });
    const id = await createTask(await ctxAs(db, lead.admin), form);
    const plan = planForm([lead.id]);
    await rejects(
      savePlan(await ctxAs(db, lead.admin), id, {
        ...plan,
        'indicator.0.unit': '',
        'indicator.1.target': '많이',
        'milestone.1.due': addDays(today, 400),
        'milestone.2.owner': '999999',
      }),
      {
        'indicator.0.unit': 'field.required',
        'indicator.1.target': 'task.numberInvalid',
        'milestone.1.due': 'task.milestoneAfterEnd',
        'milestone.2.owner': 'field.choiceInvalid',
      },
    );
    await rejects(savePlan(await ctxAs(db, lead.admin), id, {}), { 'indicator.0.name': 'task.indicatorRequired', 'milestone.0.title': 'task.milestoneRequired' });
    await savePlan(await ctxAs(db, lead.admin), id, plan);
    await rejects(updateTask(await ctxAs(db, lead.admin), id, { ...form, endsOn: addDays(today, 100) }), { endsOn: 'task.endBeforePlan' });
  });

  it('keeps a task to its organisations and operators until it is selected, then shows it to everyone', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator });
    const stranger = await buildOrg(db);
    await assert.rejects(loadTask(ctxFor(db, ANONYMOUS), db, task.id), NotFoundError);
    await assert.rejects(loadTask(await ctxAs(db, stranger.admin), db, task.id), NotFoundError);
    await loadTask(await ctxAs(db, task.partners[0]!.admin), db, task.id);
    await loadTask(await ctxAs(db, operator), db, task.id);
    await assert.rejects(selectTask(await ctxAs(db, task.lead.admin), task.id, { kind: 'key', reason: '스스로' }), NotFoundError, 'only operators select');
    await selectTask(await ctxAs(db, operator), task.id, { kind: 'managed', reason: '기관 자체 추진이 적합' });
    await loadTask(ctxFor(db, ANONYMOUS), db, task.id);
    const audit = await db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'task.select').where('target_id', '=', String(task.id)).execute();
    assert.equal(audit.length, 1);
  });

  it('forms the TF of a key task with a charter every member organisation agrees to, again after a change', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator, kind: 'key', partners: 2 });
    const loaded = await loadTask(await ctxAs(db, operator), db, task.id);
    let charter = await charterState(db, loaded);
    assert.equal(charter.version, 1);
    assert.equal(charter.pending.length, 3);
    const seats = await db.selectFrom('tf_members').select(['user_id', 'role']).where('task_id', '=', task.id).orderBy('role').execute();
    assert.deepEqual(seats.map((s) => s.role).sort(), ['liaison', 'member', 'member', 'member']);
    await rejects(agreeCharter(await ctxAs(db, operator), task.id), { charter: 'task.agreeMembersOnly' });
    for (const org of [task.lead, ...task.partners]) await agreeCharter(await ctxAs(db, org.admin), task.id);
    await agreeCharter(await ctxAs(db, task.lead.admin), task.id); // twice changes nothing
    charter = await charterState(db, await loadTask(await ctxAs(db, operator), db, task.id));
    assert.equal(charter.agreedByAll, true);

    const plan = planForm([task.lead.id, ...task.partners.map((p) => p.id)]);
    const stored = await db.selectFrom('task_indicators').select('id').where('task_id', '=', task.id).orderBy('position').execute();
    await savePlan(await ctxAs(db, task.partners[0]!.admin), task.id, { ...plan, 'indicator.0.id': String(stored[0]!.id), 'indicator.1.id': String(stored[1]!.id), 'indicator.0.target': '90' });
    charter = await charterState(db, await loadTask(await ctxAs(db, operator), db, task.id));
    assert.equal(charter.version, 2);
    assert.equal(charter.agreedByAll, false);
    assert.equal(charter.versions.length, 2, 'the first version is kept');
    assert.equal(charter.agreements.filter((a) => a.version === 1).length, 3, 'and who agreed to it');
  });

  it('reports on the cadence: values, milestones done, progress in plain figures, the liaison told of a red status', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator, kind: 'key' });
    const ctx = await ctxAs(db, task.lead.admin);
    const indicators = await indicatorsOf(db, task.id);
    const milestones = await milestonesOf(db, task.id);
    const period = kstDate(clock()).slice(0, 7);
    await rejects(submitReport(ctx, task.id, { period: '2099-01', rag: 'green', summary: '미래' }), { period: 'task.periodClosed' });
    await rejects(submitReport(ctx, task.id, { period, rag: 'purple', summary: '', [`value.${indicators[0]!.id}`]: 'x' }), {
      rag: 'task.ragChoose',
      summary: 'field.required',
      [`value.${indicators[0]!.id}`]: 'task.numberInvalid',
    });
    await submitReport(ctx, task.id, {
      period,
      rag: 'red',
      summary: '시스템 연계 시험을 마쳤습니다.',
      summaryPublic: 'on',
      asks: '해수부 협조 공문 요청',
      [`value.${indicators[0]!.id}`]: '85',
      [`value.${indicators[1]!.id}`]: '1,200',
      done: [String(milestones[0]!.id)],
    });
    await rejects(submitReport(ctx, task.id, { period, rag: 'green', summary: '다시' }), { period: 'task.periodClosed' });
    const page = await taskPage(ctxFor(db, ANONYMOUS), task.id);
    assert.deepEqual(page.progress.milestones, { total: 3, done: 1, doneOnTime: 1, due: 1, slipping: 0 });
    assert.deepEqual(page.progress.indicators, { total: 2, met: 1, reported: 2 });
    assert.equal(page.publicSummary?.summary, '시스템 연계 시험을 마쳤습니다.');
    assert.equal(page.reports.length, 0, 'a visitor sees the public summary, not the reports');
    const liaisonNotices = await db.selectFrom('notifications').select('kind').where('user_id', '=', operator.id).where('kind', '=', 'notice.taskReportAttention').execute();
    assert.equal(liaisonNotices.length, 1);
    const row = await db.selectFrom('tasks').select(['latest_rag', 'next_report_period']).where('id', '=', task.id).executeTakeFirstOrThrow();
    assert.equal(row.latest_rag, 'red');
    assert.notEqual(row.next_report_period, period);
  });

  it('reminds the reporters before a due day and tells the ministry once when it passes', async () => {
    const db = database.db;
    const now = () => new Date(start + offset);
    const start = clock().getTime();
    let offset = 0;
    const task = await buildTask(db, { operator, kind: 'managed', now });
    const due = (await db.selectFrom('tasks').select('next_report_due_on').where('id', '=', task.id).executeTakeFirstOrThrow()).next_report_due_on!;
    const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+09:00`).getTime() - start;
    const options = { baseUrl: 'http://localhost', quietHours: { start: 22, end: 8 } };
    offset = at(addDays(due, -1), 23);
    assert.equal(await sendReportNotices(db, now(), options), 0, 'quiet hours');
    offset = at(addDays(due, -1), 10);
    const sent = await sendReportNotices(db, now(), options);
    assert.ok(sent >= 1);
    assert.equal(await sendReportNotices(db, now(), options), 0, 'once');
    offset = at(addDays(due, 1), 10);
    await sendReportNotices(db, now(), options);
    await sendReportNotices(db, now(), options);
    const claimed = await db.selectFrom('task_report_notices').select(['kind']).where('task_id', '=', task.id).execute();
    assert.deepEqual(claimed.map((c) => c.kind).sort(), ['due', 'late']);
    const late = await db.selectFrom('notifications').select('user_id').where('kind', '=', 'notice.taskReportLate').where('link', '=', `/tasks/${task.id}`).execute();
    assert.ok(late.some((n) => n.user_id === operator.id), 'an agency-managed task’s lateness goes to the operators');
    const list = await portfolio({ ...(await ctxAs(db, operator)), now }, { late: '1' });
    assert.ok(list.page.items.some((t) => t.id === task.id));
    assert.ok(list.figures.late >= 1);
  });

  it('lets a TF ask for staff tied to its goals and an operator decide it once, with reasons', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator, kind: 'key' });
    const indicators = await indicatorsOf(db, task.id);
    const ctx = await ctxAs(db, task.lead.admin);
    await rejects(requestStaffing(ctx, task.id, { positions: '0', role: '6급', fromOrg: String(task.lead.id), months: '12', justification: '필요', indicators: [] }), {
      positions: 'task.positionsInvalid',
      indicators: 'task.staffingGoals',
    });
    const id = await requestStaffing(ctx, task.id, { positions: '3', role: '6급 정보시스템', fromOrg: String(task.lead.id), months: '12', justification: '연계 개발', indicators: [String(indicators[0]!.id)] });
    await assert.rejects(decideStaffing(ctx, task.id, id, { decision: 'approved', reason: '셀프' }), NotFoundError);
    await rejects(decideStaffing(await ctxAs(db, operator), task.id, id, { decision: 'partly', granted: '3', reason: '예산' }), { granted: 'task.grantedRange' });
    await decideStaffing(await ctxAs(db, operator), task.id, id, { decision: 'partly', granted: '2', reason: '예산 범위 안에서 2명' });
    await rejects(decideStaffing(await ctxAs(db, operator), task.id, id, { decision: 'declined', reason: '번복' }), { decision: 'task.staffingDecided' });
    const page = await taskPage(ctx, task.id);
    assert.deepEqual(
      page.staffing.map((s) => [s.status, s.granted_positions]),
      [['partly', 2]],
    );
    assert.deepEqual((await taskPage(ctxFor(db, ANONYMOUS), task.id)).staffing, [], 'staffing is not the public’s');
  });

  it('computes progress over time: milestones slip when their day passes undone', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator, kind: 'managed' });
    const later = { ...(await ctxAs(db, operator)), now: () => new Date(clock().getTime() + 50 * DAY) };
    const { task: row } = await loadTask(later, db, task.id);
    const progress = await progressOfTask(later, db, row, await indicatorsOf(db, task.id), await milestonesOf(db, task.id));
    assert.equal(progress.milestones.slipping, 1);
    const slipping = async (ctx: typeof later) => (await portfolio(ctx, { slipping: '1' })).page.items.some((t) => t.id === task.id);
    assert.equal(await slipping(later), true, 'the portfolio finds it slipping from the kept column');
    assert.equal(await slipping(await ctxAs(db, operator)), false, 'not before the day');
    const [first] = await milestonesOf(db, task.id);
    await submitReport({ ...(await ctxAs(db, task.lead.admin)), now: later.now }, task.id, { period: row.next_report_period!, rag: 'green', summary: '완료', done: [String(first!.id)] });
    assert.equal(await slipping(later), false, 'a report marking it done clears it');
  });

  it('runs the TF workspace: seats colleagues, records meetings with action items, keeps a thread', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator, kind: 'key' });
    const colleague = await buildUser(db);
    await db.insertInto('org_members').values({ org_id: task.lead.id, user_id: colleague.id, role: 'member', status: 'active', created_at: clock() }).execute();
    const lead = await ctxAs(db, task.lead.admin);
    await rejects(addMember(lead, task.id, { user: String(operator.id) }), { user: 'field.choiceInvalid' });
    await addMember(lead, task.id, { user: String(colleague.id) });
    const today = kstDate(clock());
    await rejects(recordMeeting(lead, task.id, { heldOn: today, title: '착수 회의', agenda: '역할 분담', 'action.0.title': '자료 공유', 'action.0.owner': String(task.lead.id), 'action.0.due': addDays(today, -1) }), {
      'action.0.due': 'task.actionBeforeMeeting',
    });
    await recordMeeting(lead, task.id, { heldOn: today, title: '착수 회의', agenda: '역할 분담', decisions: '월 1회 회의', 'action.0.title': '자료 공유', 'action.0.owner': String(task.partners[0]!.id), 'action.0.due': addDays(today, 7) });
    await postMessage(await ctxAs(db, colleague), task.id, { body: '자료 올렸습니다' });
    const ws = await tfWorkspace(await ctxAs(db, operator), task.id);
    assert.equal(ws.members.length, 4);
    assert.deepEqual(ws.actions.map((a) => a.title), ['자료 공유']);
    assert.deepEqual(ws.messages.map((m) => m.body), ['자료 올렸습니다']);
    await assert.rejects(tfWorkspace(await ctxAs(db, (await buildOrg(db)).admin), task.id), NotFoundError);
  });

  it('closes a task once its milestones are done or its end day has come; results may still be written', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator, kind: 'managed' });
    const lead = await ctxAs(db, task.lead.admin);
    await rejects(completeTask(lead, task.id), { task: 'task.notYetComplete' });
    const afterEnd = { ...lead, now: () => new Date(clock().getTime() + 400 * DAY) };
    await completeTask(afterEnd, task.id);
    const row = await db.selectFrom('tasks').select(['status', 'next_report_due_on']).where('id', '=', task.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'completed', next_report_due_on: null }, 'no report is due any more');
    await saveResults(lead, task.id, { results: '승선 신고의 80%가 예약과 함께 끝납니다.' });
    await assert.rejects(submitReport(lead, task.id, { period: '2026-11', rag: 'green', summary: '끝' }), ForbiddenError);
    await loadTask(ctxFor(db, ANONYMOUS), db, task.id);
  });
});
