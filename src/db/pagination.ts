/**
 * Keyset pagination: the cursor is the sort key of the last row shown, so pages stay stable while
 * rows are added and deep pages cost the same as the first.
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A cursor that does not decode to the expected shape is ignored (first page), never an error. */
export function decodeCursor(cursor: string | undefined, shape: ('string' | 'number')[]): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && key.every((v, i) => typeof v === shape[i])) return key;
  } catch {
    // fall through: treat as the first page
  }
  return null;
}

/** Fetch one row more than shown: its presence tells whether there is a next page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
