import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_MAIL_DOMAIN } from '../src/modules/notifications/index.ts';
import { PURPOSES } from '../src/modules/demands/demands.tables.ts';
import { seedDemoIfEmpty } from '../src/seed/demo-seed.ts';
import { kstDate } from '../src/shared/dates.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

describe('demo seed', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('loads a Korean world of demands, replies, negotiations and the four real success cases, once', async () => {
    const started = Date.now();
    assert.ok(await seedDemoIfEmpty(t.db, t.config, t.clock));
    console.log(`seed: ${Date.now() - started} ms`);
    assert.equal(await seedDemoIfEmpty(t.db, t.config, t.clock), null, 'a second run changes nothing');

    const demands = await t.db.selectFrom('demands').select(['purpose', 'status']).execute();
    assert.ok(demands.length >= 38, `${demands.length} demands`);
    assert.deepEqual(new Set(demands.map((d) => d.purpose)), new Set(PURPOSES));
    assert.equal(demands.filter((d) => d.status === 'concluded').length, 4);
    const unusedThemes = await t.db
      .selectFrom('themes')
      .select('name')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('demand_themes').select('demand_id').whereRef('demand_themes.theme_id', '=', 'themes.id'))))
      .execute();
    assert.deepEqual(unusedThemes, [], 'every theme has demands');
    assert.ok((await t.db.selectFrom('thread_messages').select('id').execute()).length >= 8);
    // Only verified organisations speak in public: no published demand, reply or featured demand of another.
    const unverifiedVoices = await t.db
      .selectFrom('demands')
      .innerJoin('orgs', 'orgs.id', 'demands.org_id')
      .select(['demands.title', 'orgs.name', 'orgs.status'])
      .where('demands.published_at', 'is not', null)
      .where('orgs.status', '!=', 'verified')
      .union((eb) => eb.selectFrom('replies').innerJoin('orgs', 'orgs.id', 'replies.org_id').select(['replies.statement as title', 'orgs.name', 'orgs.status']).where('orgs.status', '!=', 'verified'))
      .execute();
    assert.deepEqual(unverifiedVoices, []);
    const waitingDrafts = await t.db.selectFrom('demands').innerJoin('orgs', 'orgs.id', 'demands.org_id').select('demands.id').where('orgs.status', '=', 'pending').where('demands.status', '=', 'draft').execute();
    assert.ok(waitingDrafts.length >= 1, 'an organisation awaiting verification shows its draft waiting');

    const open = demands.filter((d) => d.status === 'open' || d.status === 'negotiating').length;
    const home = await t.agent().get('/');
    assert.match(home.body, new RegExp(`<dt>모집·협의 중인 수요과제</dt><dd>${open}</dd>`));
    assert.match(home.body, /<dt>성사된 협업<\/dt><dd>4<\/dd>/);
    const cases = await t.agent().get('/cases');
    for (const text of ['휠체어', '승선 신고', '보훈가족', '병원 평가', '공공-민간', '공공-공공']) assert.match(cases.body, new RegExp(text));

    // The operator's programme: two featured demands on the home page, next week's briefing.
    const featured = home.body.slice(home.body.indexOf('id="featured-h"'), home.body.indexOf('id="stats-h"'));
    assert.match(featured, /주요 협업이음터 과제/);
    assert.equal((featured.match(/>주요 과제</g) ?? []).length, 2);
    const briefings = await t.agent().get('/briefings');
    assert.match(briefings.body, /분야 협업 수요 온라인 사업설명회/);

    // This year's collaboration tasks: 30, four key ones with their TF, one grown out of a success case; one more from an adopted citizen proposal.
    const tasks = await t.db.selectFrom('tasks').select(['id', 'kind', 'status', 'match_id', 'proposal_id', 'next_report_due_on', 'charter_version']).execute();
    assert.equal(tasks.length, 31);
    assert.equal(tasks.filter((task) => task.proposal_id !== null).length, 1);
    const key = tasks.filter((task) => task.kind === 'key');
    assert.equal(key.length, 4);
    assert.ok(key.some((task) => task.match_id !== null), 'a key task grew out of a success case');
    const today = kstDate(t.clock());
    assert.equal(key.filter((task) => task.next_report_due_on! < today).length, 1, 'one key task is late with its report');
    assert.equal((await t.db.selectFrom('task_reports').select('id').where('task_id', 'in', key.map((k) => k.id)).execute()).length, 6, 'two reports each from three TFs');
    assert.equal((await t.db.selectFrom('task_staffing_requests').select('id').where('status', '=', 'pending').execute()).length, 1);
    const agreed = await t.db.selectFrom('task_charter_agreements').select('task_id').where('version', '=', 1).execute();
    assert.equal(new Set(agreed.map((a) => a.task_id)).size, 4, 'every TF agreed its charter');
    // The 협업SOS desk: 20 requests in every state, one breached, five Q&A entries.
    const tickets = await t.db.selectFrom('sos_tickets').select(['status', 'task_id', 'first_response_due_at', 'first_responded_at']).execute();
    assert.equal(tickets.length, 20);
    assert.deepEqual(new Set(tickets.map((x) => x.status)), new Set(['open', 'waiting', 'solved', 'closed']));
    assert.ok(tickets.filter((x) => x.task_id !== null).length >= 3, 'some about demo tasks');
    assert.ok(tickets.some((x) => !x.first_responded_at && x.first_response_due_at < t.clock()), 'one past its target');
    assert.equal((await t.db.selectFrom('sos_entries').select('id').execute()).length, 5);
    assert.match((await t.agent().get('/sos/answers?q=협업정원')).body, /협업정원은 어떻게 요청하나요/);
    const stats = await t.agent().get('/stats');
    assert.match(stats.body, /<dt>중점 협업과제<\/dt><dd>4건<\/dd>/);
    // 국민포럼: 30 and more proposals over every stage, one merged, one answer overdue, arguments on each side with a summary.
    const proposals = await t.db.selectFrom('forum_proposals').select(['status', 'answer_due_at', 'summary']).execute();
    assert.ok(proposals.length >= 30);
    assert.deepEqual(
      ['draft', 'checking', 'returned', 'discussion', 'support', 'expired', 'review', 'adopted', 'not_adopted', 'completed', 'withdrawn', 'merged'].filter((stage) => !proposals.some((p) => p.status === stage)),
      [],
    );
    assert.equal(proposals.filter((p) => p.status === 'merged').length, 1);
    assert.ok(proposals.some((p) => p.status === 'review' && p.answer_due_at! < t.clock()), 'one answer overdue');
    const sides = await t.db.selectFrom('forum_points').select('side').distinct().where('side', 'is not', null).execute();
    assert.equal(sides.length, 3);
    assert.ok(proposals.some((p) => p.summary));
    assert.match((await t.agent().get('/forum?stage=overdue')).body, /보훈 대상자 병원 예약을 가까운 보건소에서도/);
    // Every demo person has a made-up address, and what the demo wrote to them is kept, not sent.
    const users = await t.db.selectFrom('users').select('email').execute();
    assert.deepEqual(users.filter((u) => !u.email?.endsWith(`@${DEMO_MAIL_DOMAIN}`)), []);
    const mail = await t.db.selectFrom('mail_outbox').select('status').distinct().execute();
    assert.deepEqual(mail, [{ status: 'kept' }]);
    assert.equal((await t.db.selectFrom('jobs').select('id').where('kind', '=', 'mail.send').where('done_at', 'is', null).execute()).length, 0);
    const list = await t.agent().get('/tasks?kind=key');
    assert.match(list.body, /낚시어선 승선 신고와 바다낚시 예약 한 번에/);
  });
});
