import { queryTemplate } from '../../db/query-template.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { Db } from '../../shared/context.ts';

export type ListKind = 'similar' | 'suggestions';

const MINUTE = 60_000;
/** How long a stored list is served as it is; past that it is still served while a job works it out again. */
const FRESH_MS: Record<ListKind, number> = { similar: 24 * 60 * MINUTE, suggestions: 15 * MINUTE };

/** The job that works a stored list out again; one queued per list at a time. */
export const REFRESH_JOB = 'discovery.refresh';

/**
 * A list that is costly to work out, stored per subject (a demand's similar demands, an organisation's
 * suggestions): fresh, it is read as stored (one indexed row); stale, it is read as stored and a job is
 * queued to work it out again; missing, it is worked out now and stored. So a page costs one query
 * except for the first visitor of a subject no job has reached yet. Read from `db`; stored and queued
 * through `writeDb` (a read replica takes no writes).
 */
export async function storedList<T>(db: Db, now: Date, kind: ListKind, subjectId: number, workOut: () => Promise<T[]>, writeDb: Db = db): Promise<T[]> {
  const [row] = await storedRow(db, kind, subjectId);
  return servedList(row, writeDb, now, kind, subjectId, workOut);
}

const storedRow = queryTemplate((db, kind: ListKind, subjectId: number) =>
  db.selectFrom('discovery_lists').select(['payload', 'computed_at']).where('kind', '=', kind).where('subject_id', '=', subjectId),
);

/** A stored list's row as read with something else (`storedList` reads it alone). */
export interface StoredRow {
  payload: unknown;
  computed_at: Date;
}

/** What `storedList` serves once `row` (undefined: none stored) is read; stores and queues through `writeDb`. */
export async function servedList<T>(row: StoredRow | undefined, writeDb: Db, now: Date, kind: ListKind, subjectId: number, workOut: () => Promise<T[]>): Promise<T[]> {
  if (!row) return storeList(writeDb, now, kind, subjectId, await workOut());
  if (now.getTime() - row.computed_at.getTime() > FRESH_MS[kind]) {
    await enqueue(writeDb, now, REFRESH_JOB, { kind, subjectId }, { singletonKey: `${REFRESH_JOB}:${kind}:${subjectId}` });
  }
  return row.payload as T[];
}

/** Stores (or replaces) a subject's list as worked out at `now`. */
export async function storeList<T>(db: Db, now: Date, kind: ListKind, subjectId: number, items: T[]): Promise<T[]> {
  const payload = JSON.stringify(items);
  await db
    .insertInto('discovery_lists')
    .values({ kind, subject_id: subjectId, payload, computed_at: now })
    .onConflict((oc) => oc.columns(['kind', 'subject_id']).doUpdateSet({ payload, computed_at: now }))
    .execute();
  return items;
}
