import { newestById } from '../../db/pagination.ts';
import type { Ctx } from '../../shared/context.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { requireOperator } from '../../shared/actors.ts';

const PAGE = 100;

/** Every mail written (sent, failed, or kept when no SMTP server is set), newest first, `PAGE` at a time. Operators only. */
export async function listOutbox(ctx: Ctx, after?: string) {
  requireOperator(ctx);
  return newestById(after, PAGE, (below, limit) =>
    ctx.db
      .selectFrom('mail_outbox')
      .select(['id', 'to_address', 'subject', 'status', 'created_at'])
      .$if(below !== null, (q) => q.where('id', '<', below!))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
  );
}

export async function getOutboxMail(ctx: Ctx, id: number) {
  requireOperator(ctx);
  const mail = await ctx.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (!mail) throw new NotFoundError();
  return mail;
}

/** The audit log, newest first, `PAGE` entries at a time, with who did each. Operators only. */
export async function listAudit(ctx: Ctx, after?: string) {
  requireOperator(ctx);
  return newestById(after, PAGE, (below, limit) =>
    ctx.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.target_type', 'audit_log.target_id', 'audit_log.ip', 'users.name as actor_name', 'audit_log.detail'])
      .$if(below !== null, (q) => q.where('audit_log.id', '<', below!))
      .orderBy('audit_log.id', 'desc')
      .limit(limit)
      .execute(),
  );
}
