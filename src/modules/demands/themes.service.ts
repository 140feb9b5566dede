import { audit } from '../../shared/audit.ts';
import { memoFor } from '../../shared/memo.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import { requireOperator } from '../../shared/actors.ts';
import { TaxonomyNameInput } from '../orgs/index.ts';

export interface Theme {
  id: number;
  name: string;
  name_en: string;
}

/** Themes are on every list and form and change rarely: kept a minute per process. */
const themeCache = memoFor(60_000, (db: Db) =>
  db.selectFrom('themes').select(['id', 'name', 'name_en']).where('archived_at', 'is', null).orderBy('sort').orderBy('id').execute(),
);

/** Themes offered in forms and filters; archived ones stay on the demands that use them. */
export function listThemes(db: Db): Promise<Theme[]> {
  return themeCache.get(db);
}

export async function addTheme(ctx: Ctx, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(TaxonomyNameInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('themes')
      .values((eb) => ({
        name: input.name,
        name_en: input.nameEn,
        sort: eb.selectFrom('themes').select(eb.fn.coalesce(eb.fn.max('sort'), eb.lit(0)).as('s')),
        archived_at: null,
      }))
      .onConflict((oc) => oc.column('name').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new ValidationError({ name: 'admin.themeTaken' });
    await audit(ctx, trx, 'taxonomy.theme.add', { type: 'theme', id: inserted.id }, { name: input.name });
  });
  themeCache.clear();
}

export async function archiveTheme(ctx: Ctx, id: number): Promise<void> {
  requireOperator(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('themes').set({ archived_at: ctx.now() }).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
    if (!row.numUpdatedRows) throw new NotFoundError();
    await audit(ctx, trx, 'taxonomy.theme.archive', { type: 'theme', id });
  });
  themeCache.clear();
}
