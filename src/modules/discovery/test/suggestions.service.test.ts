import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { getDemand, withdrawDemand } from '../../demands/demands.service.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { buildReply } from '../../matches/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { similarDemands } from '../similar.service.ts';
import { suggestionsFor, suggestionsForMe } from '../lists.service.ts';

describe('demands suggested to an organisation, and similar demands', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  const capabilityId = async (name: string) =>
    String((await database.db.selectFrom('capabilities').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id);

  it('suggests demands an organisation could answer, with reasons in its own voice, to its members only', async () => {
    const db = database.db;
    const repairer = await buildOrg(db, { name: '든든보조기기', sector: 'company', capabilities: [await capabilityId('의료기기 수리')] });
    await buildDemand(db, { org: repairer, title: '창고 공간 구합니다', needs: [['시설·공간 제공', '보조기기 보관 창고']] });
    const wheelchairs = await buildDemand(db, { title: '폐휠체어 기증과 수리', needs: [['의료기기 수리', '휠체어 수선']], targetSectors: ['company'] });
    const storage = await buildDemand(db, { title: '빈 창고를 내어 드립니다', needs: [['홍보·캠페인', '주민 홍보']], offers: [['시설·공간 제공', '물류 창고']] });
    const festival = await buildDemand(db, { title: '가을 축제 기획', needs: [['관광·문화 콘텐츠', '축제 프로그램']] });
    const answered = await buildDemand(db, { title: '재활 기구 수리', needs: [['의료기기 수리', '재활 기구 점검']] });
    await buildReply(db, answered.id, { org: repairer });

    const [mine] = await suggestionsForMe(await ctxAs(db, repairer.admin), 5);
    const ids = mine!.suggestions.map((s) => s.demand.id);
    assert.equal(ids[0], wheelchairs.id, 'a needed capability it holds, in the sector sought');
    assert.ok(ids.includes(storage.id), 'offers what its own demand is looking for');
    for (const excluded of [festival.id, answered.id]) assert.ok(!ids.includes(excluded));
    assert.ok(!mine!.suggestions.some((s) => s.demand.org_id === repairer.id), 'never its own demands');
    const keys = mine!.suggestions.find((s) => s.demand.id === wheelchairs.id)!.reasons.map((r) => r.key);
    assert.deepEqual(keys.slice(0, 2), ['fit.capability', 'fit.sector']);
    assert.equal(mine!.suggestions.find((s) => s.demand.id === storage.id)!.reasons[0]?.key, 'fit.reciprocity');
    await buildReply(db, wheelchairs.id, { org: repairer });
    const [later] = await suggestionsForMe(await ctxAs(db, repairer.admin), 5);
    assert.ok(!later!.suggestions.some((s) => s.demand.id === wheelchairs.id), 'answered since the list was stored, it is left out');

    const stranger = await ctxAs(db, await buildUser(db));
    await assert.rejects(suggestionsFor(stranger, repairer.id, 20), NotFoundError);
    assert.deepEqual(await suggestionsForMe(stranger, 5), [], 'no organisation, no suggestions');
  });

  it('finds published demands like a draft, not the draft itself, nor withdrawn or unrelated ones', async () => {
    const db = database.db;
    const existing = await buildDemand(db, { title: '복지관 휠체어 기증과 수리', needs: [['의료기기 수리', '낡은 휠체어 수리']] });
    const withdrawn = await buildDemand(db, { title: '휠체어 기증 수리 협력', needs: [['의료기기 수리', '휠체어 수리']] });
    await withdrawDemand(await ctxAs(db, withdrawn.org.admin), withdrawn.id);
    const unrelated = await buildDemand(db, { title: '해안 쓰레기 줍기', needs: [['자원봉사 인력', '주말 봉사']] });
    const draft = await buildDemand(db, { title: '휠체어 기증받아 수리할 곳', needs: [['의료기기 수리', '휠체어 수리 인력']], status: 'draft' });

    const author = await ctxAs(db, draft.org.admin);
    const similar = await similarDemands(db, await getDemand(author, draft.id));
    const ids = similar.map((s) => s.demand.id);
    assert.ok(ids.includes(existing.id), JSON.stringify(similar));
    for (const excluded of [draft.id, withdrawn.id, unrelated.id]) assert.ok(!ids.includes(excluded));
    assert.ok(similar.find((s) => s.demand.id === existing.id)!.shared.includes('휠체어'));
  });

  it('ranks a demand of the same theme above one that differs only in its theme, on both backends', async () => {
    const db = database.db;
    const sameTheme = await buildDemand(db, { title: '하천 생태 탐방로 정비', needs: [['자원봉사 인력', '탐방로 정비 봉사']], themes: ['환경'] });
    await buildDemand(db, { title: '하천 생태 탐방로 정비', needs: [['자원봉사 인력', '탐방로 정비 봉사']], themes: ['교육'] });
    const draft = await buildDemand(db, { title: '하천 생태 탐방로 조성', needs: [['자원봉사 인력', '탐방로 봉사']], themes: ['환경'], status: 'draft' });
    const similar = await similarDemands(db, await getDemand(await ctxAs(db, draft.org.admin), draft.id));
    assert.equal(similar[0]?.demand.id, sameTheme.id, JSON.stringify(similar));
  });
});
