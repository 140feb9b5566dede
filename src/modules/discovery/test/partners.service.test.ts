import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clock } from '../../../../test/clock.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { ANONYMOUS, type Ctx } from '../../../shared/context.ts';
import { NotFoundError, UnauthenticatedError, ValidationError } from '../../../shared/errors.ts';
import { translator } from '../../../shared/i18n/index.ts';
import { buildUser, ctxAs, ctxFor } from '../../accounts/test/builders.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { buildReply } from '../../matches/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { invitePartner, partnersOf, rankPartners } from '../partners.service.ts';

const recommendPartners = async (ctx: Ctx, demandId: number) => (await partnersOf(ctx, demandId)).recommendations;
const invitationsOf = async (ctx: Ctx, demandId: number) => (await partnersOf(ctx, demandId)).invitations;

const ko = translator('ko');

describe('partner recommendations', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  async function capabilityId(name: string): Promise<string> {
    return String((await database.db.selectFrom('capabilities').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id);
  }

  /** A wheelchair-donation demand aimed at companies in Seoul, offering goods, and the organisations around it. */
  let worlds = 0;
  async function world() {
    const db = database.db;
    const n = ++worlds; // organisation names are unique
    const demand = await buildDemand(db, {
      title: '폐휠체어 기증과 수리',
      needs: [['의료기기 수리', '휠체어 수선']],
      offers: [['물품 기증', '사용 연한이 지난 휠체어']],
      targetSectors: ['company'],
    });
    const repairer = await buildOrg(db, { name: `든든모빌리티 ${n}`, sector: 'company', capabilities: [await capabilityId('의료기기 수리')] });
    const describer = await buildOrg(db, { name: `바퀴공방 ${n}`, sector: 'company', description: '전동 휠체어와 유모차를 고칩니다.' });
    const seeker = await buildOrg(db, { name: `나눔복지관 ${n}`, sector: 'civil-society' });
    await buildDemand(db, { org: seeker, title: '이동 보조기기 구합니다', needs: [['물품 기증', '휠체어 여러 대']] });
    const unrelated = await buildOrg(db, { name: `축제기획사 ${n}`, sector: 'company', description: '지역 축제를 기획합니다.' });
    const replier = await buildOrg(db, { name: `이미답한수리점 ${n}`, sector: 'company', capabilities: [await capabilityId('의료기기 수리')] });
    await buildReply(db, demand.id, { org: replier });
    return { demand, repairer, describer, seeker, unrelated, replier };
  }

  it('ranks organisations by capability, words, reciprocity and sector, with reasons in Korean', async () => {
    const w = await world();
    const recommended = await recommendPartners(await ctxAs(database.db, w.demand.org.admin), w.demand.id);
    const ids = recommended.map((r) => r.org.id);
    assert.equal(ids[0], w.repairer.id, 'the taxonomy match comes first');
    assert.ok(ids.includes(w.describer.id), 'found by the words of its profile');
    assert.ok(ids.includes(w.seeker.id), 'found because it seeks what the demand offers');
    for (const excluded of [w.demand.org.id, w.replier.id, w.unrelated.id]) assert.ok(!ids.includes(excluded));

    const reasons = (orgId: number) => recommended.find((r) => r.org.id === orgId)!.reasons.map((r) => ko(r.key, r.params));
    assert.ok(reasons(w.repairer.id).includes("필요 역량 '휠체어 수선' ↔ 이 기관의 역량 '의료기기 수리'"), reasons(w.repairer.id).join());
    assert.ok(reasons(w.describer.id).includes("필요 역량 '휠체어 수선' ↔ 기관 소개의 '휠체어'"), reasons(w.describer.id).join());
    assert.ok(reasons(w.seeker.id).includes("이 기관이 찾는 '물품 기증'을 귀 기관이 제공"), reasons(w.seeker.id).join());
    assert.ok(reasons(w.repairer.id).some((r) => r.startsWith('찾는 협업 상대')));
  });

  it('shows recommendations only to the demanding organisation and operators', async () => {
    const demand = await buildDemand(database.db);
    const stranger = await buildOrg(database.db);
    await assert.rejects(recommendPartners(ctxFor(database.db, ANONYMOUS), demand.id), NotFoundError);
    await assert.rejects(invitePartner(ctxFor(database.db, ANONYMOUS), demand.id, stranger.id), UnauthenticatedError);
    const strangerCtx = await ctxAs(database.db, stranger.admin);
    await assert.rejects(recommendPartners(strangerCtx, demand.id), NotFoundError);
    await assert.rejects(invitePartner(strangerCtx, demand.id, stranger.id), NotFoundError);
    const operator = await ctxAs(database.db, await buildUser(database.db, { role: 'operator' }));
    assert.ok(Array.isArray(await recommendPartners(operator, demand.id)));
    await assert.rejects(invitePartner(operator, demand.id, stranger.id), NotFoundError, 'operators look, organisations invite');
  });

  it('invites a partner once, tells its members in-app and by mail, and tracks whether it replied', async () => {
    const db = database.db;
    const w = await world();
    const ctx = await ctxAs(db, w.demand.org.admin);
    await invitePartner(ctx, w.demand.id, w.repairer.id);
    await assert.rejects(invitePartner(ctx, w.demand.id, w.repairer.id), ValidationError);
    await assert.rejects(invitePartner(ctx, w.demand.id, w.demand.org.id), NotFoundError, 'not one’s own organisation');

    const notice = await db.selectFrom('notifications').selectAll().where('user_id', '=', w.repairer.admin.id).executeTakeFirstOrThrow();
    assert.equal(notice.kind, 'notice.partnerInvited');
    assert.equal(notice.link, `/demands/${w.demand.id}`);
    const mail = await db.selectFrom('mail_outbox').selectAll().where('to_address', '=', w.repairer.admin.email).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.match(mail.subject, /폐휠체어 기증과 수리/);

    assert.ok((await recommendPartners(ctx, w.demand.id)).find((r) => r.org.id === w.repairer.id)?.invitedAt);
    assert.deepEqual((await invitationsOf(ctx, w.demand.id)).map((i) => [i.id, i.replied]), [[w.repairer.id, false]]);
    await buildReply(db, w.demand.id, { org: w.repairer });
    assert.deepEqual((await invitationsOf(ctx, w.demand.id)).map((i) => [i.id, i.replied]), [[w.repairer.id, true]]);
  });

  // Last: its 90 organisations would crowd the other tests' recommendations.
  it('stops reading details early without changing the top ten', async () => {
    const db = database.db;
    const demand = await buildDemand(db, {
      title: '재활 기구 나눔',
      needs: [['의료기기 수리', '재활 기구 수리'], ['자원봉사 인력', '배달 봉사']],
      offers: [['시설·공간 제공', '창고']],
      targetSectors: ['company'],
    });
    const [repair, volunteers] = await Promise.all(['의료기기 수리', '자원봉사 인력'].map(capabilityId));
    // 90 organisations over three batches, with every mix of capability, words, sector and reciprocity.
    for (let i = 0; i < 90; i++) {
      const org = await buildOrg(db, {
        name: `재활나눔 후보 ${worlds}-${i}`,
        sector: i % 3 === 0 ? 'company' : 'academia',
        description: i % 4 === 0 ? '재활 기구를 고칩니다.' : '',
        capabilities: [i % 2 ? repair! : volunteers!, ...(i % 5 === 0 ? [repair!] : [])],
      });
      if (i % 7 === 0) await buildDemand(db, { org, needs: [['시설·공간 제공', '창고 공간']] });
    }
    const row = await db.selectFrom('demands').select(['id', 'org_id', 'target_sectors', 'target_regions']).where('id', '=', demand.id).executeTakeFirstOrThrow();
    const top = await rankPartners(db, row, clock(), 10);
    const all = await rankPartners(db, row, clock(), 1000);
    assert.ok(all.length >= 90, 'every candidate is ranked when enough are asked for');
    assert.deepEqual(top.map((r) => [r.org.id, r.score]), all.slice(0, 10).map((r) => [r.org.id, r.score]));
  });
});
