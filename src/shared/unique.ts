import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Ctx, Db } from './context.ts';

/** The name of the unique constraint or index `error` broke (SQLSTATE 23505), if that is what it is. */
export function brokenUniqueRule(error: unknown): string | undefined {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && typeof constraint === 'string' ? constraint : undefined;
}

/**
 * Runs `write` (a whole transaction). When a concurrent request got past the same read-first check and
 * committed first, the database's constraint stops this one; it is then answered as the check itself
 * answers (`rules[constraint]()`), never with a 500. Any other error passes through.
 */
export async function underUniqueRules<T>(rules: Record<string, () => Error>, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const rule = brokenUniqueRule(error);
    if (rule && rules[rule]) throw rules[rule]();
    throw error;
  }
}

/**
 * Creates something at most once per person and form key (`ctx.formKey`, a random value each create
 * form carries): `create` runs inside `trx` only for the first request with that key; a double click
 * or a resent request gets the id the first one made. The key is claimed before anything is written,
 * so a concurrent twin waits at the insert for the first transaction and then finds its result
 * (ON CONFLICT DO NOTHING re-reads the committed row under READ COMMITTED); if the first rolled back,
 * the twin goes ahead. Without a key (the JSON API, tests) `create` simply runs.
 */
export async function createOnce(ctx: Ctx, trx: Transaction<DB>, create: () => Promise<number>): Promise<number> {
  if (!ctx.formKey || ctx.actor.kind !== 'user') return create();
  const key = { user_id: ctx.actor.id, form_key: ctx.formKey };
  const claimed = await trx
    .insertInto('form_submissions')
    .values({ ...key, result_id: null, created_at: ctx.now() })
    .onConflict((oc) => oc.columns(['user_id', 'form_key']).doNothing())
    .returning('form_key')
    .executeTakeFirst();
  if (!claimed) {
    const earlier = await trx.selectFrom('form_submissions').select('result_id').where('user_id', '=', key.user_id).where('form_key', '=', key.form_key).executeTakeFirst();
    if (earlier?.result_id != null) return earlier.result_id;
  }
  const id = await create();
  await trx.updateTable('form_submissions').set({ result_id: id }).where('user_id', '=', key.user_id).where('form_key', '=', key.form_key).execute();
  return id;
}

/** A form key matters for the seconds of a double click or a resend; a day later it is only a row. */
export async function pruneFormSubmissions(db: Db, now: Date): Promise<void> {
  await db
    .deleteFrom('form_submissions')
    .where('created_at', '<', new Date(now.getTime() - 24 * 3600 * 1000))
    .execute();
}
