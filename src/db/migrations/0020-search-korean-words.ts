import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema.ts';
import { refreshDemandSearch } from '../../modules/demands/index.ts';
import { searchDocument } from '../../shared/korean-search.ts';

const BATCH = 500;

/**
 * Search finds Korean words as people write them (shared/korean-search.ts): full-width forms folded,
 * Latin letters and digits split from Hangul, spacing ignored, a one-syllable word found before its
 * particle, and a demand's themes searchable by name. The vectors are made in TypeScript, so every
 * stored one is worked out again here, in batches.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const typed = db as unknown as Kysely<DB>;
  for (let after = 0; ; ) {
    const ids = (await typed.selectFrom('demands').select('id').where('id', '>', after).orderBy('id').limit(BATCH).execute()).map((r) => r.id);
    if (!ids.length) break;
    await refreshDemandSearch(typed, ids);
    after = ids.at(-1)!;
  }
  const orgs = await sql<{ id: number; name: string; description: string; capability_note: string }>`SELECT id, name, description, capability_note FROM orgs`.execute(db);
  for (const org of orgs.rows) {
    await sql`UPDATE orgs SET search_vector = to_tsvector('simple', ${searchDocument(org.name)}),
      profile_vector = to_tsvector('simple', ${searchDocument(org.description, org.capability_note)}) WHERE id = ${org.id}`.execute(db);
  }
}
