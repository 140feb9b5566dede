import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema.ts';

/**
 * What happened to the demands already in the database, written by SQL (the demands' log is written
 * afresh): the `published` event of each published demand; none to four replies to six demands in
 * ten from organisations other than its own (each with a `reply` event a day or more after
 * publication, `reply_count` set to match; ~150,000 at 100,000 demands); and `matches`
 * demands with replies concluded with their first replier as the confirmed partner (`concluded`
 * events, status `concluded`), the newest first. Deterministic.
 */
export async function generateMatches(db: Kysely<DB>, matches: number): Promise<void> {
  const { n: orgs } = await db.selectFrom('orgs').select((eb) => eb.fn.max('id').as('n')).executeTakeFirstOrThrow();
  await sql`DELETE FROM demand_events`.execute(db);
  await sql`
    INSERT INTO demand_events (demand_id, kind, org_id, at)
    SELECT id, 'published', org_id, published_at FROM demands WHERE published_at IS NOT NULL`.execute(db);
  await sql`UPDATE demands SET reply_count = CASE WHEN id % 10 < 4 THEN 0 ELSE 1 + (id * 7) % 4 END WHERE published_at IS NOT NULL`.execute(db);
  await sql`
    INSERT INTO replies (demand_id, org_id, statement, status, created_at, updated_at)
    SELECT d.id, r.org_id, '저희 기관이 ' || left(d.title, 40) || ' 에 함께하고 싶습니다. 관련 경험과 인력이 있습니다.', 'active',
      d.published_at + (r.n || ' days')::interval, d.published_at + (r.n || ' days')::interval
    FROM demands d
    CROSS JOIN LATERAL (
      SELECT DISTINCT ON (o) n, o AS org_id
      FROM generate_series(1, d.reply_count) n, LATERAL (SELECT 1 + ((d.id * 31 + n * 977) % ${orgs}) AS o) pick
      WHERE o <> d.org_id
    ) r
    WHERE d.published_at IS NOT NULL AND d.reply_count > 0
    ON CONFLICT DO NOTHING`.execute(db);
  // Counted per demand by the index on replies' demand: a join to the grouped replies was planned
  // from statistics taken before the replies existed (one row) and ran for minutes as a nested loop.
  await sql`UPDATE demands d SET reply_count = (SELECT count(*) FROM replies r WHERE r.demand_id = d.id) WHERE d.reply_count > 0`.execute(db);
  await sql`
    INSERT INTO demand_events (demand_id, kind, org_id, at)
    SELECT demand_id, 'reply', org_id, created_at FROM replies`.execute(db);
  await sql`
    WITH chosen AS (
      SELECT d.id, d.published_at, (SELECT r.org_id FROM replies r WHERE r.demand_id = d.id ORDER BY r.created_at, r.id LIMIT 1) AS partner
      FROM demands d
      WHERE d.published_at < now() - interval '21 days' AND d.hidden_at IS NULL AND EXISTS (SELECT 1 FROM replies r WHERE r.demand_id = d.id)
      ORDER BY d.published_at DESC, d.id DESC
      LIMIT ${matches}
    ), made AS (
      INSERT INTO matches (demand_id, summary, lead_contribution, started_on, created_at, concluded_at)
      SELECT id, '두 기관이 역할을 나눠 함께 추진하기로 했습니다.', '장소와 참여자 모집', (published_at + interval '20 days')::date,
        published_at + interval '14 days', published_at + interval '21 days'
      FROM chosen
      RETURNING id, demand_id, concluded_at
    ), partners AS (
      INSERT INTO match_partners (match_id, org_id, contribution, confirmed_at)
      SELECT made.id, chosen.partner, '전문 인력과 장비 제공', made.concluded_at FROM made JOIN chosen ON chosen.id = made.demand_id
    )
    INSERT INTO demand_events (demand_id, kind, at)
    SELECT demand_id, 'concluded', concluded_at FROM made`.execute(db);
  await sql`UPDATE demands SET status = 'concluded' WHERE id IN (SELECT demand_id FROM matches)`.execute(db);
  await sql`ANALYZE`.execute(db);
}
