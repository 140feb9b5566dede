import { type Kysely, sql } from 'kysely';
import { searchDocument } from '../../shared/korean-search.ts';
import { runStatements } from './run-statements.ts';

/**
 * Discovery: what an organisation says it does (description and capability note) becomes a search
 * vector, so recommendations can find organisations by the words of a demand's needs; invitations
 * a demanding organisation sends to recommended partners are kept (their outcome is read from replies).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `ALTER TABLE orgs ADD COLUMN profile_vector tsvector NOT NULL DEFAULT ''::tsvector;
     CREATE INDEX orgs_profile ON orgs USING gin (profile_vector);

     CREATE TABLE partner_invitations (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       demand_id bigint NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
       org_id bigint NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
       invited_by bigint REFERENCES users (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       UNIQUE (demand_id, org_id)
     );
     CREATE INDEX partner_invitations_org ON partner_invitations (org_id, created_at DESC)`,
  );
  // The bigrams are made in TypeScript (shared/korean-search.ts), so existing rows are filled here.
  const orgs = await sql<{ id: number; description: string; capability_note: string }>`SELECT id, description, capability_note FROM orgs`.execute(db);
  for (const org of orgs.rows) {
    await sql`UPDATE orgs SET profile_vector = to_tsvector('simple', ${searchDocument(org.description, org.capability_note)}) WHERE id = ${org.id}`.execute(db);
  }
}
