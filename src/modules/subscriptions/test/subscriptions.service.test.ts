import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { inQuietHours } from '../../../shared/dates.ts';
import { duePeriod, sendDueDigests } from '../digest.ts';
import { matchPublishedDemand } from '../matching.ts';
import { setPeriod, subscribe, subscribeToSearch } from '../subscriptions.service.ts';

const kst = (local: string) => new Date(`${local}+09:00`);
const options = { baseUrl: 'http://localhost:3000', secret: 'test-secret', quietHours: { start: 22, end: 8 } };

describe('subscriptions and digests', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('keys each period by the day or week that ended, in Korean time, and keeps quiet hours', () => {
    const monday = kst('2026-11-30T09:00:00');
    assert.deepEqual(duePeriod('weekly', monday, 1), { key: 'w:2026-11-23', until: kst('2026-11-30T00:00:00'), day: '2026-11-23' });
    assert.equal(duePeriod('weekly', kst('2026-12-06T23:59:00'), 1).key, 'w:2026-11-23', 'Sunday still closes the week before');
    assert.equal(duePeriod('daily', kst('2026-12-01T00:30:00'), 1).key, 'd:2026-11-30');
    assert.equal(duePeriod('immediately', monday, 42).key, 'i:42');
    assert.ok(inQuietHours(kst('2026-11-30T23:00:00'), options.quietHours));
    assert.ok(inQuietHours(kst('2026-11-30T07:59:00'), options.quietHours));
    assert.ok(!inQuietHours(kst('2026-11-30T08:00:00'), options.quietHours));
    assert.ok(!inQuietHours(kst('2026-11-30T23:00:00'), null));
  });

  it('matches themes, capabilities and saved searches once per person, never the demand’s own organisation', async () => {
    const db = database.db;
    const clock = () => kst('2026-11-25T10:00:00');
    const follower = await buildUser(db);
    const searcher = await buildUser(db);
    const capability = (await db.selectFrom('capabilities').select('id').where('name', '=', '물품 기증').executeTakeFirstOrThrow()).id;
    const welfare = (await db.selectFrom('themes').select('id').where('name', '=', '복지').executeTakeFirstOrThrow()).id;
    await subscribe(await ctxAs(db, follower, clock), { theme: String(welfare), capability: String(capability) });
    await subscribeToSearch(await ctxAs(db, searcher, clock), { query: 'q=보조기기&after=xyz&sort=deadline' });
    await assert.rejects(subscribe(await ctxAs(db, follower, clock), {}), ValidationError);
    await assert.rejects(subscribe(await ctxAs(db, follower, clock), { theme: '999999' }), ValidationError);
    await assert.rejects(subscribeToSearch(await ctxAs(db, follower, clock), { query: 'sort=deadline' }), ValidationError);
    const saved = await db.selectFrom('subscriptions').select('value').where('user_id', '=', searcher.id).executeTakeFirstOrThrow();
    assert.equal(saved.value, `q=${encodeURIComponent('보조기기')}`, 'paging and sort are not part of a search');

    const demand = await buildDemand(db, { title: '보조기기 나눔', themes: ['복지'], offers: [['물품 기증', '휠체어']], now: clock });
    const own = await ctxAs(db, demand.org.admin, clock);
    await subscribe(own, { theme: String(welfare) });
    assert.equal(await matchPublishedDemand(db, clock(), demand.id), 2, 'the follower (two matching subscriptions, told once) and the searcher');
    assert.equal(await matchPublishedDemand(db, clock(), demand.id), 0, 'a second run tells no one again');
    const other = await buildDemand(db, { title: '해변 청소', themes: ['환경'], needs: [['자원봉사 인력', '주말 봉사']], now: clock });
    assert.equal(await matchPublishedDemand(db, clock(), other.id), 0);
  });

  it('sends one digest when two workers run at once', async () => {
    const db = database.db;
    const clock = () => kst('2026-11-25T10:00:00');
    const reader = await buildUser(db);
    await subscribe(await ctxAs(db, reader, clock), { theme: String((await db.selectFrom('themes').select('id').where('name', '=', '안전').executeTakeFirstOrThrow()).id) });
    await setPeriod(await ctxAs(db, reader, clock), { period: 'immediately' });
    const demand = await buildDemand(db, { title: '통학로 안전 점검', themes: ['안전'], now: clock });
    await matchPublishedDemand(db, clock(), demand.id);
    const at = kst('2026-11-25T10:01:00');
    await Promise.all([sendDueDigests(db, at, options), sendDueDigests(db, at, options)]);
    const mails = await db.selectFrom('mail_outbox').select(['subject', 'unsubscribe_url']).where('to_address', '=', reader.email).execute();
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject, /관심 수요 1건/);
    assert.match(mails[0]!.unsubscribe_url ?? '', /^http:\/\/localhost:3000\/unsubscribe\//);
    assert.equal(await sendDueDigests(db, kst('2026-11-25T10:10:00'), options), 0, 'nothing new, nothing sent');
  });
});
