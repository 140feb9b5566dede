import type { Ctx } from '../../shared/context.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { requireOperator } from '../../shared/actors.ts';

const PAGE = 100;

export async function listOutbox(ctx: Ctx) {
  requireOperator(ctx);
  return ctx.db
    .selectFrom('mail_outbox')
    .select(['id', 'to_address', 'subject', 'status', 'created_at'])
    .orderBy('id', 'desc')
    .limit(PAGE)
    .execute();
}

export async function getOutboxMail(ctx: Ctx, id: number) {
  requireOperator(ctx);
  const mail = await ctx.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (!mail) throw new NotFoundError();
  return mail;
}

export async function listAudit(ctx: Ctx) {
  requireOperator(ctx);
  return ctx.db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.target_type', 'audit_log.target_id', 'audit_log.ip', 'users.name as actor_name', 'audit_log.detail'])
    .orderBy('audit_log.id', 'desc')
    .limit(PAGE)
    .execute();
}
