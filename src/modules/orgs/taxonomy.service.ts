import { audit } from '../../shared/audit.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import { requireOperator } from '../accounts/index.ts';
import { CapabilityInput } from './orgs.schemas.ts';

export interface Region {
  code: string;
  name: string;
  parent_code: string | null;
}

export interface Capability {
  id: number;
  name: string;
  name_en: string;
  archived_at: Date | null;
}

/** Reference data seeded by a migration; read once per process. */
let regionCache: Promise<Region[]> | undefined;

export function listRegions(db: Db): Promise<Region[]> {
  regionCache ??= db.selectFrom('regions').select(['code', 'name', 'parent_code']).orderBy('sort').execute();
  return regionCache;
}

export async function listCapabilities(db: Db, includeArchived = false): Promise<Capability[]> {
  let query = db.selectFrom('capabilities').select(['id', 'name', 'name_en', 'archived_at']).orderBy('sort').orderBy('id');
  if (!includeArchived) query = query.where('archived_at', 'is', null);
  return query.execute();
}

export async function addCapability(ctx: Ctx, raw: unknown): Promise<void> {
  requireOperator(ctx.actor);
  const input = parseInput(CapabilityInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('capabilities')
      .values((eb) => ({
        name: input.name,
        name_en: input.nameEn,
        sort: eb.selectFrom('capabilities').select(eb.fn.coalesce(eb.fn.max('sort'), eb.lit(0)).as('s')),
      }))
      .onConflict((oc) => oc.column('name').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new ValidationError({ name: 'admin.capabilityTaken' });
    await audit(ctx, trx, 'taxonomy.capability.add', { type: 'capability', id: inserted.id }, { name: input.name });
  });
}

/** Archived categories can no longer be chosen; organisations that chose them keep them. */
export async function archiveCapability(ctx: Ctx, id: number): Promise<void> {
  requireOperator(ctx.actor);
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('capabilities').set({ archived_at: ctx.now() }).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
    if (!result.numUpdatedRows) throw new NotFoundError();
    await audit(ctx, trx, 'taxonomy.capability.archive', { type: 'capability', id });
  });
}
