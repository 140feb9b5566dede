import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestClock, testClock } from '../../../../test/clock.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import type { ValidationError } from '../../../shared/errors.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { briefingPage, calendarOf, cancelRegistration, confirmPresenting, createBriefing, listBriefings, proposeGroups, publishRecap, register, sendBriefingReminders, updateBriefing } from '../briefings.service.ts';
import ICAL from 'ical.js';
import { briefingIcs } from '../ics.ts';
import { buildBriefing } from './builders.ts';

const kst = (local: string) => new Date(`${local}+09:00`);
const options = { baseUrl: 'http://localhost:3000', quietHours: { start: 22, end: 8 } };

describe('online briefings', () => {
  let database: Database;
  let clock: TestClock;
  let operator: BuiltUser;
  let welfare: number;
  let demand: Awaited<ReturnType<typeof buildDemand>>;

  before(async () => {
    database = await createTestDatabase();
    clock = testClock(kst('2026-11-20T10:00:00'));
    operator = await buildUser(database.db, { role: 'operator' });
    welfare = (await database.db.selectFrom('themes').select('id').where('name', '=', '복지').executeTakeFirstOrThrow()).id;
    demand = await buildDemand(database.db, { title: '기업과 함께하는 어르신 돌봄', themes: ['복지'], targetSectors: ['company'], now: clock });
    await buildDemand(database.db, { title: '누구와도 좋은 복지 수요', themes: ['복지'], now: clock });
    await buildDemand(database.db, { title: '작성 중 복지 수요', themes: ['복지'], targetSectors: ['company'], status: 'draft', now: clock });
  });
  after(() => database.close());

  it('proposes the agenda by theme and target sector, and asks the demanding organisations', async () => {
    const id = await buildBriefing(database.db, { operator, startsAt: '2026-11-25T14:00', now: clock });
    const groups = await proposeGroups(database.db, id);
    const welfareGroups = groups.filter((g) => g.themeId === welfare).map((g) => [g.sector, g.count]);
    assert.deepEqual(welfareGroups.sort(), [
      ['any', 1],
      ['company', 1],
    ]);
    const withAgenda = await buildBriefing(database.db, { operator, startsAt: '2026-11-25T14:00', group: { theme: welfare, sector: 'company' }, now: clock });
    const page = await briefingPage(await ctxAs(database.db, demand.org.admin, clock), withAgenda);
    assert.deepEqual(
      page.agenda.map((d) => d.title),
      ['기업과 함께하는 어르신 돌봄'],
    );
    const notice = await database.db.selectFrom('notifications').select('kind').where('user_id', '=', demand.org.admin.id).where('kind', '=', 'notice.briefingAgenda').execute();
    assert.equal(notice.length, 1);
    assert.deepEqual(
      page.toConfirm.map((d) => d.id),
      [demand.id],
    );
    await confirmPresenting(await ctxAs(database.db, demand.org.admin, clock), withAgenda, demand.id);
    assert.equal((await briefingPage(await ctxAs(database.db, demand.org.admin, clock), withAgenda)).agenda[0]?.confirmed, true);
  });

  it('gives the online meeting link to seated people, presenters and operators only, also in the calendar file', async () => {
    const id = await buildBriefing(database.db, { operator, startsAt: '2027-02-10T14:00', capacity: 1, group: { theme: welfare, sector: 'company' }, now: clock });
    const [seated, waiting, stranger] = [await buildUser(database.db), await buildUser(database.db), await buildUser(database.db)];
    await register(await ctxAs(database.db, seated, clock), id, {});
    await register(await ctxAs(database.db, waiting, clock), id, {});
    const linkFor = async (user?: BuiltUser) => {
      const ctx = user ? await ctxAs(database.db, user, clock) : { ...(await ctxAs(database.db, operator, clock)), actor: { kind: 'anonymous' as const } };
      const [page, calendar] = await Promise.all([briefingPage(ctx, id), calendarOf(ctx, id)]);
      assert.equal(page.briefing.online, true);
      assert.equal(calendar.online_url, page.briefing.online_url, 'the calendar file says no more than the page');
      return page.briefing.online_url;
    };
    const url = 'https://meet.example.go.kr/briefing';
    assert.equal(await linkFor(), null, 'a visitor');
    assert.equal(await linkFor(stranger), null, 'someone not registered');
    assert.equal(await linkFor(waiting), null, 'the waiting list');
    assert.equal(await linkFor(seated), url);
    assert.equal(await linkFor(demand.org.admin), url, 'a presenting organisation');
    assert.equal(await linkFor(operator), url);
  });

  it('fills the seats, then the waiting list, and gives a freed seat to the first who waited', async () => {
    const id = await buildBriefing(database.db, { operator, startsAt: '2026-11-26T14:00', capacity: 2, group: { theme: welfare, sector: 'any' }, now: clock });
    const people = await Promise.all([1, 2, 3, 4].map(() => buildUser(database.db)));
    const statuses = [];
    for (const person of people) statuses.push(await register(await ctxAs(database.db, person, clock), id, {}));
    assert.deepEqual(statuses, ['registered', 'registered', 'waitlisted', 'waitlisted']);
    assert.equal(await register(await ctxAs(database.db, people[0]!, clock), id, {}), 'registered', 'registering twice changes nothing');
    await cancelRegistration(await ctxAs(database.db, people[1]!, clock), id);
    const third = await briefingPage(await ctxAs(database.db, people[2]!, clock), id);
    assert.deepEqual([third.mine, third.registered, third.waitlisted], ['registered', 2, 1]);
    const told = await database.db.selectFrom('notifications').select('kind').where('user_id', '=', people[2]!.id).execute();
    assert.deepEqual(
      told.map((n) => n.kind),
      ['notice.briefingSeat'],
    );
    const notMine = await register(await ctxAs(database.db, people[3]!, clock), id, { org: String(demand.org.id) }).catch((e: unknown) => e);
    assert.deepEqual((notMine as ValidationError).fields, { org: 'field.choiceInvalid' });
  });

  it('gives seats added to the room to the waiting list in order, each person told, before any newcomer', async () => {
    const id = await buildBriefing(database.db, { operator, startsAt: '2026-11-26T15:00', capacity: 1, group: { theme: welfare, sector: 'any' }, now: clock });
    const [first, second, third, newcomer] = await Promise.all([1, 2, 3, 4].map(() => buildUser(database.db)));
    for (const person of [first!, second!, third!]) await register(await ctxAs(database.db, person, clock), id, {});
    const ctx = await ctxAs(database.db, operator, clock);
    const form = { title: '넓은 방', date: '2026-11-26', time: '15:00', minutes: '90', onlineUrl: 'https://meet.example.go.kr/briefing', capacity: '2' };
    await updateBriefing(ctx, id, form);
    const mine = async (person: BuiltUser) => (await briefingPage(await ctxAs(database.db, person, clock), id)).mine;
    assert.deepEqual([await mine(second!), await mine(third!)], ['registered', 'waitlisted'], 'the first who waited moves up');
    const told = await database.db.selectFrom('notifications').select('kind').where('user_id', '=', second!.id).execute();
    assert.deepEqual(
      told.map((n) => n.kind),
      ['notice.briefingSeat'],
    );
    assert.equal(await register(await ctxAs(database.db, newcomer!, clock), id, {}), 'waitlisted', 'no seat is left for a newcomer');
    await updateBriefing(ctx, id, { ...form, capacity: '10' });
    assert.deepEqual([await mine(third!), await mine(newcomer!)], ['registered', 'registered']);
  });

  it('reminds the registered and the presenters the day before, once, outside quiet hours', async () => {
    const id = await buildBriefing(database.db, { operator, startsAt: '2026-11-23T14:00', group: { theme: welfare, sector: 'company' }, now: clock });
    const guest = await buildUser(database.db);
    const waiting = await buildUser(database.db);
    await register(await ctxAs(database.db, guest, clock), id, {});
    await confirmPresenting(await ctxAs(database.db, demand.org.admin, clock), id, demand.id);
    const mails = () => database.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'body_text']).where('subject', 'like', '%내일%').execute();

    assert.equal(await sendBriefingReminders(database.db, kst('2026-11-21T10:00:00'), options), 0, 'two days before: not yet');
    assert.equal(await sendBriefingReminders(database.db, kst('2026-11-22T23:30:00'), options), 0, 'quiet hours');
    const sent = await sendBriefingReminders(database.db, kst('2026-11-22T09:00:00'), options);
    assert.ok(sent >= 2);
    const to = (await mails()).map((m) => m.to_address);
    assert.ok(to.includes(guest.email) && to.includes(demand.org.admin.email) && !to.includes(waiting.email));
    assert.match((await mails()).find((m) => m.to_address === guest.email)!.body_text, /2026\. 11\. 23\. 오후 2:00/);
    assert.equal(await sendBriefingReminders(database.db, kst('2026-11-22T09:10:00'), options), 0, 'once');
  });

  it('moves a briefing: everyone concerned is told, and the new date gets its own reminder', async () => {
    const id = await buildBriefing(database.db, { operator, startsAt: '2026-11-21T14:00', group: { theme: welfare, sector: 'any' }, now: clock });
    const guest = await buildUser(database.db);
    await register(await ctxAs(database.db, guest, clock), id, {});
    assert.equal(await sendBriefingReminders(database.db, kst('2026-11-20T11:00:00'), options), 1);
    const ctx = await ctxAs(database.db, operator, clock);
    const form = { title: '옮긴 설명회', date: '2026-11-27', time: '10:30', minutes: '60', onlineUrl: 'https://meet.example.go.kr/new', capacity: '100' };
    const noPlace = (await updateBriefing(ctx, id, { ...form, onlineUrl: '' }).catch((e: unknown) => e)) as ValidationError;
    assert.deepEqual(noPlace.fields, { onlineUrl: 'briefing.placeMissing' });
    await updateBriefing(ctx, id, form);
    const told = await database.db.selectFrom('notifications').select('kind').where('user_id', '=', guest.id).execute();
    assert.deepEqual(
      told.map((n) => n.kind),
      ['notice.briefingChanged'],
    );
    const page = await briefingPage(ctx, id);
    assert.deepEqual([page.briefing.title, page.briefing.starts_at.toISOString(), page.briefing.reminded_at], ['옮긴 설명회', '2026-11-27T01:30:00.000Z', null]);
    assert.equal(await sendBriefingReminders(database.db, kst('2026-11-26T09:00:00'), options), 1, 'reminded again for the new day');
  });

  it('refuses a briefing without a place or in the past, and a recap before it starts', async () => {
    const ctx = await ctxAs(database.db, operator, clock);
    const base = { title: '설명회', date: '2026-12-01', time: '14:00', minutes: '60', capacity: '50' };
    assert.deepEqual(((await createBriefing(ctx, base).catch((e: unknown) => e)) as ValidationError).fields, { onlineUrl: 'briefing.placeMissing' });
    assert.deepEqual(((await createBriefing(ctx, { ...base, venue: '서울', date: '2026-11-01' }).catch((e: unknown) => e)) as ValidationError).fields, { date: 'briefing.inPast' });
    const bad = (await createBriefing(ctx, { ...base, venue: '서울', time: '25:00', capacity: '0' }).catch((e: unknown) => e)) as ValidationError;
    assert.deepEqual(Object.keys(bad.fields).sort(), ['capacity', 'time']);
    const id = await buildBriefing(database.db, { operator, startsAt: '2026-12-02T10:00', now: clock });
    assert.deepEqual(((await publishRecap(ctx, id, { recap: '잘 마쳤습니다' }).catch((e: unknown) => e)) as ValidationError).fields, { recap: 'briefing.recapTooEarly' });
  });

  it('writes a calendar file any calendar reads', async () => {
    const briefing = {
      id: 7,
      title: '복지, 돌봄; 그리고 기업',
      summary: '첫 줄\n둘째 줄',
      starts_at: kst('2026-11-23T14:00:00'),
      minutes: 90,
      online_url: 'https://meet.example.go.kr/b',
      venue: null,
      sequence: 0,
      updated_at: kst('2026-11-19T09:00:00'),
    } as Parameters<typeof briefingIcs>[0];
    const ics = briefingIcs(briefing, 'https://ieumteo.example.go.kr', kst('2026-11-20T10:00:00'));
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
    assert.match(ics, /\r\nDTSTART:20261123T050000Z\r\nDTEND:20261123T063000Z\r\n/);
    assert.match(ics, /\r\nSUMMARY:복지\\, 돌봄\\; 그리고 기업\r\n/);
    assert.match(ics, /\r\nUID:briefing-7@ieumteo\.example\.go\.kr\r\n/);
    for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line}`);
    assert.ok(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n'));
  });

  it('keeps what RFC 5545 TEXT forbids out: a bare CR, a vertical tab or NUL cannot break a line or add a property', async () => {
    const briefing = {
      id: 8,
      title: '설명회\rLOCATION:evil.example',
      summary: `수직\u000b탭\u0000 그리고 CR\rDTSTART:19700101T000000Z\r\nEND:VEVENT\n${'긴 줄 '.repeat(40)}`,
      starts_at: kst('2026-11-23T14:00:00'),
      minutes: 60,
      online_url: null,
      venue: '세종\u2028청사, 6동; 회의실\\A',
      sequence: 0,
      updated_at: kst('2026-11-19T09:00:00'),
    } as Parameters<typeof briefingIcs>[0];
    const ics = briefingIcs(briefing, 'https://ieumteo.example.go.kr', kst('2026-11-20T10:00:00'));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    assert.doesNotMatch(ics.replaceAll('\r\n', ''), /[\u0000-\u0008\u000a-\u001f\u007f]/, 'no control character but CRLF line ends');
    for (const line of ics.split('\r\n').slice(0, -1)) {
      assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line}`);
      assert.match(line, /^( |[A-Z-]+[;:])/, `each line is a property or a continuation: ${line}`);
    }
    const event = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    assert.equal(event.length, 1);
    const vevent = event[0]!;
    assert.equal(vevent.getAllProperties('location').length, 1);
    assert.equal(vevent.getAllProperties('dtstart').length, 1);
    assert.equal(vevent.getFirstPropertyValue('summary'), '설명회\nLOCATION:evil.example');
    assert.equal(vevent.getFirstPropertyValue('location'), '세종\u2028청사, 6동; 회의실\\A');
    assert.match(String(vevent.getFirstPropertyValue('description')), /^수직탭 그리고 CR\nDTSTART:19700101T000000Z\nEND:VEVENT\n긴 줄/);
  });

  it('keeps the UID of a moved briefing and raises its SEQUENCE with each new date, length or place', async () => {
    const id = await buildBriefing(database.db, { operator, startsAt: '2026-12-03T10:00', now: clock });
    const ctx = await ctxAs(database.db, operator, clock);
    const eventOf = async () => {
      const { briefing } = await briefingPage(ctx, id);
      const vevent = new ICAL.Component(ICAL.parse(briefingIcs(briefing, 'https://ieumteo.example.go.kr', clock()))).getFirstSubcomponent('vevent')!;
      const lastModified = vevent.getFirstPropertyValue('last-modified') as InstanceType<typeof ICAL.Time>;
      return { uid: vevent.getFirstPropertyValue('uid'), sequence: vevent.getFirstPropertyValue('sequence'), lastModified: lastModified.toJSDate().toISOString() };
    };
    const first = await eventOf();
    assert.deepEqual(first, { uid: `briefing-${id}@ieumteo.example.go.kr`, sequence: 0, lastModified: clock().toISOString() });
    const form = { title: '제목만 고친 설명회', date: '2026-12-03', time: '10:00', minutes: '90', onlineUrl: 'https://meet.example.go.kr/briefing', capacity: '100' };
    const steps: [change: Record<string, string>, sequence: number][] = [
      [{}, 0],
      [{ date: '2026-12-04' }, 1],
      [{ date: '2026-12-04', venue: '서울 청사' }, 2],
      [{ date: '2026-12-04', venue: '서울 청사', minutes: '120' }, 3],
      [{ date: '2026-12-04', venue: '서울 청사', minutes: '120', title: '다시 고친 제목' }, 3],
    ];
    for (const [change, sequence] of steps) {
      clock.advance(60_000);
      await updateBriefing(ctx, id, { ...form, ...change });
      const event = await eventOf();
      assert.deepEqual(event, { uid: first.uid, sequence, lastModified: clock().toISOString() }, JSON.stringify(change));
    }
  });

  it('lists every briefing to come, soonest first, and the past ones newest first 20 at a time', async () => {
    // A database of its own: the other tests' briefings would be counted.
    const own = await createTestDatabase();
    try {
      const now = new Date('2026-12-02T03:00:00Z');
      const day = 86_400_000;
      const at = (days: number) => new Date(now.getTime() + days * day);
      const rows = [2, 1, ...Array.from({ length: 21 }, (_, i) => -(i + 1))].map((days) => ({ title: `설명회 ${days}`, starts_at: at(days), minutes: 60, online_url: null, venue: '세종 정부청사', capacity: 50, published_at: at(-30), reminded_at: null, recap_published_at: null, created_by: null, created_at: at(-30), updated_at: at(-30) }));
      await own.db.insertInto('briefings').values([...rows, { ...rows[0]!, title: '공개 전 설명회', published_at: null }]).execute();
      const reader = { ...(await ctxAs(own.db, await buildUser(own.db))), now: () => now };
      const first = await listBriefings(reader);
      assert.deepEqual(first.upcoming.map((b) => b.title), ['설명회 1', '설명회 2'], 'soonest first, only the published');
      assert.deepEqual(first.past.items.slice(0, 2).map((b) => b.title), ['설명회 -1', '설명회 -2'], 'newest first');
      assert.equal(first.past.items.length, 20);
      const second = await listBriefings(reader, first.past.nextCursor!);
      assert.deepEqual([second.upcoming, second.past.items.map((b) => b.title), second.past.nextCursor], [[], ['설명회 -21'], null], 'the oldest on the next page, the upcoming on the first only');
    } finally {
      await own.close();
    }
  });
});
