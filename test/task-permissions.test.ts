import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BuiltUser, buildUser, ctxAs } from '../src/modules/accounts/test/builders.ts';
import { buildCase } from '../src/modules/matches/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { addDays, kstDate } from '../src/shared/dates.ts';
import { createTask } from '../src/modules/tasks/tasks.service.ts';
import { buildTask, type BuiltTask, planForm, taskForm } from '../src/modules/tasks/test/builders.ts';
import type { Agent } from './agent.ts';
import { everyone, type PermissionRow, signInAll, unexpectedAnswers } from './permission-table.ts';
import { PDF } from './documents.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

type ActorName = 'anonymous' | 'citizen' | 'outsider' | 'partner' | 'tfMember' | 'operator';
type Body = () => Promise<Record<string, string | string[]>>;
type Row = PermissionRow<ActorName>;

/**
 * Every task and TF route as actor × answer, through HTTP. `partner` is a member of a partner
 * organisation without a TF seat; `tfMember` is seated for that organisation. What an actor has no
 * part in answers 404 (a visitor's page is led to sign in, 303; a visitor's post asks for it, 401);
 * an action on a task the actor is part of but may not take answers 403 with the reason; selection
 * and the portfolio, like all operators' work, do not exist for anyone else.
 */
describe('collaboration task permissions', () => {
  let t: TestApp;
  const agents = {} as Record<ActorName, Agent>;
  const users = {} as Record<Exclude<ActorName, 'anonymous'>, BuiltUser>;
  let draft: BuiltTask;
  let key: BuiltTask;
  let managed: BuiltTask;
  let report = 0;

  before(async () => {
    t = await buildTestApp();
    users.operator = await buildUser(t.db, { role: 'operator' });
    const partnerOrg = await buildOrg(t.db, { sector: 'company' });
    key = await buildTask(t.db, { operator: users.operator, kind: 'key', partners: [partnerOrg] });
    managed = await buildTask(t.db, { operator: users.operator, kind: 'managed', partners: [partnerOrg] });
    draft = await buildTask(t.db, { operator: users.operator, partners: [partnerOrg], submit: false, accept: false });
    users.tfMember = partnerOrg.admin;
    users.partner = await buildUser(t.db);
    await t.db.insertInto('org_members').values({ org_id: partnerOrg.id, user_id: users.partner.id, role: 'member', status: 'active', created_at: t.clock() } as never).execute();
    users.outsider = (await buildOrg(t.db)).admin;
    users.citizen = await buildUser(t.db);
    Object.assign(agents, await signInAll(() => t.agent(), users));
  });
  after(() => t.close());

  const reportBody: Body = async () => ({ period: kstDate(t.clock()).slice(0, 7), rag: 'green', summary: '정상 추진' });

  const rows: Row[] = [
    ...everyone('GET', () => '/tasks', { anonymous: 200, citizen: 200, outsider: 200, partner: 200, tfMember: 200, operator: 200 }),
    ...everyone('GET', () => '/tasks/mine', { anonymous: 303, citizen: 200, outsider: 200, partner: 200, tfMember: 200, operator: 200 }),
    ...everyone('GET', () => '/tasks/new', { anonymous: 303, citizen: 200, outsider: 200, partner: 200, tfMember: 200, operator: 200 }),
    // A draft belongs to its organisations (invited ones included) and operators.
    ...everyone('GET', () => `/tasks/${draft.id}`, { anonymous: 303, citizen: 404, outsider: 404, partner: 200, tfMember: 200, operator: 200 }),
    ...everyone('GET', () => `/tasks/${draft.id}/edit`, { anonymous: 303, citizen: 404, outsider: 404, partner: 403, tfMember: 403, operator: 403 }),
    ...everyone('POST', () => `/tasks/${draft.id}/submit`, { anonymous: 404, citizen: 404, outsider: 404, partner: 403, tfMember: 403, operator: 403 }),
    ['outsider', 'POST', () => `/tasks/${draft.id}/answer`, 404, async () => ({ answer: 'accept', contribution: '대신 수락' })],
    ['tfMember', 'POST', () => `/tasks/${draft.id}/answer`, 303, async () => ({ answer: 'accept', contribution: '현장 자료' })],
    // A selected task is public; its TF workspace and staffing are the TF's and the operators'.
    ...everyone('GET', () => `/tasks/${key.id}`, { anonymous: 200, citizen: 200, outsider: 200, partner: 200, tfMember: 200, operator: 200 }),
    ...everyone('GET', () => `/tasks/${key.id}/tf`, { anonymous: 303, citizen: 404, outsider: 404, partner: 404, tfMember: 200, operator: 200 }),
    ...everyone('GET', () => `/tasks/${key.id}/staffing`, { anonymous: 303, citizen: 404, outsider: 404, partner: 404, tfMember: 200, operator: 200 }),
    ...everyone('POST', () => `/tasks/${key.id}/tf/messages`, { anonymous: 401, citizen: 404, outsider: 404, partner: 404, tfMember: 303, operator: 303 }, async () => ({ body: '회의 자료 공유합니다' })),
    ...everyone('POST', () => `/tasks/${key.id}/tf/agree`, { anonymous: 401, citizen: 404, outsider: 404, partner: 404, tfMember: 303, operator: 422 }),
    ...everyone('GET', () => `/tasks/${key.id}/plan`, { anonymous: 303, citizen: 404, outsider: 404, partner: 403, tfMember: 200, operator: 403 }),
    ...everyone('GET', () => `/tasks/${key.id}/reports/new`, { anonymous: 303, citizen: 404, outsider: 404, partner: 403, tfMember: 200, operator: 403 }),
    ['partner', 'POST', () => `/tasks/${key.id}/reports/new`, 403, reportBody],
    ['tfMember', 'POST', () => `/tasks/${key.id}/reports/new`, 303, reportBody],
    ...everyone('GET', () => `/tasks/${key.id}/reports/${report}`, { anonymous: 303, citizen: 404, outsider: 404, partner: 404, tfMember: 200, operator: 200 }),
    ['tfMember', 'POST', () => `/tasks/${key.id}/staffing`, 303, async () => ({ positions: '2', role: '6급', fromOrg: String(key.lead.id), months: '6', justification: '연계 개발', indicators: [String(await firstIndicator(key.id))] })],
    ['outsider', 'POST', () => `/tasks/${key.id}/staffing`, 404, async () => ({ positions: '2', role: '6급', fromOrg: String(key.lead.id), months: '6', justification: '연계', indicators: [] })],
    // An agency-managed task: its organisations report; it has no TF.
    ...everyone('GET', () => `/tasks/${managed.id}/tf`, { anonymous: 303, citizen: 404, outsider: 404, partner: 404, tfMember: 404, operator: 404 }),
    ...everyone('GET', () => `/tasks/${managed.id}/reports/new`, { anonymous: 303, citizen: 404, outsider: 404, partner: 200, tfMember: 200, operator: 403 }),
    // Selection and the portfolio: operators only.
    ['tfMember', 'POST', () => `/tasks/${managed.id}/select`, 404, async () => ({ kind: 'key', reason: '스스로' })],
    ['outsider', 'POST', () => `/tasks/${managed.id}/select`, 404, async () => ({ kind: 'key', reason: '스스로' })],
    ...everyone('GET', () => '/admin/tasks', { anonymous: 303, citizen: 404, outsider: 404, partner: 404, tfMember: 404, operator: 200 }),
    ...everyone('GET', () => '/admin/tasks.csv', { anonymous: 303, citizen: 404, outsider: 404, partner: 404, tfMember: 404, operator: 200 }),
    ...everyone('POST', () => '/admin/tasks/programme', { anonymous: 401, citizen: 404, outsider: 404, partner: 404, tfMember: 404, operator: 303 }, async () => programmeBody()),
  ];

  async function firstIndicator(taskId: number) {
    return (await t.db.selectFrom('task_indicators').select('id').where('task_id', '=', taskId).orderBy('position').executeTakeFirstOrThrow()).id;
  }
  function programmeBody() {
    const year = kstDate(t.clock()).slice(0, 4);
    return { year, intakeOpensOn: `${year}-01-01`, intakeClosesOn: `${year}-12-31`, keyCadence: 'monthly', managedCadence: 'quarterly', graceDays: '7' };
  }

  it('answers every actor and action as the rules say', async () => {
    const failures = await unexpectedAnswers(rows, agents, ([, method], path, response) => {
      if (method === 'POST' && path.endsWith('/reports/new') && response.statusCode === 303) report = Number(String(response.headers.location).split('/').pop());
    });
    assert.deepEqual(failures, []);
  });

  it('gives bad input back beside its field with what was typed, never a 500', async () => {
    const today = kstDate(t.clock());
    const task = await buildTask(t.db, { operator: users.operator, partners: 0, submit: false });
    const lead = t.agent();
    await lead.login(task.lead.admin.email, task.lead.admin.password);
    const plan = { ...planForm([task.lead.id]), 'indicator.0.unit': '', 'indicator.0.name': '예약 연계율 지표', 'milestone.0.due': addDays(today, 500) };
    const page = await lead.post(`/tasks/${task.id}/plan`, plan);
    assert.equal(page.statusCode, 422);
    assert.match(page.body, /id="f-indicator\.0\.unit-error"/);
    assert.match(page.body, /마일스톤 기한이 과제 종료일 뒤입니다/);
    assert.match(page.body, /value="예약 연계율 지표"/);
    const basics = await lead.post(`/tasks/${task.id}/edit`, { title: '새 이름', problem: '문제', benefit: '효과', themes: ['1'], startsOn: today, endsOn: addDays(today, -3) });
    assert.equal(basics.statusCode, 422);
    assert.match(basics.body, /종료일은 시작일과 같거나 그 뒤여야 합니다/);
    assert.match(basics.body, /value="새 이름"/);
    // A draft without a plan cannot be submitted, and the lead reads why, beside the buttons.
    const bare = await createTask(await ctxAs(t.db, task.lead.admin), await taskForm(t.db, task.lead));
    const refused = await lead.post(`/tasks/${bare}/submit`);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /지표와 마일스톤을 하나 이상씩 적어야 등록을 신청할 수 있습니다/);
    assert.match(refused.body, /href="#f-task"/);
    assert.match(refused.body, /id="f-task"/);
    const odd: Record<string, string>[] = [{ kind: 'x' }, { 'value.1': '\u0000' }, { period: '9999-99' }];
    for (const body of odd) {
      const response = await lead.post(`/tasks/${task.id}/reports/new`, body);
      assert.ok(response.statusCode < 500, JSON.stringify(body));
    }
  });

  it('turns a concluded match into a task in one step, prefilled with its partners and their contributions', async () => {
    const lead = await buildOrg(t.db);
    const partner = await buildOrg(t.db, { name: '(주)바퀴 수리' });
    const { matchId } = await buildCase(t.db, lead, partner, '휠체어 수리와 점검');
    const leadAgent = t.agent();
    await leadAgent.login(lead.admin.email, lead.admin.password);
    assert.match((await leadAgent.get(`/cases/${matchId}`)).body, new RegExp(`href="/tasks/new\\?match=${matchId}"`));
    assert.doesNotMatch((await agents.outsider.get(`/cases/${matchId}`)).body, /\/tasks\/new\?match=/);
    const form = await leadAgent.get(`/tasks/new?match=${matchId}`);
    assert.match(form.body, /value="\(주\)바퀴 수리"/);
    assert.match(form.body, /value="휠체어 수리와 점검"/);
    assert.equal((await agents.outsider.get(`/tasks/new?match=${matchId}`)).statusCode, 404);
    const body = Object.fromEntries([...form.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].filter(([, name]) => !name!.startsWith('_')).map(([, name, value]) => [name!, value!.replaceAll('&quot;', '"').replaceAll('&amp;', '&')]));
    const today = kstDate(t.clock());
    const created = await leadAgent.post('/tasks/new', { ...body, org: String(lead.id), problem: '문제', benefit: '효과', themes: ['1'], startsOn: today, endsOn: addDays(today, 200) });
    assert.equal(created.statusCode, 303);
    const task = await t.db.selectFrom('tasks').select(['id', 'match_id']).where('match_id', '=', matchId).executeTakeFirstOrThrow();
    const invited = await t.db.selectFrom('task_orgs').select(['org_id', 'status', 'contribution']).where('task_id', '=', task.id).where('role', '=', 'partner').execute();
    assert.deepEqual(invited, [{ org_id: partner.id, status: 'invited', contribution: '휠체어 수리와 점검' }]);
    const again = await leadAgent.post('/tasks/new', { ...body, org: String(lead.id), problem: '문제', benefit: '효과', themes: ['1'], startsOn: today, endsOn: addDays(today, 200) });
    assert.equal(again.statusCode, 422, 'one task per match');
  });

  it('keeps the TF documents to the TF and the operators', async () => {
    await agents.tfMember.get(`/tasks/${key.id}/tf`);
    const upload = await agents.tfMember.postFile(`/tasks/${key.id}/tf/files`, {}, { field: 'file', filename: '연계 설계서.pdf', content: PDF });
    assert.equal(upload.statusCode, 303);
    const [file] = await t.db.selectFrom('attachments').select('id').where('owner_type', '=', 'task').where('owner_id', '=', key.id).execute();
    const path = `/tasks/${key.id}/tf/files/${file!.id}`;
    for (const [actor, expected] of [['tfMember', 200], ['operator', 200], ['partner', 404], ['outsider', 404], ['citizen', 404], ['anonymous', 303]] as const) {
      assert.equal((await agents[actor].get(path)).statusCode, expected, actor);
    }
    assert.equal((await agents.tfMember.get(`/tasks/${managed.id}/tf/files/${file!.id}`)).statusCode, 404, 'another task’s address finds nothing');
  });
});
