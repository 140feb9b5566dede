import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Monthly rollups of the statistics: one row per KST month of first publication holding that
 * month's cohort followed to now, and the months whose row is out of date. The database marks a
 * month whenever the demand log gains a row for one of its demands, or an organisation's sector or
 * region changes under its demands or partnerships — whoever wrote it, so no writer can forget; the
 * job queue works marked months out again. Every month that has published demands starts marked.
 * A demand's first publication is found among its own few events (the (demand_id, at) index): with a
 * `kind` condition in the scan, a planner without fresh statistics reads every `published` event.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE stats_months (
       month text PRIMARY KEY CHECK (month ~ '^\\d{4}-\\d{2}$'),
       figures jsonb NOT NULL,
       replier_orgs bytea NOT NULL,
       refreshed_at timestamptz NOT NULL
     );
     CREATE TABLE stats_stale_months (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       month text NOT NULL
     );
     CREATE INDEX stats_stale_months_month ON stats_stale_months (month);
     CREATE FUNCTION stats_mark_demands(demand_ids bigint[]) RETURNS void LANGUAGE sql AS $$
       INSERT INTO stats_stale_months (month)
       SELECT DISTINCT to_char(first.at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM')
       FROM unnest(demand_ids) AS d (id)
       CROSS JOIN LATERAL (
         SELECT min(e.at) FILTER (WHERE e.kind = 'published') AS at FROM demand_events e WHERE e.demand_id = d.id
       ) first
       WHERE first.at IS NOT NULL
     $$;
     CREATE FUNCTION stats_mark_logged() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM stats_mark_demands(ARRAY(SELECT DISTINCT demand_id FROM logged));
       RETURN NULL;
     END
     $$;
     CREATE TRIGGER demand_events_stats AFTER INSERT ON demand_events
       REFERENCING NEW TABLE AS logged FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_logged();
     CREATE FUNCTION stats_mark_orgs() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM stats_mark_demands(ARRAY(
         WITH changed AS (
           SELECT n.id FROM after_rows n JOIN before_rows o ON o.id = n.id
           WHERE (n.sector, n.region_code) IS DISTINCT FROM (o.sector, o.region_code)
         )
         SELECT d.id FROM demands d JOIN changed c ON c.id = d.org_id
         UNION
         SELECT m.demand_id FROM matches m JOIN match_partners mp ON mp.match_id = m.id JOIN changed c ON c.id = mp.org_id));
       RETURN NULL;
     END
     $$;
     CREATE TRIGGER orgs_stats AFTER UPDATE ON orgs
       REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_orgs();
     INSERT INTO stats_stale_months (month)
       SELECT DISTINCT to_char(at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM') FROM demand_events WHERE kind = 'published';`,
  );
}
