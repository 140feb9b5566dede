import { type Expression, sql } from 'kysely';
import type { Ctx, Db } from '../../shared/context.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { type Locale, type MessageKey, translator } from '../../shared/i18n/index.ts';
import { queueMail } from './mail.ts';
import { signalNotices } from './notice-feed.ts';

export interface Recipient {
  id: number;
  email: string | null;
  locale: string;
}

/** What happened, as a catalogue key with its parameters, and the page it concerns. */
export interface Notice {
  kind: MessageKey;
  params: Record<string, string>;
  link: string;
}

/** An in-app notice only (mail, if any, is the caller's: a digest, say), in the caller's transaction. */
export async function notifyInApp(db: Db, now: Date, userId: number, notice: Notice): Promise<void> {
  await db
    .insertInto('notifications')
    .values({ user_id: userId, kind: notice.kind, params: JSON.stringify(notice.params), link: notice.link, created_at: now })
    .execute();
  await signalNotices(db, userId);
}

/**
 * In-app notification and mail for each recipient, in the caller's transaction (so they exist
 * exactly when the change commits). The person who caused it is not told about their own act.
 */
export async function notify(db: Db, ctx: Pick<Ctx, 'now' | 'baseUrl' | 'actor'>, recipients: Recipient[], notice: Notice): Promise<void> {
  const actorId = ctx.actor.kind === 'user' ? ctx.actor.id : null;
  const seen = new Set<number>();
  for (const recipient of recipients) {
    if (recipient.id === actorId || seen.has(recipient.id)) continue;
    seen.add(recipient.id);
    await notifyInApp(db, ctx.now(), recipient.id, notice);
    if (!recipient.email) continue;
    const t = translator((recipient.locale === 'en' ? 'en' : 'ko') satisfies Locale);
    const message = t(notice.kind, notice.params);
    await queueMail(db, ctx.now(), {
      to: recipient.email,
      subject: `[${t('site.name')}] ${message}`,
      text: t('notice.mailBody', { message, link: `${ctx.baseUrl}${notice.link}` }),
    });
  }
}

export const NOTICE_PAGE_SIZE = 30;

/** The unread notifications of the user `userId` names, as a column: the header's count is read with the session. */
export function unreadColumn(userId: Expression<number>) {
  return sql<number>`(SELECT count(*) FROM notifications WHERE user_id = ${userId} AND read_at IS NULL)`;
}

export function unreadCount(db: Db, userId: number): Promise<number> {
  return db
    .selectNoFrom(unreadColumn(sql.val(userId)).as('n'))
    .executeTakeFirstOrThrow()
    .then((row) => row.n);
}

function newestNotices(db: Db, userId: number, limit: number) {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'params', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit);
}

export type NoticeRow = Awaited<ReturnType<ReturnType<typeof newestNotices>['execute']>>[number];

/** The newest notifications of the signed-in user, before `beforeId` when paging. */
export async function listNotices(ctx: Ctx, userId: number, beforeId?: number) {
  const rows = await newestNotices(ctx.db, userId, NOTICE_PAGE_SIZE + 1)
    .$if(beforeId !== undefined, (q) => q.where('id', '<', beforeId!))
    .execute();
  return { items: rows.slice(0, NOTICE_PAGE_SIZE), nextBefore: rows.length > NOTICE_PAGE_SIZE ? rows[NOTICE_PAGE_SIZE - 1]!.id : null };
}

/** What a live page shows after a change: the unread count and the notices newer than `afterId` (newest first, one page at most). */
export async function noticesAfter(db: Db, userId: number, afterId: number): Promise<{ unread: number; items: NoticeRow[] }> {
  // One statement, so the count and the notices are of one moment: never a new notice beside the count before it.
  const rows = await db
    .selectFrom(db.selectNoFrom(unreadColumn(sql.val(userId)).as('unread')).as('u'))
    .leftJoin(newestNotices(db, userId, NOTICE_PAGE_SIZE).where('id', '>', afterId).as('n'), (join) => join.onTrue())
    .selectAll('n')
    .select('u.unread')
    .orderBy('n.id', 'desc')
    .execute();
  const items = rows.filter((row): row is typeof row & NoticeRow => row.id !== null).map(({ unread: _, ...notice }) => notice);
  return { unread: rows[0]!.unread, items };
}

/** Marks one notification read and answers where it leads. */
export async function openNotice(ctx: Ctx, userId: number, id: number): Promise<string> {
  const row = await ctx.db
    .updateTable('notifications')
    .set({ read_at: ctx.now() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning('link')
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  await signalNotices(ctx.db, userId);
  return row.link;
}

export async function markAllRead(ctx: Ctx, userId: number): Promise<void> {
  await ctx.db.updateTable('notifications').set({ read_at: ctx.now() }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
  await signalNotices(ctx.db, userId);
}
