import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { ANONYMOUS } from '../../../shared/context.ts';
import { NotFoundError, RateLimitedError, ValidationError } from '../../../shared/errors.ts';
import { buildUser, ctxAs, ctxFor } from '../../accounts/test/builders.ts';
import * as orgs from '../orgs.service.ts';
import { addCapability, addDistrict, archiveCapability, listCapabilities, listRegions, renameRegion } from '../taxonomy.service.ts';
import { buildOrg } from './builders.ts';

describe('organisations service', () => {
  let database: Database;
  const anonymous = () => ctxFor(database.db, ANONYMOUS);
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('makes the creator admin, and takes a request through verification to the badge', async () => {
    const operator = await buildUser(database.db, { role: 'operator' });
    const { id, admin } = await buildOrg(database.db, { sector: 'local', region: '01-004', status: 'unverified' });
    const ctx = await ctxAs(database.db, admin);
    assert.deepEqual(ctx.actor.kind === 'user' && ctx.actor.memberships, [{ orgId: id, role: 'admin', orgStatus: 'unverified' }]);
    await assert.rejects(orgs.verifyOrg(await ctxAs(database.db, operator), id), NotFoundError, 'not pending yet');
    await orgs.requestVerification(ctx, id);
    assert.equal((await orgs.verificationQueue(await ctxAs(database.db, operator))).items.some((o) => o.id === id), true);
    await assert.rejects(orgs.verifyOrg(ctx, id), NotFoundError, 'an admin cannot verify their own organisation');
    await orgs.verifyOrg(await ctxAs(database.db, operator), id);
    const profile = await orgs.getOrgProfile(anonymous(), id);
    assert.equal(profile.org.status, 'verified');
    assert.equal(profile.members, null, 'the public does not see members');
    const mail = await database.db.selectFrom('mail_outbox').select(['subject']).where('to_address', '=', admin.email).execute();
    assert.ok(mail.some((m) => m.subject.includes('검증이 완료')));
    const audit = await database.db.selectFrom('audit_log').select('action').where('target_id', '=', String(id)).execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['org.create', 'org.verification.request', 'org.verify']);
  });

  it('hides a refused organisation from the public and shows the reason to its admin', async () => {
    const operator = await buildUser(database.db, { role: 'operator' });
    const { id, admin } = await buildOrg(database.db, { status: 'pending' });
    await assert.rejects(orgs.rejectOrg(await ctxAs(database.db, operator), id, { reason: '' }), ValidationError);
    await orgs.rejectOrg(await ctxAs(database.db, operator), id, { reason: '기관 확인 서류가 필요합니다' });
    await assert.rejects(orgs.getOrgProfile(anonymous(), id), NotFoundError);
    const own = await orgs.getOrgProfile(await ctxAs(database.db, admin), id);
    assert.equal(own.org.rejection_reason, '기관 확인 서류가 필요합니다');
    const directory = await orgs.browseDirectory(anonymous(), {});
    assert.equal(directory.page.items.some((o) => o.id === id), false);
  });

  it('validates the form: region, capabilities, website, duplicate name', async () => {
    const user = await buildUser(database.db);
    const ctx = await ctxAs(database.db, user);
    const base = { name: '새 기관', sector: 'company', region: 'nationwide', capabilities: [] as string[] };
    const fields = async (input: Record<string, unknown>) =>
      orgs.createOrg(ctx, input).then(
        () => ({}),
        (e: unknown) => (e as ValidationError).fields,
      );
    assert.deepEqual(await fields({ ...base, region: '99' }), { region: 'field.choiceInvalid' });
    assert.deepEqual(await fields({ ...base, sector: 'army' }), { sector: 'field.choiceInvalid' });
    assert.deepEqual(await fields({ ...base, capabilities: ['999999'] }), { capabilities: 'field.choiceInvalid' });
    assert.deepEqual(await fields({ ...base, website: 'javascript:alert(1)' }), { website: 'field.urlInvalid' });
    assert.deepEqual(await fields({ ...base, name: 'x'.repeat(101) }), { name: 'field.tooLong' });
    await buildOrg(database.db, { name: '같은이름 협회' });
    assert.deepEqual(await fields({ ...base, name: '같은이름 협회' }), { name: 'org.nameTaken' });
    // One name however it is spaced, cased or typed (full-width letters).
    for (const name of ['같은이름협회', ' 같은이름  협회 ']) assert.deepEqual(await fields({ ...base, name }), { name: 'org.nameTaken' }, name);
    await buildOrg(database.db, { name: 'Green Lab' });
    assert.deepEqual(await fields({ ...base, name: 'ＧＲＥＥＮ ｌａｂ' }), { name: 'org.nameTaken' });
  });

  it('finds organisations by a two-syllable Korean word, sector, region and capability', async () => {
    const [repair] = (await listCapabilities(database.db)).filter((c) => c.name === '의료기기 수리');
    assert.ok(repair);
    const hospital = await buildOrg(database.db, { name: '부산보훈재활병원', sector: 'public-institution', region: '02-001', capabilities: [String(repair.id)] });
    await buildOrg(database.db, { name: '보훈단체연합회', sector: 'civil-society', region: '01-001' });
    const search = async (query: Record<string, string>) => (await orgs.browseDirectory(anonymous(), query)).page.items.map((o) => o.id);
    assert.equal((await search({ q: '보훈' })).length, 2);
    assert.deepEqual(await search({ q: '재활' }), [hospital.id]);
    assert.deepEqual(await search({ q: '보훈', sector: 'public-institution' }), [hospital.id]);
    assert.deepEqual(await search({ q: '보훈', region: '02' }), [hospital.id]);
    assert.deepEqual(await search({ capability: String(repair.id) }), [hospital.id]);
    assert.deepEqual(await search({ q: '훈재' }), [hospital.id], 'substring across the bigram boundary');
    assert.deepEqual(await search({ q: '없는기관이름' }), []);
    // Bad filters from a hand-edited URL show everything instead of failing.
    assert.ok((await search({ sector: 'nonsense' })).length >= 2);
  });

  it('pages the directory with a stable cursor', async () => {
    for (let i = 0; i < 23; i++) await buildOrg(database.db, { name: `페이지 기관 ${String(i).padStart(2, '0')}` });
    const first = await orgs.browseDirectory(anonymous(), { q: '페이지' });
    assert.equal(first.total, 23);
    assert.equal(first.page.items.length, 20);
    assert.ok(first.page.nextCursor);
    const second = await orgs.browseDirectory(anonymous(), { q: '페이지', after: first.page.nextCursor });
    assert.deepEqual(
      second.page.items.map((o) => o.name),
      ['페이지 기관 20', '페이지 기관 21', '페이지 기관 22'],
    );
    assert.equal(second.page.nextCursor, null);
    const garbage = await orgs.browseDirectory(anonymous(), { q: '페이지', after: 'not-a-cursor' });
    assert.equal(garbage.page.items[0]?.name, '페이지 기관 00');
  });

  it('lets a user ask to join, and the admin approve', async () => {
    const { id, admin } = await buildOrg(database.db);
    const applicant = await buildUser(database.db);
    assert.equal((await orgs.getOrgProfile(await ctxAs(database.db, applicant), id)).joinPending, false);
    await orgs.requestToJoin(await ctxAs(database.db, applicant), id);
    await orgs.requestToJoin(await ctxAs(database.db, applicant), id);
    assert.equal((await orgs.getOrgProfile(await ctxAs(database.db, applicant), id)).joinPending, true);
    await assert.rejects(orgs.decideJoinRequest(await ctxAs(database.db, applicant), id, applicant.id, true), NotFoundError);
    await orgs.decideJoinRequest(await ctxAs(database.db, admin), id, applicant.id, true);
    assert.deepEqual(await orgs.membershipsOf(database.db, applicant.id), [{ orgId: id, role: 'member', orgStatus: 'verified' }]);
    const mails = await database.db.selectFrom('mail_outbox').select('subject').where('to_address', '=', admin.email).execute();
    assert.equal(mails.filter((m) => m.subject.includes('가입 요청')).length, 1, 'one mail for a repeated request');
  });

  it('invites by email; only the invited address can accept', async () => {
    const { id, admin } = await buildOrg(database.db);
    const invitee = await buildUser(database.db);
    const stranger = await buildUser(database.db);
    await orgs.inviteMember(await ctxAs(database.db, admin), id, { email: invitee.email });
    const mail = await database.db.selectFrom('mail_outbox').select('body_text').where('to_address', '=', invitee.email).executeTakeFirstOrThrow();
    const token = /invitations\/(\S+)/.exec(mail.body_text)?.[1] ?? '';
    await assert.rejects(orgs.acceptInvitation(await ctxAs(database.db, stranger), token), ValidationError);
    await orgs.acceptInvitation(await ctxAs(database.db, invitee), token);
    assert.deepEqual(await orgs.membershipsOf(database.db, invitee.id), [{ orgId: id, role: 'member', orgStatus: 'verified' }]);
    await assert.rejects(orgs.acceptInvitation(await ctxAs(database.db, invitee), token), NotFoundError, 'used once');
  });

  it('never leaves an organisation without an admin', async () => {
    const { id, admin } = await buildOrg(database.db);
    await assert.rejects(orgs.setMemberRole(await ctxAs(database.db, admin), id, admin.id, { role: 'member' }), ValidationError);
  });

  it('lets only operators manage the capability taxonomy', async () => {
    const operator = await buildUser(database.db, { role: 'operator' });
    const user = await buildUser(database.db);
    await assert.rejects(addCapability(await ctxAs(database.db, user), { name: '드론 촬영', nameEn: 'Drone filming' }), NotFoundError);
    await addCapability(await ctxAs(database.db, operator), { name: '드론 촬영', nameEn: 'Drone filming' });
    await assert.rejects(addCapability(await ctxAs(database.db, operator), { name: '드론 촬영', nameEn: 'Drone' }), ValidationError);
    const added = (await listCapabilities(database.db)).find((c) => c.name === '드론 촬영');
    assert.ok(added);
    await archiveCapability(await ctxAs(database.db, operator), added.id);
    assert.equal((await listCapabilities(database.db)).some((c) => c.id === added.id), false);
  });

  it('limits how many organisations one person registers a day', async () => {
    const admin = await buildUser(database.db);
    for (let i = 0; i < 10; i++) await buildOrg(database.db, { admin, name: `하루 한도 기관 ${i}` });
    await assert.rejects(buildOrg(database.db, { admin, name: '열한 번째 기관' }), RateLimitedError);
  });

  it('lets operators add and rename regions; organisations keep theirs', async () => {
    const operator = await ctxAs(database.db, await buildUser(database.db, { role: 'operator' }));
    const user = await ctxAs(database.db, await buildUser(database.db));
    await assert.rejects(addDistrict(user, { province: '04', name: '새구' }), NotFoundError);
    await addDistrict(operator, { province: '04', name: '새구' });
    await assert.rejects(addDistrict(operator, { province: '04', name: '새구' }), ValidationError);
    await assert.rejects(addDistrict(operator, { province: '04-001', name: '다른구' }), ValidationError, 'only under a 시·도');
    const added = (await listRegions(database.db)).find((r) => r.name === '새구');
    assert.equal(added?.parent_code, '04');
    assert.equal(added?.code, '04-012');
    const { id } = await buildOrg(database.db, { region: added.code });
    await renameRegion(operator, added.code, { name: '새이름구' });
    const profile = await orgs.getOrgProfile(anonymous(), id);
    assert.equal(profile.org.region_name, '새이름구');
    assert.equal(profile.org.province_name, '인천광역시');
  });
});

// The queue showed the first 200 waiting organisations and said nothing of the rest.
describe('the verification queue at length', () => {
  let database: Database;
  after(() => database?.close());

  it('shows the oldest requests first, with how many wait in all', async () => {
    database = await createTestDatabase();
    const db = database.db;
    const operator = await buildUser(db, { role: 'operator' });
    const { id } = await buildOrg(db, { status: 'unverified' });
    await sql`INSERT INTO orgs (name, name_key, sector, search_vector, created_at, updated_at, status, verification_requested_at)
      SELECT name || ' ' || g, name_key || g, sector, search_vector, created_at, updated_at - g * interval '1 minute', 'pending', created_at + g * interval '1 minute'
      FROM orgs, generate_series(1, 52) AS g WHERE id = ${id}`.execute(db);
    const queue = await orgs.verificationQueue(await ctxAs(db, operator));
    assert.deepEqual([queue.total, queue.items.length], [52, 50]);
    assert.match(queue.items[0]!.name, / 1$/, 'the oldest request first, whatever was edited last');
  });
});
