import { sql } from 'kysely';
import { audit } from '../../shared/audit.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { kstDate } from '../../shared/dates.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { createOnce } from '../../shared/unique.ts';
import { parseInput } from '../../shared/forms.ts';
import { requireOperator } from '../../shared/actors.ts';
import type { OrgStatus, Sector } from '../orgs/index.ts';
import { type Period, parsePeriod, periodBounds } from '../stats/index.ts';
import { AwardInput, WeightsInput } from './recognition.schemas.ts';
import { ACTIVITIES, type Activity } from './recognition.tables.ts';

export const RANKING_SIZE = 50;

export type Weights = Record<Activity, number>;

export async function activityWeights(db: Db): Promise<Weights> {
  const rows = await db.selectFrom('activity_weights').select(['activity', 'points']).execute();
  return Object.fromEntries(ACTIVITIES.map((a) => [a, rows.find((r) => r.activity === a)?.points ?? 0])) as Weights;
}

export async function setWeights(ctx: Ctx, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(WeightsInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    for (const activity of ACTIVITIES) {
      await trx
        .insertInto('activity_weights')
        .values({ activity, points: Number(input[activity]) })
        .onConflict((oc) => oc.column('activity').doUpdateSet({ points: Number(input[activity]) }))
        .execute();
    }
    await audit(ctx, trx, 'recognition.weights', null, input);
  });
}

export interface RankedOrg {
  orgId: number;
  name: string;
  sector: Sector;
  /** A refused organisation keeps its history, unlinked. */
  status: OrgStatus;
  counts: Weights;
  points: number;
}

/**
 * Each organisation's activity in [from, to), once per demand whatever is repeated (a reply
 * withdrawn and sent again counts once): demands published, demands replied to, collaborations
 * concluded (the demanding organisation and each partner), briefings presented at once held.
 * Hidden demands earn nothing.
 */
function activityCounts(db: Db, from: Date, to: Date, now: Date) {
  const held = now < to ? now : to;
  return sql<{ org_id: number; activity: Activity; n: number }>`
    SELECT org_id, activity, count(*)::int AS n FROM (
      SELECT DISTINCT e.org_id, e.demand_id, 'publish' AS activity FROM demand_events e
        JOIN demands d ON d.id = e.demand_id AND d.hidden_at IS NULL
        WHERE e.kind = 'published' AND e.at >= ${from} AND e.at < ${to}
      UNION ALL
      SELECT DISTINCT e.org_id, e.demand_id, 'reply' FROM demand_events e
        JOIN demands d ON d.id = e.demand_id AND d.hidden_at IS NULL
        WHERE e.kind = 'reply' AND e.at >= ${from} AND e.at < ${to}
      UNION ALL
      SELECT d.org_id, d.id, 'conclude' FROM matches m JOIN demands d ON d.id = m.demand_id AND d.hidden_at IS NULL
        WHERE m.concluded_at >= ${from} AND m.concluded_at < ${to}
      UNION ALL
      SELECT mp.org_id, d.id, 'conclude' FROM matches m JOIN match_partners mp ON mp.match_id = m.id
        JOIN demands d ON d.id = m.demand_id AND d.hidden_at IS NULL
        WHERE m.concluded_at >= ${from} AND m.concluded_at < ${to}
      UNION ALL
      SELECT DISTINCT d.org_id, d.id, 'present' FROM briefing_demands bd JOIN briefings b ON b.id = bd.briefing_id
        JOIN demands d ON d.id = bd.demand_id AND d.hidden_at IS NULL
        WHERE bd.confirmed_at IS NOT NULL AND b.published_at IS NOT NULL AND b.starts_at >= ${from} AND b.starts_at < ${held}
    ) acts
    WHERE org_id IS NOT NULL
    GROUP BY org_id, activity`.execute(db);
}

/** The organisations' ranking by activity points for a period of KST days (default: this year so far). */
export async function rankOrgs(ctx: Ctx, raw: unknown): Promise<{ period: Period; weights: Weights; ranking: RankedOrg[]; active: number }> {
  const today = kstDate(ctx.now());
  const query = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const period = await parsePeriod(ctx.db, { from: `${today.slice(0, 4)}-01-01`, ...query }, today);
  const { from, to } = periodBounds(period);
  const [weights, { rows }] = await Promise.all([activityWeights(ctx.db), activityCounts(ctx.db, from, to, ctx.now())]);
  const byOrg = new Map<number, Weights>();
  for (const row of rows) {
    const counts = byOrg.get(row.org_id) ?? { publish: 0, reply: 0, conclude: 0, present: 0 };
    counts[row.activity] = row.n;
    byOrg.set(row.org_id, counts);
  }
  const scored = [...byOrg].map(([orgId, counts]) => ({ orgId, counts, points: ACTIVITIES.reduce((sum, a) => sum + weights[a] * counts[a], 0) }));
  scored.sort((a, b) => b.points - a.points || a.orgId - b.orgId);
  const top = scored.slice(0, RANKING_SIZE);
  const orgs = top.length ? await ctx.db.selectFrom('orgs').select(['id', 'name', 'sector', 'status']).where('id', 'in', top.map((o) => o.orgId)).execute() : [];
  const ranking = top.flatMap((o) => {
    const org = orgs.find((x) => x.id === o.orgId);
    return org ? [{ ...o, name: org.name, sector: org.sector, status: org.status }] : [];
  });
  return { period, weights, ranking, active: scored.length };
}

export async function listAwards(ctx: Ctx, limit = 50) {
  return ctx.db
    .selectFrom('awards')
    .leftJoin('orgs', 'orgs.id', 'awards.org_id')
    .select(['awards.id', 'awards.title', 'awards.category', 'awards.recipient_name', 'awards.reason', 'awards.awarded_on', 'orgs.name as org_name', 'awards.org_id'])
    .orderBy('awards.awarded_on', 'desc')
    .orderBy('awards.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * An award: a person's (협업인재상) names the person and their organisation, an organisation's names
 * the organisation, a campaign prize either. The organisation is found by its exact name.
 */
export async function createAward(ctx: Ctx, raw: unknown): Promise<number> {
  const operator = requireOperator(ctx);
  const input = parseInput(AwardInput, raw);
  const errors: Record<string, 'recognition.recipientMissing' | 'recognition.orgMissing' | 'recognition.orgUnknown'> = {};
  if (input.category === 'person' && !input.recipientName) errors.recipientName = 'recognition.recipientMissing';
  if (input.category !== 'campaign' && !input.orgName) errors.orgName = 'recognition.orgMissing';
  const org = input.orgName ? await ctx.db.selectFrom('orgs').select('id').where('name', '=', input.orgName).executeTakeFirst() : undefined;
  if (input.orgName && !org) errors.orgName = 'recognition.orgUnknown';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return ctx.db.transaction().execute((trx) =>
    createOnce(ctx, trx, async () => {
      const { id } = await trx
        .insertInto('awards')
        .values({
          title: input.title,
          category: input.category,
          recipient_name: input.recipientName ?? null,
          org_id: org?.id ?? null,
          reason: input.reason,
          awarded_on: input.awardedOn,
          created_by: operator.id,
          created_at: ctx.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(ctx, trx, 'recognition.award', { type: 'award', id });
      return id;
    }),
  );
}

export async function deleteAward(ctx: Ctx, id: number): Promise<void> {
  requireOperator(ctx);
  const deleted = await ctx.db.deleteFrom('awards').where('id', '=', id).executeTakeFirst();
  if (!deleted.numDeletedRows) throw new NotFoundError();
}
