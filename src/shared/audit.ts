import type { Ctx, Db } from './context.ts';

/** Appends to the audit log inside the caller's transaction, so the record and the change commit together. */
export async function audit(
  ctx: Pick<Ctx, 'actor' | 'now' | 'ip'>,
  db: Db,
  action: string,
  target: { type: string; id: number | string } | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: ctx.now(),
      actor_id: ctx.actor.kind === 'user' ? ctx.actor.id : null,
      action,
      target_type: target?.type ?? null,
      target_id: target ? String(target.id) : null,
      // What was done through an API token names the token, so its owner can see what it did.
      detail: JSON.stringify(ctx.actor.kind === 'user' && ctx.actor.token ? { ...detail, token: ctx.actor.token.id } : detail),
      ip: ctx.ip ?? null,
    })
    .execute();
}
