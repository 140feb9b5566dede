import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * What each organisation is looking for: the capabilities its live demands need, kept per
 * organisation so that recommendations find who seeks what a demand offers with one index read
 * (joining every live demand's items cost 40–100 ms at 100k demands).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE org_wants (
       org_id bigint NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
       capability_id bigint NOT NULL REFERENCES capabilities (id) ON DELETE CASCADE,
       PRIMARY KEY (org_id, capability_id)
     );
     CREATE INDEX org_wants_capability ON org_wants (capability_id);
     INSERT INTO org_wants (org_id, capability_id)
       SELECT DISTINCT d.org_id, di.capability_id FROM demands d JOIN demand_items di ON di.demand_id = d.id
       WHERE di.kind = 'need' AND d.status IN ('open', 'negotiating') AND d.hidden_at IS NULL AND d.published_at IS NOT NULL`,
  );
}
