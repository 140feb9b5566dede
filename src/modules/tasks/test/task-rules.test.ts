import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clock } from '../../../../test/clock.ts';
import { rejectsWithFields } from '../../../../test/outcomes.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { agreeCharter, charterState } from '../charter.ts';
import { saveProgramme } from '../programmes.service.ts';
import { indicatorsOf, milestonesOf, submitReport } from '../reports.service.ts';
import { loadTask } from '../task-access.ts';
import { createTask, savePlan, updateTask } from '../tasks.service.ts';
import { addMember, completeAction, recordMeeting, removeMember, tfWorkspace } from '../tf.service.ts';
import { planValues } from '../views/task-form-views.tsx';
import { buildProgramme, buildTask, planForm, taskForm } from './builders.ts';

const rejects = rejectsWithFields;

/** The rules an attacker and a careless hand tried against tasks, each as it must hold. */
describe('collaboration task rules', () => {
  let database: Database;
  let operator: BuiltUser;
  const today = () => kstDate(clock());

  before(async () => {
    database = await createTestDatabase();
    operator = await buildUser(database.db, { role: 'operator' });
    await buildProgramme(database.db, operator);
  });
  after(() => database.close());

  /** The basics form of a task as it stands, with `partners` as its partner rows. */
  async function basics(taskId: number, lead: { id: number; admin: BuiltUser }, partners: { id: number; admin: BuiltUser }[]) {
    const row = await database.db.selectFrom('tasks').select(['starts_on', 'ends_on']).where('id', '=', taskId).executeTakeFirstOrThrow();
    return { ...(await taskForm(database.db, lead, partners)), startsOn: row.starts_on, endsOn: row.ends_on };
  }

  it('takes a removed partner’s TF seats with it; only the lead changes who takes part', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator, kind: 'key', partners: 2 });
    const [b, c] = task.partners as [{ id: number; admin: BuiltUser }, { id: number; admin: BuiltUser }];
    // A partner keeps the details current but cannot drop another partner.
    await updateTask(await ctxAs(db, b.admin), task.id, await basics(task.id, task.lead, [b]));
    assert.equal((await db.selectFrom('task_orgs').select('org_id').where('task_id', '=', task.id).execute()).length, 3);
    // The lead can, once C owns no milestone; C's people lose the TF with it.
    await db.updateTable('task_milestones').set({ owner_org_id: task.lead.id }).where('task_id', '=', task.id).execute();
    await updateTask(await ctxAs(db, task.lead.admin), task.id, await basics(task.id, task.lead, [b]));
    await assert.rejects(tfWorkspace(await ctxAs(db, c.admin), task.id), NotFoundError);
    await assert.rejects(agreeCharter(await ctxAs(db, c.admin), task.id), NotFoundError);
    assert.equal((await db.selectFrom('tf_members').select('user_id').where('task_id', '=', task.id).where('org_id', '=', c.id).execute()).length, 0);
  });

  it('does not count a seat whose organisation no longer takes part', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator, kind: 'key' });
    const stranger = await buildOrg(db);
    await db.insertInto('tf_members').values({ task_id: task.id, user_id: stranger.admin.id, org_id: stranger.id, role: 'member', added_by: null, added_at: clock() }).execute();
    await assert.rejects(tfWorkspace(await ctxAs(db, stranger.admin), task.id), NotFoundError);
    const loaded = await loadTask(await ctxAs(db, stranger.admin), db, task.id);
    assert.equal(loaded.facts.seat, null);
  });

  it('keeps a seat for every organisation, and lets an operator mend an empty one', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator, kind: 'key' });
    await rejects(removeMember(await ctxAs(db, task.lead.admin), task.id, task.lead.admin.id), { user: 'task.lastOfOrg' });
    const colleague = await buildUser(db);
    await db.insertInto('org_members').values({ org_id: task.lead.id, user_id: colleague.id, role: 'member', status: 'active', created_at: clock() }).execute();
    await addMember(await ctxAs(db, operator), task.id, { user: String(colleague.id) });
    const seat = await db.selectFrom('tf_members').select(['role', 'org_id']).where('task_id', '=', task.id).where('user_id', '=', colleague.id).executeTakeFirstOrThrow();
    assert.deepEqual(seat, { role: 'member', org_id: task.lead.id });
    await removeMember(await ctxAs(db, task.lead.admin), task.id, task.lead.admin.id);
    await rejects(addMember(await ctxAs(db, operator), task.id, { user: String((await buildUser(db)).id) }), { user: 'field.choiceInvalid' });
  });

  it('gives milestones only to organisations that take part, and invites only verified ones', async () => {
    const db = database.db;
    const lead = await buildOrg(db);
    const invited = await buildOrg(db);
    const pending = await buildOrg(db, { status: 'pending' });
    await rejects(createTask(await ctxAs(db, lead.admin), await taskForm(db, lead, [pending])), { 'partner.0.name': 'task.partnerUnverified' });
    const id = await createTask(await ctxAs(db, lead.admin), await taskForm(db, lead, [invited]));
    await rejects(savePlan(await ctxAs(db, lead.admin), id, planForm([lead.id, invited.id])), { 'milestone.1.owner': 'field.choiceInvalid' });
  });

  it('keeps the plan inside the task’s dates both ways, and a task within five years', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator });
    const form = await basics(task.id, task.lead, task.partners);
    await rejects(updateTask(await ctxAs(db, task.lead.admin), task.id, { ...form, startsOn: addDays(today(), 50) }), { startsOn: 'task.startAfterPlan' });
    await rejects(updateTask(await ctxAs(db, task.lead.admin), task.id, { ...form, endsOn: addDays(today(), 6 * 366) }), { endsOn: 'task.tooLong' });
    await rejects(saveProgramme(await ctxAs(db, operator), { year: '2099', intakeOpensOn: '2099-01-01', intakeClosesOn: '2099-12-31', keyCadence: 'monthly', managedCadence: 'quarterly', graceDays: '7' }), {
      year: 'task.yearNear',
    });
  });

  it('refuses plan rows that name one stored row twice, and numbers with stray separators', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator });
    const [first] = await indicatorsOf(db, task.id);
    const plan = { ...planForm([task.lead.id]), 'indicator.0.id': String(first!.id), 'indicator.1.id': String(first!.id) };
    await rejects(savePlan(await ctxAs(db, task.lead.admin), task.id, plan), { 'indicator.1.name': 'field.choiceInvalid' });
    await rejects(savePlan(await ctxAs(db, task.lead.admin), task.id, { ...planForm([task.lead.id]), 'indicator.0.target': '1,2,3' }), { 'indicator.0.target': 'task.numberInvalid' });
    await savePlan(await ctxAs(db, task.lead.admin), task.id, { ...planForm([task.lead.id]), 'indicator.0.target': '1,200.5' });
    assert.equal((await indicatorsOf(db, task.id))[0]!.target, 1200.5);
  });

  it('makes no new charter version of a plan saved unchanged', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator, kind: 'key' });
    await agreeCharter(await ctxAs(db, task.lead.admin), task.id);
    const [indicators, milestones] = [await indicatorsOf(db, task.id), await milestonesOf(db, task.id)];
    await savePlan(await ctxAs(db, task.lead.admin), task.id, planValues(indicators, milestones));
    const charter = await charterState(db, await loadTask(await ctxAs(db, operator), db, task.id));
    assert.equal(charter.version, 1);
    assert.equal(charter.agreed.length, 1, 'the agreement stands');
  });

  it('records meetings held, not planned, and finds no other task’s action item', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator, kind: 'key' });
    const other = await buildTask(db, { operator, kind: 'key' });
    const lead = await ctxAs(db, task.lead.admin);
    await rejects(recordMeeting(lead, task.id, { heldOn: addDays(today(), 3), title: '미래 회의', agenda: '안건' }), { heldOn: 'tf.meetingFuture' });
    await recordMeeting(await ctxAs(db, other.lead.admin), other.id, { heldOn: today(), title: '착수', agenda: '안건', 'action.0.title': '자료', 'action.0.owner': String(other.lead.id), 'action.0.due': addDays(today(), 5) });
    const [item] = await db.selectFrom('tf_action_items').select('id').where('task_id', '=', other.id).execute();
    await assert.rejects(completeAction(lead, task.id, item!.id), NotFoundError);
  });

  it('lands a report sent twice with one key on the first report', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator, kind: 'key' });
    const ctx = { ...(await ctxAs(db, task.lead.admin)), formKey: 'a-report-form' };
    const body = { period: today().slice(0, 7), rag: 'green', summary: '두 번 눌렀습니다' };
    const [first, second] = [await submitReport(ctx, task.id, body), await submitReport(ctx, task.id, body)];
    assert.equal(second, first);
  });

  it('pages the TF thread backwards from the newest message', async () => {
    const db = database.db;
    const task = await buildTask(db, { operator, kind: 'key' });
    for (let i = 1; i <= 52; i++) await db.insertInto('tf_messages').values({ task_id: task.id, org_id: task.lead.id, author_id: task.lead.admin.id, body: `글 ${i}`, created_at: clock() }).execute();
    const newest = await tfWorkspace(await ctxAs(db, task.lead.admin), task.id);
    assert.deepEqual([newest.messages[0]!.body, newest.messages.at(-1)!.body, newest.messages.length], ['글 3', '글 52', 50]);
    const earlier = await tfWorkspace(await ctxAs(db, task.lead.admin), task.id, newest.earlier!);
    assert.deepEqual(earlier.messages.map((m) => m.body), ['글 1', '글 2']);
    assert.equal(earlier.earlier, null);
  });
});
