import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildDemand, demandForm } from '../src/modules/demands/test/builders.ts';
import { buildReply } from '../src/modules/matches/test/builders.ts';
import type { Agent } from './agent.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

const OUT_OF_RANGE = /2000년 1월 1일부터 2099년 12월 31일 사이의 날짜를 입력해 주세요/;

/** The message beside field `id` (its error element), and the typed value kept in the form. */
function assertRefused(response: { statusCode: number; body: string }, id: string, value: string, what: string): void {
  assert.equal(response.statusCode, 422, what);
  const message = new RegExp(`id="${id}-error"[^>]*>[^<]*2000년 1월 1일부터 2099년 12월 31일 사이의 날짜를 입력해 주세요`);
  assert.match(response.body, message, what);
  assert.ok(response.body.includes(`value="${value}"`), `${what}: ${value} is kept`);
}

/** One accepted range of days (2000-01-01 … 2099-12-31) for every date field and filter, on PGlite and PostgreSQL. */
describe('dates', () => {
  let t: TestApp;
  let operator: Agent;
  let member: Agent;
  let demand: Awaited<ReturnType<typeof buildDemand>>;
  before(async () => {
    t = await buildTestApp();
    // Published on the test clock: the default period runs from the first publication to "today".
    demand = await buildDemand(t.db, { now: t.clock });
    const op = await buildUser(t.db, { role: 'operator' });
    operator = t.agent();
    await operator.login(op.email, op.password);
    member = t.agent();
    await member.login(demand.org.admin.email, demand.org.admin.password);
  });
  after(() => t.close());

  it('period filters (statistics, recognition, exports) answer out-of-range days beside the field', async () => {
    for (const path of ['/stats', '/recognition']) {
      assertRefused(await t.agent().get(`${path}?from=0001-01-01`), 'f-from', '0001-01-01', `${path} from year 1`);
      const both = await t.agent().get(`${path}?from=0000-01-01&to=9999-12-31`);
      assertRefused(both, 'f-from', '0000-01-01', `${path} from year 0`);
      assertRefused(both, 'f-to', '9999-12-31', `${path} to year 9999`);
      assertRefused(await t.agent().get(`${path}?from=1999-12-31`), 'f-from', '1999-12-31', `${path} the day before the range`);
      assert.equal((await t.agent().get(`${path}?from=2000-01-01&to=2099-12-31`)).statusCode, 200, `${path} the whole range`);
    }
    const exported = await operator.get('/admin/exports/statistics?format=csv&from=0000-01-01&to=2026-12-31');
    assertRefused(exported, 'f-from', '0000-01-01', 'statistics export');
  });

  it("a demand's deadline, a meeting, a match's start, a briefing and an award refuse days outside the range", async () => {
    assertRefused(await member.post('/demands/new', await demandForm(t.db, demand.org.id, { deadline: '0000-01-01' })), 'f-deadline', '0000-01-01', 'deadline');
    assertRefused(await member.post(`/demands/${demand.id}/edit`, await demandForm(t.db, demand.org.id, { deadline: '2100-01-01' })), 'f-deadline', '2100-01-01', 'deadline edit');

    const reply = await buildReply(t.db, demand.id);
    const meeting = await member.post(`/replies/${reply.id}/meetings`, { heldOn: '1999-12-31', mode: 'online', attendees: '양 기관', notes: '첫 회의' });
    assertRefused(meeting, 'f-meet-heldOn', '1999-12-31', 'meeting');
    assert.equal((await member.post(`/replies/${reply.id}/shortlist`)).statusCode, 303);
    const concluded = await member.post(`/demands/${demand.id}/conclude`, { partners: [String(reply.org.id)], summary: '합의', leadContribution: '장소', startedOn: '0001-01-01' });
    assertRefused(concluded, 'f-startedOn', '0001-01-01', "match's start");

    const briefing = await operator.post('/admin/briefings', { title: '설명회', date: '9999-12-31', time: '10:00', minutes: '60', venue: '서울', capacity: '10' });
    assertRefused(briefing, 'f-date', '9999-12-31', 'briefing');
    const award = await operator.post('/admin/recognition/awards', { title: '협업상', category: 'org', orgName: '기관', reason: '공로', awardedOn: '0000-01-01' });
    assertRefused(award, 'f-awardedOn', '0000-01-01', 'award');
    assert.match(award.body, OUT_OF_RANGE);
  });

  it('date inputs offer only the accepted days', async () => {
    const page = await member.get('/demands/new');
    assert.match(page.body, /name="deadline" type="date"[^>]*min="2000-01-01" max="2099-12-31"/);
  });
});
