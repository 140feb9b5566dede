import { sql } from 'kysely';
import type { Ctx, Db } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { anyWordQuery, contentWords } from '../../shared/korean-search.ts';
import { takeOrRefuse } from '../../shared/rate-limit.ts';
import { requireUser } from '../../shared/actors.ts';
import { demandFor, recordDemandEvent } from '../demands/index.ts';
import { notify } from '../notifications/index.ts';
import { orgMemberRecipients } from '../orgs/index.ts';
import { bestFits, type DemandSide, type Evidence, type Fit, fitBound, fitOf, type OrgSide } from './fit.ts';

export const RECOMMENDATION_COUNT = 10;
/** Organisations shortlisted per demand (found by capability, words or reciprocity), at most this many. */
const SHORTLIST_LIMIT = 5000;

export interface Recommendation extends Fit {
  org: { id: number; name: string; sector: string; provinceName: string | null };
  invitedAt: Date | null;
}

export type RankedOrg = OrgSide & { id: number; name: string };

/** What the ranking reads of the demand itself. */
export interface RankedDemand {
  id: number;
  org_id: number;
  target_sectors: string[];
  target_regions: string[];
}

/** Demands as the fit sees them: their needs and offers with capability names, their targets. */
export async function demandSides(db: Db, demands: RankedDemand[]): Promise<Map<number, DemandSide>> {
  const items = demands.length
    ? await db
        .selectFrom('demand_items')
        .innerJoin('capabilities', 'capabilities.id', 'demand_items.capability_id')
        .select(['demand_items.demand_id', 'demand_items.kind', 'demand_items.capability_id', 'demand_items.description', 'capabilities.name'])
        .where('demand_items.demand_id', 'in', demands.map((d) => d.id))
        .orderBy('demand_items.sort')
        .execute()
    : [];
  return new Map(
    demands.map((demand) => {
      const own = items.filter((i) => i.demand_id === demand.id);
      const side: DemandSide = {
        needs: own
          .filter((i) => i.kind === 'need')
          .map((i) => ({ capabilityId: i.capability_id, capability: i.name, text: i.description, words: contentWords(i.description) })),
        offers: own.filter((i) => i.kind === 'offer').map((i) => ({ capabilityId: i.capability_id, capability: i.name })),
        targetSectors: demand.target_sectors,
        targetRegions: demand.target_regions,
      };
      return [demand.id, side];
    }),
  );
}

interface ShortlistRow {
  id: number;
  sector: string;
  region_code: string | null;
  held: number[] | null;
  any_word: boolean;
  wanted: number[] | null;
}

/**
 * Organisations that could fit, with what is cheap to know of them: the needed capabilities they
 * hold, whether their profile has a word of the needs, the offered capabilities they seek. Never the
 * demanding organisation, a rejected one, or one that has already replied.
 */
async function shortlist(db: Db, demand: RankedDemand, side: DemandSide): Promise<(Evidence & { id: number })[]> {
  const needIds = side.needs.map((n) => n.capabilityId);
  const offerIds = side.offers.map((o) => o.capabilityId);
  const words = anyWordQuery(contentWords(side.needs.map((n) => n.text).join(' ')));
  const sources = [
    sql`SELECT org_id, capability_id AS held, false AS any_word, NULL::bigint AS wanted FROM org_capabilities WHERE capability_id = ANY(${needIds}::bigint[])`,
  ];
  if (words) sources.push(sql`SELECT id, NULL, true, NULL FROM orgs WHERE profile_vector @@ to_tsquery('simple', ${words})`);
  if (offerIds.length) sources.push(sql`SELECT org_id, NULL, false, capability_id FROM org_wants WHERE capability_id = ANY(${offerIds}::bigint[])`);
  const rows = await sql<ShortlistRow>`
    SELECT o.id, o.sector, o.region_code, array_agg(DISTINCT e.held) FILTER (WHERE e.held IS NOT NULL) AS held,
      bool_or(e.any_word) AS any_word, array_agg(DISTINCT e.wanted) FILTER (WHERE e.wanted IS NOT NULL) AS wanted
    FROM (${sql.join(sources, sql` UNION ALL `)}) AS e (org_id, held, any_word, wanted)
    JOIN orgs o ON o.id = e.org_id
    WHERE o.id <> ${demand.org_id}
      AND o.status <> 'rejected'
      AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.demand_id = ${demand.id} AND r.org_id = o.id AND r.status <> 'withdrawn')
    GROUP BY o.id
    LIMIT ${SHORTLIST_LIMIT}`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    sector: r.sector,
    regionCode: r.region_code,
    held: new Set(r.held ?? []),
    anyWord: r.any_word,
    wanted: new Set(r.wanted ?? []),
  }));
}

interface DetailRow {
  id: number;
  name: string;
  sector: string;
  region_code: string | null;
  province_name: string | null;
  text: string;
  capabilities: [number, string][];
  wanted: number[];
  recent_replies: number;
  collaborations: number;
}

/** Everything the fit weighs of some organisations. */
export async function orgSides(db: Db, ids: number[], now: Date): Promise<RankedOrg[]> {
  const since = new Date(now.getTime() - 365 * 86_400_000);
  const rows = await sql<DetailRow>`
    SELECT o.id, o.name, o.sector, o.region_code, p.name AS province_name,
      o.description || ' ' || o.capability_note AS text,
      array(SELECT json_build_array(c.id, c.name) FROM org_capabilities oc JOIN capabilities c ON c.id = oc.capability_id
            WHERE oc.org_id = o.id) AS capabilities,
      array(SELECT w.capability_id FROM org_wants w WHERE w.org_id = o.id) AS wanted,
      (SELECT count(*) FROM replies r WHERE r.org_id = o.id AND r.created_at > ${since}) AS recent_replies,
      (SELECT count(*) FROM match_partners mp WHERE mp.org_id = o.id AND mp.confirmed_at IS NOT NULL) AS collaborations
    FROM orgs o
    LEFT JOIN regions p ON p.code = left(o.region_code, 2)
    WHERE o.id = ANY(${ids}::bigint[])`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    name: r.name,
    sector: r.sector,
    regionCode: r.region_code,
    provinceName: r.province_name,
    text: r.text,
    capabilities: new Map(r.capabilities.map(([id, name]) => [Number(id), name])),
    wanted: new Set(r.wanted),
    recentReplies: Number(r.recent_replies),
    collaborations: Number(r.collaborations),
  }));
}

/**
 * The recommendations page of a demand: the best-fitting organisations with their reasons, and those
 * already invited. Only the demanding organisation and operators see it.
 */
export async function partnersOf(ctx: Ctx, demandId: number) {
  const demand = await demandFor(ctx, ctx.db, demandId, 'demand.recommend');
  const [recommendations, invitations] = await Promise.all([rankPartners(ctx.db, demand, ctx.now()), invitationsOf(ctx.db, demandId)]);
  return { demand, recommendations, invitations };
}

/** The ranking itself, without permission checks (a benchmark can call it for any demand). */
export async function rankPartners(db: Db, demand: RankedDemand, now: Date, count = RECOMMENDATION_COUNT): Promise<Recommendation[]> {
  const side = (await demandSides(db, [demand])).get(demand.id)!;
  const bounded = (await shortlist(db, demand, side)).map((e) => ({ id: e.id, bound: fitBound(side, e) }));
  const ranked = await bestFits(bounded, count, async (ids) => (await orgSides(db, ids, now)).map((org) => ({ item: org, fit: fitOf(side, org) })));
  const invitations = ranked.length
    ? await db
        .selectFrom('partner_invitations')
        .select(['org_id', 'created_at'])
        .where('demand_id', '=', demand.id)
        .where('org_id', 'in', ranked.map((r) => r.item.id))
        .execute()
    : [];
  return ranked.map(({ item: org, fit }) => ({
    ...fit,
    org: { id: org.id, name: org.name, sector: org.sector, provinceName: org.provinceName },
    invitedAt: invitations.find((i) => i.org_id === org.id)?.created_at ?? null,
  }));
}

const inviteRule = (userId: number) => ({ bucket: `partner-invite:${userId}`, limit: 50, windowSeconds: 86_400 });

/**
 * The demanding organisation asks a recommended organisation to look at its demand: recorded once
 * per organisation, its members told in-app and by mail in the same transaction.
 */
export async function invitePartner(ctx: Ctx, demandId: number, orgId: number): Promise<void> {
  const user = requireUser(ctx.actor);
  const demand = await demandFor(ctx, ctx.db, demandId, 'demand.invite');
  if (orgId === demand.org_id) throw new NotFoundError();
  await ctx.db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('orgs').select('id').where('id', '=', orgId).where('status', '<>', 'rejected').executeTakeFirst();
    if (!org) throw new NotFoundError();
    const added = await trx
      .insertInto('partner_invitations')
      .values({ demand_id: demandId, org_id: orgId, invited_by: user.id, created_at: ctx.now() })
      .onConflict((oc) => oc.columns(['demand_id', 'org_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!added) throw new ValidationError({ org: 'fit.alreadyInvited' });
    await takeOrRefuse(trx, inviteRule(user.id), ctx.now());
    await recordDemandEvent(ctx, trx, { demandId, orgId: demand.org_id, kind: 'partner.invited', data: { invitedOrgId: orgId } });
    await notify(trx, ctx, await orgMemberRecipients(trx, [orgId]), {
      kind: 'notice.partnerInvited',
      params: { org: demand.org_name, title: demand.title },
      link: `/demands/${demandId}`,
    });
  });
}

export type Invitation = Awaited<ReturnType<typeof invitationsOf>>[number];

/** Whom the demanding organisation invited, and whether each has replied since. */
function invitationsOf(db: Db, demandId: number) {
  return db
    .selectFrom('partner_invitations as i')
    .innerJoin('orgs', 'orgs.id', 'i.org_id')
    .select(['orgs.id', 'orgs.name', 'orgs.sector', 'i.created_at'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('replies').select('replies.id').whereRef('replies.demand_id', '=', 'i.demand_id').whereRef('replies.org_id', '=', 'i.org_id').where('replies.status', '<>', 'withdrawn'))
        .as('replied'),
    )
    .where('i.demand_id', '=', demandId)
    .orderBy('i.created_at', 'desc')
    .execute();
}
