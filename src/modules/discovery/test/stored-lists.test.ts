import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { withdrawDemand } from '../../demands/demands.service.ts';
import { ctxAs } from '../../accounts/test/builders.ts';
import { buildReply } from '../../matches/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { suggestionsForMe } from '../lists.service.ts';

/** Similar demands and suggestions are worked out off the request and read from a stored list. */
describe('stored discovery lists', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  const similarOnPage = async (id: number) => {
    const page = await t.agent().get(`/demands/${id}`);
    assert.equal(page.statusCode, 200);
    return /<section[^>]*class="similar"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
  };
  const stored = (id: number) => t.db.selectFrom('discovery_lists').select('payload').where('kind', '=', 'similar').where('subject_id', '=', id).executeTakeFirst();

  it('stores a new demand’s similar demands when it is published, and the page reads them', async () => {
    const older = await buildDemand(t.db, { title: '경로당 휠체어 수리 봉사', needs: [['의료기기 수리', '경로당 휠체어 점검']] });
    const demand = await buildDemand(t.db, { title: '경로당 휠체어 점검 봉사', needs: [['의료기기 수리', '휠체어 수리']] });
    await t.worker.runDue();
    const row = await stored(demand.id);
    assert.deepEqual(
      ((row?.payload ?? []) as { id: number }[]).map((e) => e.id),
      [older.id],
    );
    assert.match(await similarOnPage(demand.id), /경로당 휠체어 수리 봉사/);
  });

  it('serves a fresh list as stored, works a stale one out again in the background, and never shows a withdrawn demand', async () => {
    const first = await buildDemand(t.db, { title: '해안 쓰레기 줍기 봉사', needs: [['자원봉사 인력', '해안 쓰레기 수거']] });
    await t.worker.runDue();
    const second = await buildDemand(t.db, { title: '해안 쓰레기 수거 봉사단', needs: [['자원봉사 인력', '해안 쓰레기 줍기']] });
    // The first demand's list was stored before the second existed: fresh, it is served as it is.
    assert.doesNotMatch(await similarOnPage(first.id), /해안 쓰레기 수거 봉사단/);
    t.clock.advance(25 * 3600 * 1000);
    assert.doesNotMatch(await similarOnPage(first.id), /해안 쓰레기 수거 봉사단/, 'stale: still served while it is worked out');
    await t.worker.runDue();
    assert.match(await similarOnPage(first.id), /해안 쓰레기 수거 봉사단/, 'worked out again by the job');
    await withdrawDemand(await ctxAs(t.db, second.org.admin), second.id);
    assert.doesNotMatch(await similarOnPage(first.id), /해안 쓰레기 수거 봉사단/, 'withdrawn since: left out at once');
  });

  it('keeps an organisation’s suggestions for the dashboard, leaving out at once a demand it has since answered', async () => {
    const repair = String((await t.db.selectFrom('capabilities').select('id').where('name', '=', '의료기기 수리').executeTakeFirstOrThrow()).id);
    const repairer = await buildOrg(t.db, { name: '든든보조기기 저장', sector: 'company', capabilities: [repair] });
    const wheelchairs = await buildDemand(t.db, { title: '폐휠체어 기증과 수리 저장', needs: [['의료기기 수리', '휠체어 수선']] });
    const ctx = await ctxAs(t.db, repairer.admin);
    const ids = async () => (await suggestionsForMe(ctx, 5))[0]!.suggestions.map((s) => s.demand.id);
    assert.ok((await ids()).includes(wheelchairs.id));
    const row = await t.db.selectFrom('discovery_lists').select('subject_id').where('kind', '=', 'suggestions').where('subject_id', '=', repairer.id).executeTakeFirst();
    assert.ok(row, 'stored');
    await buildReply(t.db, wheelchairs.id, { org: repairer });
    assert.ok(!(await ids()).includes(wheelchairs.id));
  });
});

