import { countRows } from '../../db/count.ts';
import { sql } from 'kysely';
import { decodeCursor, olderThan, toPage } from '../../db/pagination.ts';
import { audit } from '../../shared/audit.ts';
import { type Ctx, type Db, isOperator } from '../../shared/context.ts';
import { addDays, inQuietHours, kstDate, kstMidnight, kstTimestamp, type QuietHours } from '../../shared/dates.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { createOnce } from '../../shared/unique.ts';
import { parseInput } from '../../shared/forms.ts';
import { formatDateTime, type Locale, translator } from '../../shared/i18n/index.ts';
import { requireOperator, requireUser } from '../../shared/actors.ts';
import { attachmentsOf, type DemandSummary, readAttachment, storeAttachment, summariesOf } from '../demands/index.ts';
import { notify, queueMail } from '../notifications/index.ts';
import { orgMemberRecipients } from '../orgs/index.ts';
import { BriefingInput, GroupInput, RecapInput, RegisterInput } from './briefings.schemas.ts';
import type { RegistrationStatus } from './briefings.tables.ts';

/** The briefing; `lock` holds its row until the transaction ends, so that seats are counted one at a time. */
async function briefingOf(db: Db, id: number, lock = false) {
  const briefing = await db
    .selectFrom('briefings')
    .selectAll()
    .where('id', '=', id)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!briefing) throw new NotFoundError();
  return briefing;
}
export type Briefing = Awaited<ReturnType<typeof briefingOf>>;

/** A briefing the actor may see: a published one, or any for operators. */
async function visibleBriefing(ctx: Ctx, db: Db, id: number, lock = false): Promise<Briefing> {
  const briefing = await briefingOf(db, id, lock);
  if (!briefing.published_at && !isOperator(ctx.actor)) throw new NotFoundError();
  return briefing;
}

function seatsTaken(db: Db, briefingId: number): Promise<number> {
  return countRows(db.selectFrom('briefing_registrations').where('briefing_id', '=', briefingId).where('status', '=', 'registered'));
}

/** Whom a briefing concerns: people registered in one of `statuses`, and the presenters who confirmed. */
function concernedPeople(db: Db, briefingId: number, statuses: RegistrationStatus[]) {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.email', 'users.locale'])
    .where((eb) =>
      eb.or([
        eb('users.id', 'in', eb.selectFrom('briefing_registrations').select('user_id').where('briefing_id', '=', briefingId).where('status', 'in', statuses)),
        eb('users.id', 'in', eb.selectFrom('briefing_demands').select('confirmed_by').where('briefing_id', '=', briefingId).where('confirmed_by', 'is not', null)),
      ]),
    )
    .execute();
}

/** The briefing's details from its form: a place is required and the start must lie ahead. */
function parseBriefing(ctx: Ctx, raw: unknown) {
  const input = parseInput(BriefingInput, raw);
  if (!input.onlineUrl && !input.venue) throw new ValidationError({ onlineUrl: 'briefing.placeMissing' });
  const startsAt = new Date(`${input.date}T${input.time}:00+09:00`);
  if (startsAt <= ctx.now()) throw new ValidationError({ date: 'briefing.inPast' });
  return {
    title: input.title,
    summary: input.summary ?? '',
    starts_at: startsAt,
    minutes: Number(input.minutes),
    online_url: input.onlineUrl ?? null,
    venue: input.venue ?? null,
    capacity: Number(input.capacity),
  };
}

export async function createBriefing(ctx: Ctx, raw: unknown): Promise<number> {
  const operator = requireOperator(ctx);
  const values = parseBriefing(ctx, raw);
  return ctx.db.transaction().execute((trx) =>
    createOnce(ctx, trx, async () => {
      const { id } = await trx
        .insertInto('briefings')
        .values({ ...values, published_at: null, reminded_at: null, recap_published_at: null, created_by: operator.id, created_at: ctx.now(), updated_at: ctx.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(ctx, trx, 'briefing.create', { type: 'briefing', id });
      return id;
    }),
  );
}

/**
 * Corrects a briefing's details. A new date or place is announced to everyone registered or waiting
 * and to the presenters, and a new date gets its own day-before reminder. A new date, length or place
 * is a new version of the calendar event (SEQUENCE + 1).
 */
export async function updateBriefing(ctx: Ctx, briefingId: number, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const values = parseBriefing(ctx, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await briefingOf(trx, briefingId, true);
    const moved = before.starts_at.getTime() !== values.starts_at.getTime();
    const relocated = moved || before.online_url !== values.online_url || before.venue !== values.venue;
    const rescheduled = relocated || before.minutes !== values.minutes;
    const after = await trx
      .updateTable('briefings')
      .set((eb) => ({
        ...values,
        ...(moved ? { reminded_at: null } : {}),
        updated_at: ctx.now(),
        sequence: rescheduled ? eb('sequence', '+', 1) : eb.ref('sequence'),
      }))
      .where('id', '=', briefingId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, 'briefing.update', { type: 'briefing', id: briefingId });
    // A larger room: the waiting list moves up before any newcomer can take the seats.
    await fillFreeSeats(ctx, trx, after);
    if (!relocated || !before.published_at) return;
    const people = await concernedPeople(trx, briefingId, ['registered', 'waitlisted']);
    await notify(trx, ctx, people, { kind: 'notice.briefingChanged', params: { briefing: values.title }, link: `/briefings/${briefingId}` });
  });
}

/** An agenda takes open demands anyone may read (`d` in the queries below). */
const OPEN_DEMAND = sql<boolean>`d.status = 'open' AND d.published_at IS NOT NULL AND d.hidden_at IS NULL`;

export interface AgendaGroup {
  themeId: number;
  theme: string;
  themeEn: string;
  sector: string;
  count: number;
}

/**
 * The agenda the system proposes: open demands grouped by theme and by the kind of partner they
 * seek ('any' when they name none), largest group first, leaving out demands already on the agenda.
 */
export async function proposeGroups(db: Db, briefingId: number): Promise<AgendaGroup[]> {
  const { rows } = await sql<AgendaGroup>`
    SELECT t.id AS "themeId", t.name AS theme, t.name_en AS "themeEn", s.sector, count(*)::int AS count
    FROM demands d
    JOIN demand_themes dt ON dt.demand_id = d.id
    JOIN themes t ON t.id = dt.theme_id
    CROSS JOIN LATERAL unnest(CASE WHEN cardinality(d.target_sectors) = 0 THEN ARRAY['any'] ELSE d.target_sectors END) AS s(sector)
    WHERE ${OPEN_DEMAND}
      AND NOT EXISTS (SELECT 1 FROM briefing_demands b WHERE b.briefing_id = ${briefingId} AND b.demand_id = d.id)
    GROUP BY t.id, t.name, t.name_en, t.sort, s.sector
    ORDER BY count(*) DESC, t.sort, s.sector
    LIMIT 12`.execute(db);
  return rows;
}

/** Puts a proposed group on the agenda; each demanding organisation is asked whether it will present. */
export async function addGroup(ctx: Ctx, briefingId: number, raw: unknown): Promise<number> {
  requireOperator(ctx);
  const input = parseInput(GroupInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const briefing = await briefingOf(trx, briefingId);
    const sectorTest = input.sector === 'any' ? sql<boolean>`cardinality(d.target_sectors) = 0` : sql<boolean>`${input.sector} = ANY (d.target_sectors)`;
    const { rows } = await sql<{ id: number; org_id: number; title: string }>`
      INSERT INTO briefing_demands (briefing_id, demand_id)
      SELECT ${briefingId}, d.id FROM demands d JOIN demand_themes dt ON dt.demand_id = d.id AND dt.theme_id = ${Number(input.theme)}
      WHERE ${OPEN_DEMAND} AND ${sectorTest}
      ON CONFLICT DO NOTHING
      RETURNING demand_id AS id, (SELECT org_id FROM demands WHERE id = demand_id) AS org_id, (SELECT title FROM demands WHERE id = demand_id) AS title`.execute(trx);
    if (rows.length === 0) throw new ValidationError({ group: 'briefing.groupEmpty' });
    for (const demand of rows) {
      await notify(trx, ctx, await orgMemberRecipients(trx, [demand.org_id]), {
        kind: 'notice.briefingAgenda',
        params: { title: demand.title, briefing: briefing.title },
        link: `/briefings/${briefingId}`,
      });
    }
    return rows.length;
  });
}

export async function removeFromAgenda(ctx: Ctx, briefingId: number, demandId: number): Promise<void> {
  requireOperator(ctx);
  await ctx.db.deleteFrom('briefing_demands').where('briefing_id', '=', briefingId).where('demand_id', '=', demandId).execute();
}

export async function publishBriefing(ctx: Ctx, briefingId: number): Promise<void> {
  requireOperator(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await briefingOf(trx, briefingId);
    const agenda = await trx.selectFrom('briefing_demands').select('demand_id').where('briefing_id', '=', briefingId).executeTakeFirst();
    if (!agenda) throw new ValidationError({ group: 'briefing.agendaEmpty' });
    await trx.updateTable('briefings').set({ published_at: ctx.now() }).where('id', '=', briefingId).where('published_at', 'is', null).execute();
    await audit(ctx, trx, 'briefing.publish', { type: 'briefing', id: briefingId });
  });
}

/** After the session: the recap, published on the briefing's page. */
export async function publishRecap(ctx: Ctx, briefingId: number, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(RecapInput, raw);
  const briefing = await briefingOf(ctx.db, briefingId);
  if (briefing.starts_at > ctx.now()) throw new ValidationError({ recap: 'briefing.recapTooEarly' });
  await ctx.db.updateTable('briefings').set({ recap: input.recap, recap_published_at: ctx.now() }).where('id', '=', briefingId).execute();
}

/** Slides and handouts (PDF, HWP, PPTX…), public with the briefing. */
export async function addMaterial(ctx: Ctx, briefingId: number, file: unknown): Promise<void> {
  requireOperator(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await briefingOf(trx, briefingId);
    await storeAttachment(ctx, trx, 'briefing', briefingId, file, 'file');
  });
}

/** Past briefings shown at a time. */
const PAST_PAGE = 20;

/**
 * Published briefings: on the first page every one still to come, soonest first (a handful: they
 * are held a few times a month), and the past ones newest first, 20 at a time after `after`.
 */
export async function listBriefings(ctx: Ctx, after?: string) {
  const now = ctx.now();
  const cursor = decodeCursor(after, ['timestamp', 'id']);
  const cards = () =>
    ctx.db
      .selectFrom('briefings')
      .select(['id', 'title', 'summary', 'starts_at', 'minutes', 'venue', 'capacity', 'recap_published_at'])
      .select(sql<boolean>`online_url IS NOT NULL`.as('online'))
      .select((eb) => eb.selectFrom('briefing_registrations').select((e) => e.fn.countAll<number>().as('n')).whereRef('briefing_id', '=', 'briefings.id').where('status', '=', 'registered').as('registered'))
      .where('published_at', 'is not', null);
  const [upcoming, past] = await Promise.all([
    cursor ? [] : cards().where('starts_at', '>', now).orderBy('starts_at').orderBy('id').execute(),
    cards()
      .where('starts_at', '<=', now)
      .$if(cursor !== null, (q) => q.where(olderThan('starts_at', 'id', cursor!)))
      .orderBy('starts_at', 'desc')
      .orderBy('id', 'desc')
      .limit(PAST_PAGE + 1)
      .execute(),
  ]);
  return { upcoming, past: toPage(past, PAST_PAGE, (b) => [b.starts_at.toISOString(), b.id]) };
}

/** What an upcoming session can still present: a demand withdrawn or ended without a partner since is left out. */
const PRESENTABLE: ReadonlySet<DemandSummary['status']> = new Set(['open', 'negotiating', 'concluded']);

async function agendaOf(db: Db, briefing: Pick<Briefing, 'id' | 'starts_at'>, now: Date): Promise<(DemandSummary & { confirmed: boolean })[]> {
  const rows = await db.selectFrom('briefing_demands').select(['demand_id', 'confirmed_at']).where('briefing_id', '=', briefing.id).orderBy('demand_id').execute();
  const demands = await summariesOf(
    db,
    rows.map((r) => r.demand_id),
  );
  const upcoming = briefing.starts_at > now;
  return demands
    .filter((d) => !upcoming || PRESENTABLE.has(d.status))
    .map((d) => ({ ...d, confirmed: rows.some((r) => r.demand_id === d.id && r.confirmed_at) }));
}

/**
 * The online meeting's address is for those taking part: operators, people with a seat (not the waiting
 * list) and members of the organisations presenting. Everyone else learns that it is online.
 */
async function mayJoinOnline(ctx: Ctx, briefingId: number): Promise<boolean> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') return false;
  if (actor.role === 'operator') return true;
  const orgIds = actor.memberships.map((m) => m.orgId);
  const row = await ctx.db
    .selectNoFrom((eb) => [
      eb
        .exists(eb.selectFrom('briefing_registrations').select('id').where('briefing_id', '=', briefingId).where('user_id', '=', actor.id).where('status', '=', 'registered'))
        .as('seated'),
      (orgIds.length
        ? eb.exists(
            eb
              .selectFrom('briefing_demands')
              .innerJoin('demands', 'demands.id', 'briefing_demands.demand_id')
              .select('demands.id')
              .where('briefing_demands.briefing_id', '=', briefingId)
              .where('demands.org_id', 'in', orgIds),
          )
        : eb.lit(false)
      ).as('presenting'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.seated) || Boolean(row.presenting);
}

/** Upcoming agenda places of a refused organisation's demands are given up; past sessions keep their record. */
export async function dropRejectedOrgFromAgendas(db: Db, now: Date, orgId: number): Promise<void> {
  await db
    .deleteFrom('briefing_demands')
    .where('demand_id', 'in', (eb) => eb.selectFrom('demands').select('id').where('org_id', '=', orgId))
    .where('briefing_id', 'in', (eb) => eb.selectFrom('briefings').select('id').where('starts_at', '>', now))
    .execute();
}

/** The briefing's page: when and where, the agenda, seats, materials, the recap, and what the actor may do. */
export async function briefingPage(ctx: Ctx, briefingId: number) {
  const briefing = await visibleBriefing(ctx, ctx.db, briefingId);
  const [agenda, counts, materials, joinsOnline] = await Promise.all([
    agendaOf(ctx.db, briefing, ctx.now()),
    ctx.db
      .selectFrom('briefing_registrations')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('briefing_id', '=', briefingId)
      .groupBy('status')
      .execute(),
    attachmentsOf(ctx.db, 'briefing', briefingId),
    mayJoinOnline(ctx, briefingId),
  ]);
  const actor = ctx.actor.kind === 'user' ? ctx.actor : null;
  const mine = actor
    ? await ctx.db.selectFrom('briefing_registrations').select(['status', 'id']).where('briefing_id', '=', briefingId).where('user_id', '=', actor.id).executeTakeFirst()
    : undefined;
  const count = (status: string) => counts.find((c) => c.status === status)?.n ?? 0;
  const orgIds = actor?.memberships.map((m) => m.orgId) ?? [];
  const myOrgs = orgIds.length ? await ctx.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', orgIds).orderBy('name').execute() : [];
  return {
    briefing: { ...briefing, online_url: joinsOnline ? briefing.online_url : null, online: briefing.online_url !== null },
    agenda,
    registered: count('registered'),
    waitlisted: count('waitlisted'),
    mine: mine && mine.status !== 'cancelled' ? mine.status : null,
    /** Agenda demands of the actor's organisations, which they may confirm. */
    toConfirm: agenda.filter((d) => orgIds.includes(d.org_id) && !d.confirmed),
    /** The actor's organisations, to register on behalf of. */
    myOrgs,
    materials,
    past: briefing.starts_at <= ctx.now(),
  };
}

/**
 * A seat, or a place on the waiting list once the seats are taken. The briefing row is locked so
 * that two people cannot take the last seat at once.
 */
export async function register(ctx: Ctx, briefingId: number, raw: unknown): Promise<'registered' | 'waitlisted'> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(RegisterInput, raw);
  const orgId = input.org ? Number(input.org) : null;
  if (orgId !== null && !actor.memberships.some((m) => m.orgId === orgId)) throw new ValidationError({ org: 'field.choiceInvalid' });
  return ctx.db.transaction().execute(async (trx) => {
    const briefing = await visibleBriefing(ctx, trx, briefingId, true);
    if (briefing.starts_at <= ctx.now()) throw new ValidationError({ org: 'briefing.over' });
    const existing = await trx.selectFrom('briefing_registrations').select(['status']).where('briefing_id', '=', briefingId).where('user_id', '=', actor.id).executeTakeFirst();
    if (existing && existing.status !== 'cancelled') return existing.status as 'registered' | 'waitlisted';
    // Free seats and a waiting list cannot both exist (fillFreeSeats), so a free seat is the newcomer's.
    const status = (await seatsTaken(trx, briefingId)) < briefing.capacity ? 'registered' : 'waitlisted';
    await trx
      .insertInto('briefing_registrations')
      .values({ briefing_id: briefingId, user_id: actor.id, org_id: orgId, status, created_at: ctx.now() })
      .onConflict((oc) => oc.columns(['briefing_id', 'user_id']).doUpdateSet({ status, org_id: orgId, created_at: ctx.now() }))
      .execute();
    return status;
  });
}

/** Gives the seat up; the first on the waiting list takes it and is told. */
export async function cancelRegistration(ctx: Ctx, briefingId: number): Promise<void> {
  const actor = requireUser(ctx.actor);
  await ctx.db.transaction().execute(async (trx) => {
    const briefing = await visibleBriefing(ctx, trx, briefingId, true);
    const mine = await trx
      .updateTable('briefing_registrations')
      .set({ status: 'cancelled' })
      .where('briefing_id', '=', briefingId)
      .where('user_id', '=', actor.id)
      .where('status', '!=', 'cancelled')
      .returning('status')
      .executeTakeFirst();
    if (!mine) throw new NotFoundError();
    await fillFreeSeats(ctx, trx, briefing);
  });
}

/**
 * Gives every free seat to the waiting list, earliest first, each person told. Called wherever a seat
 * can free up (a cancellation, a larger capacity), with the briefing's row locked by the caller.
 */
async function fillFreeSeats(ctx: Ctx, trx: Db, briefing: Briefing): Promise<void> {
  const free = briefing.capacity - (await seatsTaken(trx, briefing.id));
  if (free <= 0) return;
  const next = await trx
    .selectFrom('briefing_registrations')
    .innerJoin('users', 'users.id', 'briefing_registrations.user_id')
    .select(['briefing_registrations.id', 'users.id as user_id', 'users.email', 'users.locale'])
    .where('briefing_registrations.briefing_id', '=', briefing.id)
    .where('briefing_registrations.status', '=', 'waitlisted')
    .orderBy('briefing_registrations.created_at')
    .orderBy('briefing_registrations.id')
    .limit(free)
    .execute();
  if (!next.length) return;
  await trx.updateTable('briefing_registrations').set({ status: 'registered' }).where('id', 'in', next.map((r) => r.id)).execute();
  for (const person of next) {
    await notify(trx, ctx, [{ id: person.user_id, email: person.email, locale: person.locale }], {
      kind: 'notice.briefingSeat',
      params: { briefing: briefing.title },
      link: `/briefings/${briefing.id}`,
    });
  }
}

/** A member of the demanding organisation says it will present its demand. */
export async function confirmPresenting(ctx: Ctx, briefingId: number, demandId: number): Promise<void> {
  const actor = requireUser(ctx.actor);
  const demand = await ctx.db.selectFrom('demands').select('org_id').where('id', '=', demandId).executeTakeFirst();
  if (!demand || !actor.memberships.some((m) => m.orgId === demand.org_id)) throw new NotFoundError();
  await visibleBriefing(ctx, ctx.db, briefingId);
  const updated = await ctx.db
    .updateTable('briefing_demands')
    .set({ confirmed_at: ctx.now(), confirmed_by: actor.id })
    .where('briefing_id', '=', briefingId)
    .where('demand_id', '=', demandId)
    .executeTakeFirst();
  if (!updated.numUpdatedRows) throw new NotFoundError();
}

/** The operator's page: everything above plus the proposed groups and who registered. */
export async function briefingForOperator(ctx: Ctx, briefingId: number) {
  requireOperator(ctx);
  const [page, groups, registrations] = await Promise.all([
    briefingPage(ctx, briefingId),
    proposeGroups(ctx.db, briefingId),
    ctx.db
      .selectFrom('briefing_registrations')
      .innerJoin('users', 'users.id', 'briefing_registrations.user_id')
      .leftJoin('orgs', 'orgs.id', 'briefing_registrations.org_id')
      .select(['briefing_registrations.id', 'users.name', 'orgs.name as org_name', 'briefing_registrations.status'])
      .where('briefing_registrations.briefing_id', '=', briefingId)
      .where('briefing_registrations.status', '!=', 'cancelled')
      .orderBy('briefing_registrations.id')
      .execute(),
  ]);
  const { briefing } = page;
  const local = kstTimestamp(briefing.starts_at);
  const formValues = {
    title: briefing.title,
    summary: briefing.summary,
    date: local.slice(0, 10),
    time: local.slice(11, 16),
    minutes: String(briefing.minutes),
    onlineUrl: briefing.online_url ?? '',
    venue: briefing.venue ?? '',
    capacity: String(briefing.capacity),
  };
  return { ...page, groups, registrations, formValues };
}

export async function listAllBriefings(ctx: Ctx) {
  requireOperator(ctx);
  return ctx.db.selectFrom('briefings').select(['id', 'title', 'starts_at', 'published_at']).orderBy('starts_at', 'desc').execute();
}

/**
 * The day-before reminder (KST), once per briefing: the claim on `reminded_at` and the mails commit
 * together, so a crash sends none and a second run or instance finds it claimed. Registered people
 * and the confirmed presenters are told; nothing goes out in quiet hours.
 */
export async function sendBriefingReminders(db: Db, now: Date, options: { baseUrl: string; quietHours: QuietHours | null }): Promise<number> {
  if (inQuietHours(now, options.quietHours)) return 0;
  const tomorrow = addDays(kstDate(now), 1);
  const due = await db
    .selectFrom('briefings')
    .select(['id'])
    .where('published_at', 'is not', null)
    .where('reminded_at', 'is', null)
    .where('starts_at', '>=', kstMidnight(tomorrow))
    .where('starts_at', '<', kstMidnight(addDays(tomorrow, 1)))
    .execute();
  let sent = 0;
  for (const { id } of due) {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx.updateTable('briefings').set({ reminded_at: now }).where('id', '=', id).where('reminded_at', 'is', null).returningAll().executeTakeFirst();
      if (!claimed) return;
      for (const person of await concernedPeople(trx, id, ['registered'])) {
        if (!person.email) continue;
        const locale: Locale = person.locale === 'en' ? 'en' : 'ko';
        const t = translator(locale);
        const place = [claimed.online_url, claimed.venue].filter(Boolean).join(' / ');
        await queueMail(trx, now, {
          to: person.email,
          subject: `[${t('site.name')}] ${t('briefing.reminderSubject', { title: claimed.title })}`,
          text: t('briefing.reminderBody', { title: claimed.title, when: formatDateTime(locale, claimed.starts_at), place, link: `${options.baseUrl}/briefings/${id}` }),
        });
        sent++;
      }
    });
  }
  return sent;
}

export async function downloadMaterial(ctx: Ctx, briefingId: number, fileId: number) {
  await visibleBriefing(ctx, ctx.db, briefingId);
  return readAttachment(ctx, 'briefing', briefingId, fileId);
}

/** The briefing for a calendar file; the meeting's address only for those who may join (`mayJoinOnline`). */
export async function calendarOf(ctx: Ctx, briefingId: number): Promise<Briefing> {
  const briefing = await visibleBriefing(ctx, ctx.db, briefingId);
  return (await mayJoinOnline(ctx, briefingId)) ? briefing : { ...briefing, online_url: null };
}
