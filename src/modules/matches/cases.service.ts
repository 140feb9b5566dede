import { decodeCursor, olderThan, type Page, toPage } from '../../db/pagination.ts';
import { countRows } from '../../db/count.ts';
import { queryTemplate } from '../../db/query-template.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { isOperator, membershipOf, sharedWork } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { createOnce } from '../../shared/unique.ts';
import { parseInput } from '../../shared/forms.ts';
import { requireUser } from '../../shared/actors.ts';
import { demandFor, recordDemandEvent, transitionDemand } from '../demands/index.ts';
import { notify } from '../notifications/index.ts';
import { publishEvent } from '../webhooks/index.ts';
import { isPublicSector, orgMemberRecipients, type Sector } from '../orgs/index.ts';
import { isLive } from './matches.policy.ts';
import { ConfirmInput, MatchInput, UpdateInput } from './matches.schemas.ts';

/** 공공-민간, 공공-공공 or 민간-민간, from the sectors of every organisation in the match. */
export type CaseLabel = 'public-private' | 'public-public' | 'private-private';

export function caseLabel(sectors: Sector[]): CaseLabel {
  const publics = sectors.filter(isPublicSector).length;
  if (publics === sectors.length) return 'public-public';
  if (publics === 0) return 'private-private';
  return 'public-private';
}

/** Replies the demanding organisation may name as partners: those still in play. */
async function eligiblePartners(db: Db, demandId: number) {
  const rows = await db
    .selectFrom('replies')
    .innerJoin('orgs', 'orgs.id', 'replies.org_id')
    .select(['replies.org_id', 'replies.status', 'replies.statement', 'orgs.name as org_name', 'orgs.sector as org_sector'])
    .where('replies.demand_id', '=', demandId)
    .where('replies.hidden_at', 'is', null)
    .orderBy('replies.created_at')
    .execute();
  return rows.filter((r) => isLive(r.status));
}

export async function getConcludeForm(ctx: Ctx, demandId: number) {
  const demand = await demandFor(ctx, ctx.db, demandId, 'demand.close');
  const existing = await ctx.db.selectFrom('matches').select('id').where('demand_id', '=', demandId).executeTakeFirst();
  if (existing) throw new NotFoundError();
  return { demand, partners: await eligiblePartners(ctx.db, demandId) };
}

/**
 * 협업 이음 성사: the demanding organisation names its partners, the agreement and its start; each
 * partner is asked to confirm. The demand is concluded only when every partner has.
 */
export async function recordMatch(ctx: Ctx, demandId: number, raw: unknown): Promise<number> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(MatchInput, raw);
  return ctx.db.transaction().execute((trx) =>
    createOnce(ctx, trx, async () => {
      const demand = await demandFor(ctx, trx, demandId, 'demand.close');
      if (await trx.selectFrom('matches').select('id').where('demand_id', '=', demandId).executeTakeFirst()) throw new NotFoundError();
      const eligible = new Set((await eligiblePartners(trx, demandId)).map((p) => p.org_id));
      const partners = [...new Set(input.partners.map(Number))];
      if (partners.some((id) => !eligible.has(id))) throw new ValidationError({ partners: 'field.choiceInvalid' });
      const { id } = await trx
        .insertInto('matches')
        .values({
          demand_id: demandId,
          summary: input.summary,
          lead_contribution: input.leadContribution,
          started_on: input.startedOn,
          recorded_by: actor.id,
          created_at: ctx.now(),
          concluded_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('match_partners')
        .values(partners.map((org_id) => ({ match_id: id, org_id, confirmed_at: null, confirmed_by: null })))
        .execute();
      await transitionDemand(ctx, trx, demandId, ['open'], 'negotiating');
      await recordDemandEvent(ctx, trx, { demandId, kind: 'match.recorded', orgId: demand.org_id, data: { matchId: id, partners } });
      await notify(trx, ctx, await orgMemberRecipients(trx, partners), {
        kind: 'notice.confirmRequested',
        params: { org: demand.org_name, title: demand.title },
        link: `/cases/${id}`,
      });
      return id;
    }),
  );
}

/**
 * A match with its demand and lead organisation. Read inside a transaction, the match's row is locked
 * until it commits: two partners confirming at once are taken one after the other, so the second sees
 * the first's confirmation and concludes (under READ COMMITTED each would otherwise miss the other's).
 */
function findMatch(db: Db, id: number) {
  return db
    .selectFrom('matches')
    .innerJoin('demands', 'demands.id', 'matches.demand_id')
    .innerJoin('orgs', 'orgs.id', 'demands.org_id')
    .select([
      'matches.id',
      'matches.demand_id',
      'matches.summary',
      'matches.lead_contribution',
      'matches.started_on',
      'matches.created_at',
      'matches.concluded_at',
      'demands.title as demand_title',
      'demands.summary as demand_summary',
      'demands.hidden_at as demand_hidden_at',
      'demands.org_id as lead_org_id',
      'orgs.name as lead_org_name',
      'orgs.sector as lead_org_sector',
      'orgs.status as lead_org_status',
    ])
    .where('matches.id', '=', id)
    .$if(db.isTransaction, (q) => q.forUpdate('matches'))
    .executeTakeFirst();
}

function partnersOf(db: Db, matchIds: number[]) {
  if (!matchIds.length) return Promise.resolve([]);
  return db
    .selectFrom('match_partners')
    .innerJoin('orgs', 'orgs.id', 'match_partners.org_id')
    .select(['match_partners.match_id', 'match_partners.org_id', 'match_partners.contribution', 'match_partners.confirmed_at', 'orgs.name', 'orgs.sector', 'orgs.status'])
    .where('match_partners.match_id', 'in', matchIds)
    .orderBy('orgs.name')
    .execute();
}

/**
 * A case as it is, whoever reads it: the match, its partners and its updates. Who may see it is
 * decided for each reader (`getCase`), so it is read once for all of them for a moment (`sharedWork`).
 */
async function caseRecord(db: Db, id: number) {
  const [match, partners, updates] = await Promise.all([
    findMatch(db, id),
    partnersOf(db, [id]),
    db
      .selectFrom('match_updates')
      .innerJoin('orgs', 'orgs.id', 'match_updates.org_id')
      .select(['match_updates.id', 'match_updates.body', 'match_updates.created_at', 'orgs.name as org_name'])
      .where('match_updates.match_id', '=', id)
      .orderBy('match_updates.id')
      .execute(),
  ]);
  return { match, partners, updates };
}

/** A case is public once concluded; before that only its parties and operators see it. */
export async function getCase(ctx: Ctx, id: number) {
  const { match, partners, updates } = await sharedWork(ctx, `matches.case ${id}`, () => caseRecord(ctx.db, id));
  if (!match) throw new NotFoundError();
  const partyOrgIds = [match.lead_org_id, ...partners.map((p) => p.org_id)];
  const isPartyMember = partyOrgIds.some((orgId) => !!membershipOf(ctx.actor, orgId));
  const visible = isOperator(ctx.actor) || isPartyMember || (!!match.concluded_at && !match.demand_hidden_at);
  if (!visible) throw new NotFoundError();
  const label = caseLabel([match.lead_org_sector, ...partners.map((p) => p.sector)]);
  /** Partner organisations of the actor that still have to confirm. */
  const toConfirm = partners.filter((p) => !p.confirmed_at && !!membershipOf(ctx.actor, p.org_id)).map((p) => p.org_id);
  return { match, partners, updates, label, isPartyMember, toConfirm };
}

export type CaseDetail = Awaited<ReturnType<typeof getCase>>;

/** A partner confirms, stating what it contributes; the last confirmation concludes the demand. */
export async function confirmMatch(ctx: Ctx, id: number, orgId: number, raw: unknown): Promise<void> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(ConfirmInput, raw);
  if (!membershipOf(actor, orgId)) throw new NotFoundError();
  await ctx.db.transaction().execute(async (trx) => {
    const match = await findMatch(trx, id);
    if (!match || match.concluded_at) throw new NotFoundError();
    const updated = await trx
      .updateTable('match_partners')
      .set({ confirmed_at: ctx.now(), confirmed_by: actor.id, contribution: input.contribution })
      .where('match_id', '=', id)
      .where('org_id', '=', orgId)
      .where('confirmed_at', 'is', null)
      .executeTakeFirst();
    if (!updated.numUpdatedRows) throw new NotFoundError();
    await recordDemandEvent(ctx, trx, { demandId: match.demand_id, kind: 'match.confirmed', orgId, data: { matchId: id } });
    const partners = await partnersOf(trx, [id]);
    if (partners.some((p) => !p.confirmed_at)) return;
    await trx.updateTable('matches').set({ concluded_at: ctx.now() }).where('id', '=', id).execute();
    await transitionDemand(ctx, trx, match.demand_id, ['open', 'negotiating'], 'concluded', {
      matchId: id,
      partners: partners.map((p) => p.org_id),
      label: caseLabel([match.lead_org_sector, ...partners.map((p) => p.sector)]),
    });
    // Everyone learns of it, including the person whose confirmation was the last one.
    const everyone = await orgMemberRecipients(trx, [match.lead_org_id, ...partners.map((p) => p.org_id)]);
    await notify(trx, { ...ctx, actor: { kind: 'anonymous' } }, everyone, {
      kind: 'notice.concluded',
      params: { title: match.demand_title },
      link: `/cases/${id}`,
    });
    await publishEvent(trx, ctx.now(), {
      event: 'match.concluded',
      id: `match.concluded:${id}`,
      orgIds: [match.lead_org_id, ...partners.map((p) => p.org_id)],
      data: {
        match: { id, url: `${ctx.baseUrl}/cases/${id}`, summary: match.summary },
        demand: { id: match.demand_id, title: match.demand_title, url: `${ctx.baseUrl}/demands/${match.demand_id}` },
        orgs: [{ id: match.lead_org_id, name: match.lead_org_name, lead: true }, ...partners.map((p) => ({ id: p.org_id, name: p.name, lead: false }))],
      },
    });
  });
}

/** 성과 소식: any party appends how the collaboration is going. */
export async function addCaseUpdate(ctx: Ctx, id: number, raw: unknown): Promise<number> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(UpdateInput, raw);
  return ctx.db.transaction().execute((trx) =>
    createOnce(ctx, trx, async () => {
      const match = await findMatch(trx, id);
      if (!match?.concluded_at) throw new NotFoundError();
      const partners = await partnersOf(trx, [id]);
      const orgId = [match.lead_org_id, ...partners.map((p) => p.org_id)].find((o) => !!membershipOf(actor, o));
      if (!orgId) throw new NotFoundError();
      const update = await trx
        .insertInto('match_updates')
        .values({ match_id: id, org_id: orgId, author_id: actor.id, body: input.body, created_at: ctx.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      return update.id;
    }),
  );
}

export interface CaseSummary {
  id: number;
  demand_id: number;
  demand_title: string;
  summary: string;
  concluded_at: Date;
  orgs: { name: string; sector: Sector }[];
  label: CaseLabel;
}

export const CASE_PAGE_SIZE = 20;

/** Concluded cases, newest first (the 성사 사례 page and the home page). */
export async function listCases(ctx: Ctx, limit = CASE_PAGE_SIZE, after?: string): Promise<Page<CaseSummary>> {
  let query = ctx.db
    .selectFrom('matches')
    .innerJoin('demands', 'demands.id', 'matches.demand_id')
    .innerJoin('orgs', 'orgs.id', 'demands.org_id')
    .select(['matches.id', 'matches.demand_id', 'matches.summary', 'matches.concluded_at', 'demands.title as demand_title', 'orgs.name', 'orgs.sector'])
    .where('matches.concluded_at', 'is not', null)
    .where('demands.hidden_at', 'is', null);
  const cursor = decodeCursor(after, ['timestamp', 'id']);
  if (cursor) query = query.where(olderThan('matches.concluded_at', 'matches.id', cursor));
  const rows = await query.orderBy('matches.concluded_at', 'desc').orderBy('matches.id', 'desc').limit(limit + 1).execute();
  const partners = await partnersOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => {
    const orgs = [{ name: r.name, sector: r.sector }, ...partners.filter((p) => p.match_id === r.id).map((p) => ({ name: p.name, sector: p.sector }))];
    return {
      id: r.id,
      demand_id: r.demand_id,
      demand_title: r.demand_title,
      summary: r.summary,
      concluded_at: r.concluded_at!,
      orgs,
      label: caseLabel(orgs.map((o) => o.sector)),
    };
  });
  return toPage(items, limit, (c) => [c.concluded_at.toISOString(), c.id]);
}

const matchRow = queryTemplate((db, demandId: number) => db.selectFrom('matches').select(['id', 'concluded_at']).where('demand_id', '=', demandId));

/**
 * The match of a demand, for its page: who is in it and who has confirmed. The same for every reader
 * of the page, so shared among them for a moment (`sharedWork`).
 */
export function matchOfDemand(ctx: Ctx, demandId: number) {
  return sharedWork(ctx, `matches.ofDemand ${demandId}`, async () => {
    const [match] = await matchRow(ctx.db, demandId);
    if (!match) return null;
    return { ...match, partners: await partnersOf(ctx.db, [match.id]) };
  });
}

export function concludedCount(ctx: Ctx): Promise<number> {
  return countRows(ctx.db.selectFrom('matches').where('concluded_at', 'is not', null));
}
