import { sql } from 'kysely';
import type { Db } from '../../shared/context.ts';
import { matchesListQuery } from '../demands/index.ts';
import { notifyInApp } from '../notifications/index.ts';
import { orgMemberRecipients } from '../orgs/index.ts';

interface PublishedDemand {
  id: number;
  title: string;
  org_id: number;
  keys: string[];
}

/**
 * What subscriptions a demand can match, as `kind:value` keys: its themes, target regions and the
 * 시·도 of its organisation, its target sectors, the capabilities it needs or offers.
 */
async function publishedDemand(db: Db, demandId: number): Promise<PublishedDemand | null> {
  const row = await sql<PublishedDemand>`
    SELECT d.id, d.title, d.org_id, array(
      SELECT 'theme:' || dt.theme_id FROM demand_themes dt WHERE dt.demand_id = d.id
      UNION SELECT 'region:' || r FROM unnest(d.target_regions) r
      UNION SELECT 'region:' || left(o.region_code, 2) WHERE o.region_code IS NOT NULL
      UNION SELECT 'sector:' || s FROM unnest(d.target_sectors) s
      UNION SELECT 'capability:' || di.capability_id FROM demand_items di WHERE di.demand_id = d.id
    ) AS keys
    FROM demands d JOIN orgs o ON o.id = d.org_id
    WHERE d.id = ${demandId} AND d.status = 'open' AND d.published_at IS NOT NULL AND d.hidden_at IS NULL`.execute(db);
  return row.rows[0] ?? null;
}

/**
 * Tells everyone whose subscriptions a newly published demand matches, once per person: an in-app
 * notice now, and a row the digest will list. The demanding organisation's members are not told of
 * their own demand. Runs as a job, so publishing never waits for it and a crash only delays it.
 */
export async function matchPublishedDemand(db: Db, now: Date, demandId: number): Promise<number> {
  const demand = await publishedDemand(db, demandId);
  if (!demand) return 0;
  const byKey = await db
    .selectFrom('subscriptions')
    .select(['id', 'user_id'])
    .where(sql<boolean>`kind || ':' || value = ANY(${demand.keys}::text[])`)
    .orderBy('id')
    .execute();
  const searches = await db.selectFrom('subscriptions').select(['id', 'user_id', 'value']).where('kind', '=', 'search').orderBy('id').execute();
  const matched = new Map<number, number>();
  for (const s of byKey) if (!matched.has(s.user_id)) matched.set(s.user_id, s.id);
  for (const s of searches) {
    if (!matched.has(s.user_id) && (await matchesListQuery(db, demandId, s.value, now))) matched.set(s.user_id, s.id);
  }
  for (const member of await orgMemberRecipients(db, [demand.org_id])) matched.delete(member.id);
  let told = 0;
  await db.transaction().execute(async (trx) => {
    for (const [userId, subscriptionId] of matched) {
      const added = await trx
        .insertInto('subscription_matches')
        .values({ user_id: userId, demand_id: demandId, subscription_id: subscriptionId, created_at: now, digest_key: null })
        .onConflict((oc) => oc.columns(['user_id', 'demand_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!added) continue;
      await notifyInApp(trx, now, userId, { kind: 'notice.subscriptionMatch', params: { title: demand.title }, link: `/demands/${demandId}` });
      told += 1;
    }
  });
  return told;
}
