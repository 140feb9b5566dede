import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { LIST_PAGE_SIZE } from '../lists.service.ts';
import { buildProposal } from './builders.ts';

// The author's own list stopped at 100 proposals with nothing to say so.
describe('국민포럼: a person’s own proposals, page by page', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('pages from the newest to the first, and back to the newest', async () => {
    const { id, author } = await buildProposal(t.db, { stage: 'draft', title: '내 제안 목록의 첫 제안입니다' });
    await sql`INSERT INTO forum_proposals (org_id, category_id, author_id, title, problem, proposal, effect, search_vector, created_at, updated_at, status)
      SELECT org_id, category_id, author_id, '내 제안 목록 ' || g || '번째', problem, proposal, effect, search_vector, created_at, updated_at, status
      FROM forum_proposals, generate_series(1, ${LIST_PAGE_SIZE}) AS g WHERE id = ${id}`.execute(t.db);
    const agent = t.agent();
    await agent.login(author.email, author.password);
    const first = await agent.get('/forum/mine');
    assert.match(first.body, /내 제안 목록 20번째/);
    assert.doesNotMatch(first.body, /첫 제안입니다/);
    const next = /<a class="krds-btn secondary" href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    assert.match(next ?? '', /^\/forum\/mine\?after=/);
    const second = await agent.get(next!);
    assert.match(second.body, /내 제안 목록의 첫 제안입니다/);
    assert.match(second.body, /<a class="krds-btn tertiary" href="\/forum\/mine">처음으로/);
    assert.doesNotMatch(second.body, /rel="next"/, 'nothing after the first');
  });
});
