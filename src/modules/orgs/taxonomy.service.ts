import { sql } from 'kysely';
import { memoFor } from '../../shared/memo.ts';
import { audit } from '../../shared/audit.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import { requireOperator } from '../../shared/actors.ts';
import { CapabilityInput, DistrictInput, RegionNameInput } from './orgs.schemas.ts';

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

/** Regions are read on most pages and change a few times a year: kept a minute per process. */
const regionCache = memoFor(60_000, (db: Db) =>
  // Each 시·도 followed by its 시·군·구, in their own order.
  db
    .selectFrom('regions')
    .select(['code', 'name', 'parent_code'])
    .orderBy(sql`coalesce(parent_code, code)`)
    .orderBy(sql`parent_code IS NOT NULL`)
    .orderBy('sort')
    .execute(),
);

export function listRegions(db: Db): Promise<Region[]> {
  return regionCache.get(db);
}

/** 시·군·구 are added under a 시·도 (for example after a reorganisation such as Incheon's in 2026). */
export async function addDistrict(ctx: Ctx, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(DistrictInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    // Locked: the next code and the name check are read from the siblings, so two additions take turns.
    const province = await trx.selectFrom('regions').select('code').where('code', '=', input.province).where('parent_code', 'is', null).forUpdate().executeTakeFirst();
    if (!province) throw new ValidationError({ province: 'field.choiceInvalid' });
    const siblings = await trx.selectFrom('regions').select(['code', 'name', 'sort']).where('parent_code', '=', province.code).execute();
    if (siblings.some((r) => r.name === input.name)) throw new ValidationError({ name: 'admin.regionTaken' });
    const next = Math.max(0, ...siblings.map((r) => Number(r.code.split('-')[1]))) + 1;
    const code = `${province.code}-${String(next).padStart(3, '0')}`;
    await trx
      .insertInto('regions')
      .values({ code, name: input.name, parent_code: province.code, sort: Math.max(-1, ...siblings.map((r) => r.sort)) + 1 })
      .execute();
    await audit(ctx, trx, 'taxonomy.region.add', { type: 'region', id: code }, { name: input.name });
  });
  regionCache.clear();
}

/** Renames keep the code, so organisations stay attached. */
export async function renameRegion(ctx: Ctx, code: string, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(RegionNameInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirst();
    if (!before) throw new NotFoundError();
    await trx.updateTable('regions').set({ name: input.name }).where('code', '=', code).execute();
    await audit(ctx, trx, 'taxonomy.region.rename', { type: 'region', id: code }, { from: before.name, to: input.name });
  });
  regionCache.clear();
}

export async function listCapabilities(db: Db, includeArchived = false): Promise<Capability[]> {
  let query = db.selectFrom('capabilities').select(['id', 'name', 'name_en', 'archived_at']).orderBy('sort').orderBy('id');
  if (!includeArchived) query = query.where('archived_at', 'is', null);
  return query.execute();
}

/** Capability ids chosen in a form, checked to exist; any unknown one is a message beside the field. */
export async function validCapabilities(db: Db, ids: string[]): Promise<number[]> {
  const wanted = [...new Set(ids.map(Number))];
  if (!wanted.length) return [];
  const rows = await db.selectFrom('capabilities').select('id').where('id', 'in', wanted).execute();
  if (rows.length !== wanted.length) throw new ValidationError({ capabilities: 'field.choiceInvalid' });
  return wanted;
}

export async function addCapability(ctx: Ctx, raw: unknown): Promise<void> {
  requireOperator(ctx);
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
  requireOperator(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('capabilities').set({ archived_at: ctx.now() }).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
    if (!result.numUpdatedRows) throw new NotFoundError();
    await audit(ctx, trx, 'taxonomy.capability.archive', { type: 'capability', id });
  });
}
