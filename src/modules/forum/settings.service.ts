/** The forum's settings (thresholds, stages' durations) and its categories, set by operators. */
import { requireOperator } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { underUniqueRules } from '../../shared/unique.ts';
import { CategoryInput, SettingsInput } from './forum.schemas.ts';
import type { ForumSettings } from './stages.ts';

export async function forumSettings(db: Db): Promise<ForumSettings> {
  const { id: _, ...settings } = await db.selectFrom('forum_settings').selectAll().executeTakeFirstOrThrow();
  return settings;
}

/** The categories a proposal may take (archived ones stay on the proposals that have them). */
export function listCategories(db: Db, withArchived = false) {
  return db
    .selectFrom('forum_categories')
    .selectAll()
    .$if(!withArchived, (q) => q.where('archived_at', 'is', null))
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export type Category = Awaited<ReturnType<typeof listCategories>>[number];

const LIMITS: Record<keyof ForumSettings, [number, number]> = {
  check_hours: [1, 200],
  discussion_days: [0, 90],
  support_needed: [1, 10_000_000],
  support_days: [1, 365],
  answer_days: [1, 90],
  report_hours: [1, 200],
};

const FIELDS: Record<keyof ForumSettings, keyof typeof SettingsInput.properties> = {
  check_hours: 'checkHours',
  discussion_days: 'discussionDays',
  support_needed: 'supportNeeded',
  support_days: 'supportDays',
  answer_days: 'answerDays',
  report_hours: 'reportHours',
};

/**
 * Sets the thresholds and durations, each within its range (the range is in the message beside a
 * field out of it). Proposals already published keep the threshold and windows they were given.
 */
export async function saveSettings(ctx: Ctx, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(SettingsInput, raw);
  const errors: Record<string, MessageKey> = {};
  const settings = {} as ForumSettings;
  for (const [column, field] of Object.entries(FIELDS) as [keyof ForumSettings, keyof typeof SettingsInput.properties][]) {
    const value = Number(input[field]);
    const [min, max] = LIMITS[column];
    if (value < min || value > max) errors[field] = `forum.range.${column}` as MessageKey;
    settings[column] = value;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('forum_settings').set(settings).execute();
    await audit(ctx, trx, 'forum.settings', null, { ...settings });
  });
}

export async function addCategory(ctx: Ctx, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(CategoryInput, raw);
  await underUniqueRules({ forum_categories_name_key: () => new ValidationError({ name: 'forum.categoryExists' }) }, () =>
    ctx.db.transaction().execute(async (trx) => {
      const { max } = await trx.selectFrom('forum_categories').select((eb) => eb.fn.max('sort').as('max')).executeTakeFirstOrThrow();
      const { id } = await trx
        .insertInto('forum_categories')
        .values({ name: input.name, name_en: input.nameEn, sort: Number(max ?? 0) + 1, archived_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(ctx, trx, 'forum.category.add', { type: 'forum_category', id }, { name: input.name });
    }),
  );
}

/** An archived category is no longer offered; proposals keep it. */
export async function archiveCategory(ctx: Ctx, id: number): Promise<void> {
  requireOperator(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx.updateTable('forum_categories').set({ archived_at: ctx.now() }).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
    if (!done.numUpdatedRows) throw new NotFoundError();
    await audit(ctx, trx, 'forum.category.archive', { type: 'forum_category', id });
  });
}
