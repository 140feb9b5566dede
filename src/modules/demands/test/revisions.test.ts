import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { buildDemand } from './builders.ts';

// A demand's versions are its newest 100; the oldest of them read "처음 작성한 내용입니다" however
// many came before it.
describe('a demand’s versions', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('calls only the first version the first, and says when the oldest are not shown', async () => {
    const demand = await buildDemand(t.db, { title: '판이 많은 수요과제' });
    const reader = t.agent();
    await reader.login(demand.org.admin.email, demand.org.admin.password);
    const few = (await reader.get(`/demands/${demand.id}/revisions`)).body;
    assert.match(few, /처음 작성한 내용입니다/);
    assert.doesNotMatch(few, /최근 \d+개 판을 보여 줍니다/);
    await sql`INSERT INTO demand_revisions (demand_id, revision, editor_id, snapshot, created_at)
      SELECT demand_id, revision + g, editor_id, snapshot, created_at FROM demand_revisions, generate_series(1, 101) AS g WHERE demand_id = ${demand.id}`.execute(t.db);
    const many = (await reader.get(`/demands/${demand.id}/revisions`)).body;
    assert.match(many, /최근 100개 판을 보여 줍니다/);
    assert.doesNotMatch(many, /처음 작성한 내용입니다/, 'the oldest shown is the 3rd, not the first');
    assert.match(many, /<h2>3번째 판<\/h2>/);
    assert.doesNotMatch(many, /<h2>2번째 판<\/h2>/);
  });
});
