/** The desk's settings: response targets per category × urgency, and who answers and leads. */
import { requireOperator } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import type { Ctx } from '../../shared/context.ts';
import { ValidationError } from '../../shared/errors.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { SOS_CATEGORIES, URGENCIES } from './sos.tables.ts';
import { listTargets } from './sos.service.ts';

export async function settingsPage(ctx: Ctx) {
  requireOperator(ctx);
  const [targets, operators, desk] = await Promise.all([
    listTargets(ctx.db),
    ctx.db.selectFrom('users').select(['id', 'name', 'email']).where('role', '=', 'operator').where('deleted_at', 'is', null).orderBy('name').execute(),
    ctx.db.selectFrom('sos_desk').select(['user_id', 'lead']).execute(),
  ]);
  return { targets, operators, desk };
}

const whole = (value: unknown, min: number, max: number) => (typeof value === 'string' && /^[0-9]{1,3}$/.test(value.trim()) && Number(value) >= min && Number(value) <= max ? Number(value) : null);

/**
 * Sets every target from fields `first.<category>.<urgency>` (working hours, 1–200) and
 * `days.<category>.<urgency>` (1–60); every mistake is shown beside its field. Tickets already open
 * keep the due times they were promised.
 */
export async function saveTargets(ctx: Ctx, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const errors: Record<string, MessageKey> = {};
  const rows = SOS_CATEGORIES.flatMap((category) =>
    URGENCIES.map((urgency) => {
      const first = whole(body[`first.${category}.${urgency}`], 1, 200);
      const days = whole(body[`days.${category}.${urgency}`], 1, 60);
      if (first === null) errors[`first.${category}.${urgency}`] = 'sos.hoursInvalid';
      if (days === null) errors[`days.${category}.${urgency}`] = 'sos.daysInvalid';
      // A first answer cannot be promised later than the solution (a day is eight working hours).
      else if (first !== null && first > days * 8) errors[`first.${category}.${urgency}`] = 'sos.firstAfterSolution';
      return { category, urgency, first_response_hours: first ?? 0, resolution_days: days ?? 0 };
    }),
  );
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await ctx.db.transaction().execute(async (trx) => {
    for (const row of rows) {
      await trx.updateTable('sos_targets').set({ first_response_hours: row.first_response_hours, resolution_days: row.resolution_days }).where('category', '=', row.category).where('urgency', '=', row.urgency).execute();
    }
    await audit(ctx, trx, 'sos.targets', null, { targets: rows });
  });
}

/** The desk is the operators ticked in `members`; those also in `leads` hear of breaches. */
export async function saveDesk(ctx: Ctx, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const ids = (name: string) => new Set([body[name]].flat().filter((v): v is string => typeof v === 'string' && /^[0-9]{1,9}$/.test(v)).map(Number));
  const members = ids('members');
  const leads = ids('leads');
  await ctx.db.transaction().execute(async (trx) => {
    const operators = new Set((await trx.selectFrom('users').select('id').where('role', '=', 'operator').where('deleted_at', 'is', null).execute()).map((u) => u.id));
    if ([...members, ...leads].some((id) => !operators.has(id))) throw new ValidationError({ members: 'field.choiceInvalid' });
    await trx.deleteFrom('sos_desk').execute();
    const rows = [...new Set([...members, ...leads])].map((user_id) => ({ user_id, lead: leads.has(user_id) }));
    if (rows.length) await trx.insertInto('sos_desk').values(rows).execute();
    await audit(ctx, trx, 'sos.desk', null, { members: [...members], leads: [...leads] });
  });
}
