import { type RawBuilder, sql } from 'kysely';
import { isCalendarDate } from '../shared/dates.ts';

/**
 * Keyset pagination: the cursor is the sort key of the last row shown, so pages stay stable while
 * rows are added and deep pages cost the same as the first.
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The rows after a newest-first `['timestamp', 'id']` cursor: `(at, id) < (cursor's at, cursor's id)`
 * as one row comparison, which a btree index on the two columns serves.
 */
export function olderThan(atColumn: string, idColumn: string, cursor: (string | number)[]): RawBuilder<boolean> {
  const [at, id] = cursor as [string, number];
  return sql<boolean>`(${sql.ref(atColumn)}, ${sql.ref(idColumn)}) < (${new Date(at)}, ${id})`;
}

export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * What each part of a cursor must be for its SQL to run: a cursor arrives from the address bar, so
 * `["zzz", 5]` where a date belongs must not reach `::date`.
 * - `timestamp`: an instant as `toISOString` writes it (years 1–9999)
 * - `date`: a real calendar day, `YYYY-MM-DD`, years 1–9999
 * - `text`: at most 500 characters, without U+0000 (which PostgreSQL refuses in text)
 * - `id`: a positive safe integer (a bigint key)
 * - `count`: a non-negative integer that fits PostgreSQL's `integer`
 */
export type CursorPart = 'timestamp' | 'date' | 'text' | 'id' | 'count';

const VALID: Record<CursorPart, (value: unknown) => boolean> = {
  timestamp: (v) => typeof v === 'string' && /^[0-9]{4}-/.test(v) && !v.startsWith('0000') && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v,
  date: (v) => typeof v === 'string' && isCalendarDate(v) && !v.startsWith('0000'),
  text: (v) => typeof v === 'string' && v.length <= 500 && !v.includes('\u0000'),
  id: (v) => Number.isSafeInteger(v) && (v as number) > 0,
  count: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 2_147_483_647,
};

/** A cursor that does not decode to the expected shape, part by part, is ignored (first page), never an error. */
export function decodeCursor(cursor: string | undefined, shape: CursorPart[]): (string | number)[] | null {
  if (!cursor) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(key) || key.length !== shape.length || !shape.every((part, i) => VALID[part](key[i]))) return null;
  return key;
}

/**
 * A page of `size` rows read newest first by id: `read` gets the id the rows must stay below (null
 * for the newest: no cursor, or `after` malformed) and how many to fetch (`size + 1`), and applies
 * `id < below`, `ORDER BY id DESC` and the limit itself.
 */
export async function newestById<T extends { id: number }>(after: string | undefined, size: number, read: (below: number | null, limit: number) => Promise<T[]>): Promise<Page<T>> {
  const cursor = decodeCursor(after, ['id']);
  return toPage(await read(cursor ? (cursor[0] as number) : null, size + 1), size, (row) => [row.id]);
}

/** Fetch one row more than shown: its presence tells whether there is a next page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** The first rows of a queue that is worked from the top, and how many it holds in all. */
export interface QueueHead<T> {
  items: T[];
  total: number;
}

/**
 * `rows` read with a limit of `shown + 1`: the first `shown`, and the total, counted by `count` only
 * when there are more than shown (a short queue is counted by what it shows, without a query). The
 * count is a statement of its own, or shared for a moment: never less than the rows already read.
 */
export async function queueHead<T>(rows: T[], shown: number, count: () => Promise<number>): Promise<QueueHead<T>> {
  return rows.length <= shown ? { items: rows, total: rows.length } : { items: rows.slice(0, shown), total: Math.max(rows.length, await count()) };
}
