import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clock } from '../../../../test/clock.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { ANONYMOUS } from '../../../shared/context.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { NotFoundError, ValidationError } from '../../../shared/errors.ts';
import { buildUser, ctxAs, ctxFor } from '../../accounts/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import {
  addDemandAttachment,
  browseDemands,
  closeDemand,
  createDemand,
  getDemand,
  getRevisions,
  myDemands,
  publishDemand,
  setDemandHidden,
  sweepDeadlines,
  updateDemand,
  withdrawDemand,
} from '../demands.service.ts';
import { pageDemands } from '../demands.queries.ts';
import { buildDemand, demandForm } from './builders.ts';
import { PDF } from '../../../../test/documents.ts';

describe('demands service', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('keeps a new demand as a draft only its organisation sees, then publishes it with an event log', async () => {
    const db = database.db;
    const { id, org } = await buildDemand(db, { status: 'draft', title: '휠체어 나눔 협력 기관 찾기' });
    const anonymous = ctxFor(db, ANONYMOUS);
    await assert.rejects(getDemand(anonymous, id), NotFoundError);
    const author = await ctxAs(db, org.admin);
    assert.equal((await getDemand(author, id)).demand.status, 'draft');
    await publishDemand(author, id);
    const seen = await getDemand(anonymous, id);
    assert.equal(seen.demand.status, 'open');
    assert.equal(seen.demand.contact_email, null, 'the contact is for organisation members only');
    assert.equal(seen.needs[0]?.name, '의료기기 수리');
    const events = await db.selectFrom('demand_events').select('kind').where('demand_id', '=', id).orderBy('id').execute();
    assert.deepEqual(
      events.map((e) => e.kind),
      ['created', 'published'],
    );
  });

  it('shows every mistake beside its field at once', async () => {
    const db = database.db;
    const org = await buildOrg(db);
    const ctx = await ctxAs(db, org.admin);
    const form = await demandForm(db, org.id, { deadline: '2020-01-01' });
    form.title = '';
    form.body = 'x'.repeat(100_000);
    form['need.0.text'] = '';
    form.themes = [];
    const error = await createDemand(ctx, form).catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(error.fields, {
      title: 'field.required',
      body: 'field.tooLong',
      themes: 'demand.themesRange',
      'need.0.text': 'field.required',
      deadline: 'demand.deadlinePast',
    });
  });

  it('refuses a demand in the name of an organisation the author does not belong to', async () => {
    const db = database.db;
    const org = await buildOrg(db);
    const stranger = await buildUser(db);
    const error = await createDemand(await ctxAs(db, stranger), await demandForm(db, org.id)).catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError);
    assert.equal(error.fields.org, 'field.choiceInvalid');
  });

  it('records each edit as a revision and lets only members edit', async () => {
    const db = database.db;
    const { id, org } = await buildDemand(db);
    const ctx = await ctxAs(db, org.admin);
    await updateDemand(ctx, id, await demandForm(db, org.id, { title: '고친 제목' }));
    const { revisions } = await getRevisions(ctxFor(db, ANONYMOUS), id);
    assert.deepEqual(
      revisions.map((r) => r.revision),
      [2, 1],
    );
    assert.equal(revisions[0]?.snapshot.title, '고친 제목');
    const outsider = await ctxAs(db, await buildUser(db));
    await assert.rejects(updateDemand(outsider, id, await demandForm(db, org.id)), NotFoundError);
  });

  it('finds demands by a 2-syllable word of their needs and filters them', async () => {
    const db = database.db;
    const { id } = await buildDemand(db, { title: '폐휠체어 수거 협력', needs: [['물품 기증', '사용 연한이 지난 휠체어 기증']], themes: ['보훈'] });
    await buildDemand(db, { title: '지역 축제 홍보', needs: [['홍보·캠페인', '축제 홍보 영상']], themes: ['문화·관광'] });
    const anonymous = ctxFor(db, ANONYMOUS);
    const found = await browseDemands(anonymous, { q: '기증' });
    assert.deepEqual(
      found.page.items.map((d) => d.id),
      [id],
    );
    assert.equal(found.total, 1);
    const theme = await db.selectFrom('themes').select('id').where('name', '=', '보훈').executeTakeFirstOrThrow();
    const byTheme = await browseDemands(anonymous, { theme: String(theme.id) });
    assert.ok(byTheme.page.items.every((d) => d.themes.includes('보훈')));
    assert.ok(byTheme.page.items.some((d) => d.id === id));
    assert.equal((await browseDemands(anonymous, { q: '기증', status: 'concluded' })).total, 0);
  });

  it("names a demand's themes in the themes' order, a theme added by another instance and an archived one too", async () => {
    const db = database.db;
    const org = await buildOrg(db);
    const author = await ctxAs(db, org.admin);
    const first = await buildDemand(db, { org, themes: ['보훈', '복지'] });
    const [listed] = (await myDemands(author, undefined)).items;
    assert.deepEqual([listed?.id, listed?.themes, listed?.themes_en], [first.id, ['복지', '보훈'], ['Welfare', 'Veterans']]);
    // Added and archived behind this process's back, as another instance would.
    await db.insertInto('themes').values({ name: '기후', name_en: 'Climate', sort: -1, archived_at: null }).execute();
    const second = await buildDemand(db, { org, themes: ['복지', '기후'] });
    await db.updateTable('themes').set({ archived_at: clock() }).where('name', '=', '기후').execute();
    const items = (await myDemands(author, undefined)).items;
    assert.deepEqual(
      items.map((d) => [d.id, d.themes]),
      [
        [second.id, ['기후', '복지']],
        [first.id, ['복지', '보훈']],
      ],
    );
  });

  it('applies the same filters with and without search words, fetched from the index or walked', async () => {
    const db = database.db;
    const org = await buildOrg(db, { sector: 'company' });
    const anywhere = await buildDemand(db, { org, title: '소방 장비 나눔', themes: ['안전'], purpose: 'spread' });
    const seoulOnly = await buildDemand(db, { org, title: '소방 훈련 협력', themes: ['안전'], purpose: 'spread', targetSectors: ['local'] });
    const anonymous = ctxFor(db, ANONYMOUS);
    const safety = String((await db.selectFrom('themes').select('id').where('name', '=', '안전').executeTakeFirstOrThrow()).id);
    for (const [filter, expected] of [
      [{ theme: safety, purpose: 'spread', targetSector: 'local', region: '01' }, [anywhere.id, seoulOnly.id]],
      [{ theme: safety, targetSector: 'academia' }, [anywhere.id]],
      [{ theme: safety, purpose: 'pilot' }, []],
      [{ theme: safety, region: 'nationwide', orgSector: 'company' }, [anywhere.id, seoulOnly.id]],
    ] as const) {
      const plain = await browseDemands(anonymous, filter);
      const searched = await browseDemands(anonymous, { ...filter, q: '소방' });
      // A search whose words match many demands walks the sort order and tests the filters on columns.
      const walked = await pageDemands(db, { ...searched.filter }, kstDate(clock()), undefined, true);
      const ids = (page: typeof plain.page) => page.items.map((d) => d.id).filter((id) => id === anywhere.id || id === seoulOnly.id).sort();
      assert.deepEqual(ids(searched.page), [...expected].sort(), JSON.stringify(filter));
      assert.deepEqual(ids(plain.page), ids(searched.page), `same without words: ${JSON.stringify(filter)}`);
      assert.deepEqual(ids(walked), ids(searched.page), `same walked: ${JSON.stringify(filter)}`);
    }
  });

  it('pages through results without repeating or skipping, in every sort order', async () => {
    const db = database.db;
    const org = await buildOrg(db);
    for (let i = 0; i < 23; i++) await buildDemand(db, { org, title: `페이지 시험 ${i}`, summary: '페이지시험용' });
    for (const sort of ['newest', 'deadline', 'replies']) {
      const first = await browseDemands(ctxFor(db, ANONYMOUS), { q: '페이지시험용', sort });
      assert.equal(first.page.items.length, 20);
      const second = await browseDemands(ctxFor(db, ANONYMOUS), { q: '페이지시험용', sort, after: first.page.nextCursor });
      assert.equal(second.page.items.length, 3);
      const ids = new Set([...first.page.items, ...second.page.items].map((d) => d.id));
      assert.equal(ids.size, 23, sort);
    }
  });

  // The dashboard listed up to 100 demands on one page (the busiest organisation: 0.07 of the ceiling).
  it('pages an organisation’s own demands, drafts included, without repeating or skipping', async () => {
    const db = database.db;
    const org = await buildOrg(db);
    for (let i = 0; i < 23; i++) await buildDemand(db, { org, title: `우리 기관 수요 ${i}`, ...(i % 4 === 0 ? { status: 'draft' as const } : {}) });
    const ctx = await ctxAs(db, org.admin);
    const first = await myDemands(ctx, undefined);
    assert.equal(first.items.length, 20);
    assert.ok(first.nextCursor);
    const second = await myDemands(ctx, first.nextCursor);
    assert.equal(second.items.length, 3);
    assert.equal(second.nextCursor, null);
    assert.equal(new Set([...first.items, ...second.items].map((d) => d.id)).size, 23);
    assert.ok([...first.items, ...second.items].some((d) => d.status === 'draft'));
    assert.deepEqual((await myDemands(ctx, 'not-a-cursor')).items, first.items, 'a cursor that does not decode: the first page');
  });

  it('withdraws and closes only from the right states', async () => {
    const db = database.db;
    const { id, org } = await buildDemand(db);
    const ctx = await ctxAs(db, org.admin);
    await closeDemand(ctx, id);
    await assert.rejects(withdrawDemand(ctx, id), NotFoundError);
    const other = await buildDemand(db, { org });
    await withdrawDemand(ctx, other.id);
    assert.equal((await getDemand(ctx, other.id)).demand.status, 'withdrawn');
  });

  it("reads a demand's page whole: its items in the order typed, each kind apart, and its files in the order added", async () => {
    const db = database.db;
    const { id, org } = await buildDemand(db, {
      needs: [['장애인 이동 지원', '휠체어 이동 차량'], ['의료기기 수리', '전동 휠체어 수리']],
      offers: [['시설·공간 제공', '주차장 제공']],
    });
    const author = await ctxAs(db, org.admin);
    for (const filename of ['계획서.pdf', '예산안.pdf']) await addDemandAttachment(author, id, { file: { filename, data: PDF, truncated: false } });
    const page = await getDemand(ctxFor(db, ANONYMOUS), id);
    assert.deepEqual(page.needs.map((i) => [i.name, i.description]), [['장애인 이동 지원', '휠체어 이동 차량'], ['의료기기 수리', '전동 휠체어 수리']]);
    assert.deepEqual(page.offers.map((i) => [i.name, i.name_en, i.description]), [['시설·공간 제공', 'Facilities and venues', '주차장 제공']]);
    assert.deepEqual(page.attachments.map((f) => [f.filename, f.mime, f.size_bytes]), [['계획서.pdf', 'application/pdf', PDF.length], ['예산안.pdf', 'application/pdf', PDF.length]]);
    assert.ok(page.attachments.every((f) => f.created_at instanceof Date && f.created_at.getTime() === clock().getTime()), 'times are times, not text');
    const plain = await getDemand(author, (await buildDemand(db, { org })).id);
    assert.deepEqual([plain.offers, plain.attachments], [[], []], 'a demand without offers or files has none');
  });

  it('lets operators hide a demand with a reason, audited', async () => {
    const db = database.db;
    const { id } = await buildDemand(db);
    const operator = await ctxAs(db, await buildUser(db, { role: 'operator' }));
    await assert.rejects(setDemandHidden(await ctxAs(db, await buildUser(db)), id, { reason: 'x' }, true), NotFoundError);
    const missing = await setDemandHidden(operator, id, { reason: '' }, true).catch((e: unknown) => e);
    assert.ok(missing instanceof ValidationError);
    await setDemandHidden(operator, id, { reason: '광고성 게시물' }, true);
    await assert.rejects(getDemand(ctxFor(db, ANONYMOUS), id), NotFoundError);
    assert.ok(await getDemand(operator, id));
    const audit = await db.selectFrom('audit_log').select('detail').where('action', '=', 'demand.hide').where('target_id', '=', String(id)).executeTakeFirstOrThrow();
    assert.match(JSON.stringify(audit.detail), /광고성 게시물/);
  });

  it('reminds three days before the deadline once, and closes demands past it that got no reply', async () => {
    const db = database.db;
    let now = new Date('2026-11-22T01:00:00Z');
    const clock = () => now;
    const { id, org } = await buildDemand(db, { now: clock, deadline: addDays(kstDate(now), 2) });
    const system = { ...ctxFor(db, ANONYMOUS, clock) };
    const first = await sweepDeadlines(system);
    assert.ok(first.reminded >= 1);
    await sweepDeadlines(system);
    const reminders = await db.selectFrom('notifications').select('kind').where('user_id', '=', org.admin.id).where('kind', '=', 'notice.deadlineSoon').execute();
    assert.equal(reminders.length, 1, 'reminded once');
    now = new Date(now.getTime() + 4 * 86_400_000);
    await sweepDeadlines(system);
    assert.equal((await getDemand(await ctxAs(db, org.admin, clock), id)).demand.status, 'closed');
    const closing = await db.selectFrom('notifications').select('kind').where('user_id', '=', org.admin.id).where('kind', '=', 'notice.closedNoReply').execute();
    assert.equal(closing.length, 1);
    const mails = await db.selectFrom('mail_outbox').select('subject').where('to_address', '=', org.admin.email).execute();
    assert.ok(mails.some((m) => m.subject.includes('종료')));
  });

  // It read at most 500 demands an hour, those already reminded among them until their deadline.
  it('works through every demand falling due in one sweep, batch after batch', async () => {
    const db = database.db;
    const now = new Date('2027-03-02T01:00:00Z');
    const clock = () => now;
    const demands = [];
    for (const days of [1, 1, 2, 2, 3]) demands.push(await buildDemand(db, { now: clock, deadline: addDays(kstDate(now), days) }));
    const system = { ...ctxFor(db, ANONYMOUS, clock) };
    const swept = await sweepDeadlines(system, 2);
    assert.ok(swept.reminded >= 5, 'all five reminded, two at a time');
    const reminded = await db.selectFrom('demands').select('id').where('id', 'in', demands.map((d) => d.id)).where('reminded_at', 'is', null).execute();
    assert.deepEqual(reminded, []);
    assert.deepEqual(await sweepDeadlines(system, 2), { reminded: 0, closed: 0 }, 'once only');
  });
});
