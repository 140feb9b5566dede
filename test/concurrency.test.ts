import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { logIn, signUp } from '../src/modules/accounts/accounts.service.ts';
import { buildUser, ctxAs, ctxFor } from '../src/modules/accounts/test/builders.ts';
import { buildDemand, demandForm } from '../src/modules/demands/test/builders.ts';
import { confirmMatch, recordMatch } from '../src/modules/matches/cases.service.ts';
import { decideReply } from '../src/modules/matches/replies.service.ts';
import { buildReply } from '../src/modules/matches/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { answerInvitation } from '../src/modules/tasks/tasks.service.ts';
import { buildTask } from '../src/modules/tasks/test/builders.ts';
import { ANONYMOUS } from '../src/shared/context.ts';
import { outcomes } from './outcomes.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

/** How many times each status came back. */
function tally(responses: { statusCode: number }[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { statusCode } of responses) counts[statusCode] = (counts[statusCode] ?? 0) + 1;
  return counts;
}

/**
 * Requests that race each other. The embedded database runs one transaction at a time and hides these
 * faults, so the suite runs where requests really overlap: on the PostgreSQL server (CI's second run).
 */
describe('requests at the same moment (PostgreSQL)', { skip: !process.env.DATABASE_URL && 'needs the PostgreSQL server (DATABASE_URL)' }, () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('concludes a match when its two partners confirm at the same moment, every time', async () => {
    for (let round = 0; round < 10; round++) {
      const demand = await buildDemand(t.db);
      const [a, b] = [await buildReply(t.db, demand.id), await buildReply(t.db, demand.id)];
      const lead = await ctxAs(t.db, demand.org.admin);
      for (const reply of [a, b]) await decideReply(lead, reply.id, 'shortlist');
      const matchId = await recordMatch(lead, demand.id, { partners: [String(a.org.id), String(b.org.id)], summary: '합의', leadContribution: '장소', startedOn: '2026-11-01' });
      await Promise.all([a, b].map(async (r) => confirmMatch(await ctxAs(t.db, r.org.admin), matchId, r.org.id, { contribution: '참여' })));
      const match = await t.db.selectFrom('matches').select('concluded_at').where('id', '=', matchId).executeTakeFirstOrThrow();
      assert.ok(match.concluded_at, `round ${round}: concluded`);
      const { status } = await t.db.selectFrom('demands').select('status').where('id', '=', demand.id).executeTakeFirstOrThrow();
      assert.equal(status, 'concluded', `round ${round}`);
    }
  });

  // The task's row was locked by the statement that also read its organisations: one waiting for the
  // lock read them as they were before the other committed, and both acceptances went through.
  it('takes one acceptance of a task’s invitation when two admins of the partner answer at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const partner = await buildOrg(t.db);
      const second = await buildUser(t.db);
      await t.db.insertInto('org_members').values({ org_id: partner.id, user_id: second.id, role: 'admin', status: 'active', created_at: new Date() }).execute();
      const task = await buildTask(t.db, { partners: [partner], accept: false, submit: false });
      const answers = await Promise.allSettled(
        [partner.admin, second].map(async (admin) => answerInvitation(await ctxAs(t.db, admin), task.id, { answer: 'accept', contribution: '현장 자료 제공' })),
      );
      assert.deepEqual(
        answers.map((a) => a.status).sort(),
        ['fulfilled', 'rejected'],
        `round ${round}: one acceptance`,
      );
      const told = await t.db.selectFrom('notifications').select('id').where('user_id', '=', task.lead.admin.id).where('kind', '=', 'notice.taskAccepted').execute();
      assert.equal(told.length, 1, `round ${round}: the lead is told once`);
    }
  });

  it('takes the same reply posted ten times at once once, and answers the others as the rule does', async () => {
    const demand = await buildDemand(t.db);
    const replier = await buildOrg(t.db);
    const agent = t.agent();
    await agent.login(replier.admin.email, replier.admin.password);
    const form = { org: String(replier.id), statement: '함께하겠습니다.' };
    const responses = await Promise.all(Array.from({ length: 10 }, () => agent.post(`/demands/${demand.id}/reply`, form)));
    assert.deepEqual(tally(responses), { 303: 1, 422: 9 });
    assert.match(responses.find((r) => r.statusCode === 422)!.body, /이미 답글을 남겼습니다|이미/);
    // The same form submitted ten times (one key): one reply, every request lands on it.
    const other = await buildOrg(t.db);
    const second = t.agent();
    await second.login(other.admin.email, other.admin.password);
    const once = { org: String(other.id), statement: '두 번 눌렀습니다.', _once: randomUUID() };
    const twice = await Promise.all(Array.from({ length: 10 }, () => second.post(`/demands/${demand.id}/reply`, once)));
    assert.deepEqual(tally(twice), { 303: 10 });
    assert.equal(new Set(twice.map((r) => r.headers.location)).size, 1, 'all land on the one reply');
    const count = await t.db.selectFrom('replies').select((eb) => eb.fn.countAll<number>().as('n')).where('demand_id', '=', demand.id).executeTakeFirstOrThrow();
    assert.equal(count.n, 2);
  });

  it('withdraws a reply sent twice at once once, and counts it once', async () => {
    const demand = await buildDemand(t.db);
    const kept = await buildReply(t.db, demand.id);
    const reply = await buildReply(t.db, demand.id);
    const agent = t.agent();
    await agent.login(reply.org.admin.email, reply.org.admin.password);
    const responses = await Promise.all(Array.from({ length: 5 }, () => agent.post(`/replies/${reply.id}/withdraw`)));
    assert.equal(tally(responses)[500], undefined, JSON.stringify(tally(responses)));
    const { reply_count } = await t.db.selectFrom('demands').select('reply_count').where('id', '=', demand.id).executeTakeFirstOrThrow();
    assert.equal(reply_count, 1, `only ${kept.id} is left`);
  });

  it('records a conclusion sent five times at once once', async () => {
    const demand = await buildDemand(t.db);
    const replier = await buildReply(t.db, demand.id);
    await decideReply(await ctxAs(t.db, demand.org.admin), replier.id, 'shortlist');
    const agent = t.agent();
    await agent.login(demand.org.admin.email, demand.org.admin.password);
    const form = { partners: String(replier.org.id), summary: '합의했습니다', leadContribution: '장소', startedOn: '2026-11-01', _once: randomUUID() };
    const responses = await Promise.all(Array.from({ length: 5 }, () => agent.post(`/demands/${demand.id}/conclude`, form)));
    assert.deepEqual(tally(responses), { 303: 5 });
    const plain = await Promise.all(Array.from({ length: 5 }, () => agent.post(`/demands/${demand.id}/conclude`, { ...form, _once: '' })));
    assert.equal(tally(plain)[500], undefined, 'a second conclusion without a key is refused, not failed');
    const matches = await t.db.selectFrom('matches').select('id').where('demand_id', '=', demand.id).execute();
    assert.equal(matches.length, 1);
  });

  it('creates one demand and one message from a form submitted ten times at once', async () => {
    const org = await buildOrg(t.db);
    const agent = t.agent();
    await agent.login(org.admin.email, org.admin.password);
    const form = { ...(await demandForm(t.db, org.id, { title: '열 번 누른 수요' })), _once: randomUUID() };
    const responses = await Promise.all(Array.from({ length: 10 }, () => agent.post('/demands/new', form)));
    assert.deepEqual(tally(responses), { 303: 10 });
    assert.equal(new Set(responses.map((r) => r.headers.location)).size, 1);
    const demands = await t.db.selectFrom('demands').select('id').where('title', '=', '열 번 누른 수요').execute();
    assert.equal(demands.length, 1);

    const demand = await buildDemand(t.db);
    const reply = await buildReply(t.db, demand.id, { org });
    const message = { body: '한 번만 보내집니다', _once: randomUUID() };
    const sent = await Promise.all(Array.from({ length: 10 }, () => agent.post(`/replies/${reply.id}/messages`, message)));
    assert.deepEqual(tally(sent), { 303: 10 });
    const messages = await t.db.selectFrom('thread_messages').select('id').where('reply_id', '=', reply.id).execute();
    assert.equal(messages.length, 1);
  });

  it('registers one organisation for two identical forms at once, whatever their spacing and case', async () => {
    const [a, b] = [await buildUser(t.db), await buildUser(t.db)];
    const agents = [t.agent(), t.agent()];
    await agents[0]!.login(a.email, a.password);
    await agents[1]!.login(b.email, b.password);
    const form = (name: string) => ({ name, sector: 'company', region: 'nationwide', capabilities: [] });
    const responses = await Promise.all([agents[0]!.post('/orgs/new', form('(주)동시 등록')), agents[1]!.post('/orgs/new', form('(주) 동시 등록'))]);
    assert.deepEqual(tally(responses), { 303: 1, 422: 1 });
    assert.match(responses.find((r) => r.statusCode === 422)!.body, /같은 이름의 기관이 이미 있습니다/);
  });

  it('edits a demand from two tabs at once without a 500', async () => {
    const org = await buildOrg(t.db);
    const demand = await buildDemand(t.db, { org });
    const agent = t.agent();
    await agent.login(org.admin.email, org.admin.password);
    const form = await demandForm(t.db, org.id, { title: '동시에 고친 제목' });
    const responses = await Promise.all(Array.from({ length: 5 }, () => agent.post(`/demands/${demand.id}/edit`, form)));
    assert.deepEqual(tally(responses), { 303: 5 });
  });

  it('keeps an admin when two admins step down at once', async () => {
    const org = await buildOrg(t.db);
    const second = await buildUser(t.db);
    await t.db.insertInto('org_members').values({ org_id: org.id, user_id: second.id, role: 'admin', status: 'active', created_at: t.clock() }).execute();
    const agents = [t.agent(), t.agent()];
    await agents[0]!.login(org.admin.email, org.admin.password);
    await agents[1]!.login(second.email, second.password);
    await Promise.all([agents[0]!.post(`/orgs/${org.id}/members/${org.admin.id}/role`, { role: 'member' }), agents[1]!.post(`/orgs/${org.id}/members/${second.id}/role`, { role: 'member' })]);
    const admins = await t.db.selectFrom('org_members').select('user_id').where('org_id', '=', org.id).where('role', '=', 'admin').execute();
    assert.equal(admins.length, 1);
  });

  it('counts forty wrong passwords at once against the limit of five, and forty sign-ups against twenty', async () => {
    const user = await buildUser(t.db);
    const ctx = { ...ctxFor(t.db, ANONYMOUS), ip: '203.0.113.7' };
    const guesses = await outcomes(Array.from({ length: 40 }, () => logIn(ctx, { email: user.email, password: 'wrong-password-1' })));
    assert.deepEqual(guesses, { ValidationError: 5, RateLimitedError: 35 });
    const signUps = await outcomes(
      Array.from({ length: 40 }, (_, i) =>
        signUp({ ...ctx, ip: '203.0.113.8' }, { email: `parallel-${i}@example.kr`, name: '동시 가입', password: 'parallel-sign-up', passwordConfirm: 'parallel-sign-up' }),
      ),
    );
    assert.deepEqual(signUps, { ok: 20, RateLimitedError: 20 });
  });
});

describe('a create form sent twice', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('creates one thing and lands the second request on it; a new form creates anew', async () => {
    const org = await buildOrg(t.db);
    const agent = t.agent();
    await agent.login(org.admin.email, org.admin.password);
    const form = { ...(await demandForm(t.db, org.id, { title: '두 번 보낸 수요' })), _once: randomUUID() };
    const [first, second] = [await agent.post('/demands/new', form), await agent.post('/demands/new', form)];
    assert.deepEqual([first.statusCode, second.statusCode], [303, 303]);
    assert.equal(second.headers.location, first.headers.location);
    const third = await agent.post('/demands/new', { ...form, _once: randomUUID() });
    assert.notEqual(third.headers.location, first.headers.location);
    const page = await agent.get('/demands/new');
    assert.match(page.body, /name="_once" value="[0-9a-f-]{36}"/, 'the form carries its key');
  });

  it('takes the same key with other content, or on another form, as a new submission (a page restored by Back)', async () => {
    const org = await buildOrg(t.db);
    const agent = t.agent();
    await agent.login(org.admin.email, org.admin.password);
    const key = randomUUID();
    const form = { ...(await demandForm(t.db, org.id, { title: '뒤로 가서 고친 수요' })), _once: key };
    const first = await agent.post('/demands/new', form);
    const edited = await agent.post('/demands/new', { ...form, title: '뒤로 가서 다시 쓴 수요' });
    assert.notEqual(edited.headers.location, first.headers.location, 'what was typed the second time is not lost');
    const titles = await t.db.selectFrom('demands').select('title').where('org_id', '=', org.id).orderBy('id').execute();
    assert.deepEqual(
      titles.map((d) => d.title),
      ['뒤로 가서 고친 수요', '뒤로 가서 다시 쓴 수요'],
    );
  });
});
