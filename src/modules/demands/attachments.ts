import { countRows } from '../../db/count.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { checkUpload, isUpload } from '../../shared/uploads.ts';

export type AttachmentOwner = 'demand' | 'message' | 'briefing' | 'task' | 'sos' | 'proposal';

/** Per demand, message or briefing more is a sign of misuse rather than need; a TF's documents pile up over a year. */
const MAX_PER_OWNER: Record<AttachmentOwner, number> = { demand: 10, message: 10, briefing: 10, task: 100, sos: 10, proposal: 5 };

/** Attachments of several owners at once (the messages of a thread), or of one. */
export function attachmentsOfMany(db: Db, ownerType: AttachmentOwner, ownerIds: number[]) {
  if (!ownerIds.length) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select(['id', 'owner_id', 'filename', 'mime', 'size_bytes', 'created_at'])
    .where('owner_type', '=', ownerType)
    .where('owner_id', 'in', ownerIds)
    .orderBy('id')
    .execute();
}

export type Attachment = Awaited<ReturnType<typeof attachmentsOfMany>>[number];

export function attachmentsOf(db: Db, ownerType: AttachmentOwner, ownerId: number): Promise<Attachment[]> {
  return attachmentsOfMany(db, ownerType, [ownerId]);
}

/**
 * Checks the upload (type from its content, size) and stores it. The file is written before the
 * row, inside the caller's transaction: a row never points at a missing file; a rolled-back row
 * leaves an unreferenced file, which costs disk but loses nothing.
 */
export async function storeAttachment(ctx: Ctx, db: Db, ownerType: AttachmentOwner, ownerId: number, file: unknown, field: string): Promise<void> {
  if (!isUpload(file)) throw new ValidationError({ [field]: 'upload.missing' });
  const checked = await checkUpload(file, field);
  const existing = await countRows(db.selectFrom('attachments').where('owner_type', '=', ownerType).where('owner_id', '=', ownerId));
  if (existing >= MAX_PER_OWNER[ownerType]) throw new ValidationError({ [field]: 'upload.tooMany' });
  const key = await ctx.files.put(checked.data);
  await db
    .insertInto('attachments')
    .values({
      owner_type: ownerType,
      owner_id: ownerId,
      filename: checked.filename,
      mime: checked.mime,
      size_bytes: checked.data.length,
      storage_key: key,
      sha256: checked.sha256,
      uploaded_by: ctx.actor.kind === 'user' ? ctx.actor.id : null,
      created_at: ctx.now(),
    })
    .execute();
}

/** The file's bytes; the caller has already checked that the actor may see its owner. */
export async function readAttachment(ctx: Ctx, ownerType: AttachmentOwner, ownerId: number, id: number) {
  const row = await ctx.db
    .selectFrom('attachments')
    .select(['filename', 'mime', 'storage_key'])
    .where('id', '=', id)
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return { filename: row.filename, mime: row.mime, data: await ctx.files.read(row.storage_key) };
}

export async function deleteAttachment(ctx: Ctx, db: Db, ownerType: AttachmentOwner, ownerId: number, id: number): Promise<void> {
  const row = await db
    .deleteFrom('attachments')
    .where('id', '=', id)
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .returning('storage_key')
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  await ctx.files.remove(row.storage_key);
}
