/**
 * 협업 Q&A: a solved ticket's question and answer, published by an operator after editing out what
 * identifies people, searchable with the platform's Korean search and suggested while a new SOS is
 * written (by the words it shares with the entries).
 */
import { sql } from 'kysely';
import Type from 'typebox';
import { decodeCursor, olderThan, toPage } from '../../db/pagination.ts';
import { requireOperator } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { oneOf, parseInput } from '../../shared/forms.ts';
import { anyWordQuery, contentWords, searchDocument, searchQuery } from '../../shared/korean-search.ts';
import { redactContacts } from '../../shared/redact.ts';
import { underUniqueRules } from '../../shared/unique.ts';
import { loadTicket } from './sos.service.ts';
import { SOS_CATEGORIES } from './sos.tables.ts';

const EntryInput = Type.Object({
  category: oneOf(SOS_CATEGORIES, 'sos.categoryChoose'),
  title: Type.String({ minLength: 1, maxLength: 150 }),
  question: Type.String({ minLength: 1, maxLength: 5000 }),
  answer: Type.String({ minLength: 1, maxLength: 10_000 }),
});

const vectorOf = (e: { title: string; question: string; answer: string }) => sql<string>`to_tsvector('simple', ${searchDocument(e.title, e.question, e.answer)})`;

/** What the publishing form starts from: the ticket's title, its description and the desk's solution (publishing checks it is solved). */
export async function entryDraft(ctx: Ctx, ticketId: number) {
  requireOperator(ctx);
  const { ticket } = await loadTicket(ctx, ctx.db, ticketId, 'sos.desk');
  const solution = await ctx.db.selectFrom('sos_messages').select('body').where('ticket_id', '=', ticketId).where('kind', '=', 'solution').orderBy('id', 'desc').executeTakeFirst();
  // E-mail addresses and phone numbers come masked already; names and the rest are the operator's to remove.
  return { ticket, values: { category: ticket.category, title: redactContacts(ticket.title), question: redactContacts(ticket.description), answer: redactContacts(solution?.body ?? '') } };
}

/** Publishes a solved ticket's answer as it was edited (once per ticket; the entry is edited afterwards). */
export async function publishEntry(ctx: Ctx, ticketId: number, raw: unknown): Promise<number> {
  const operator = requireOperator(ctx);
  const input = parseInput(EntryInput, raw);
  const taken = () => new ValidationError({ title: 'sos.entryTaken' });
  return underUniqueRules({ sos_entries_ticket_id_key: taken }, () =>
    ctx.db.transaction().execute(async (trx) => {
      const { ticket } = await loadTicket(ctx, trx, ticketId, 'sos.desk');
      if (ticket.status !== 'solved' && ticket.status !== 'closed') throw new ValidationError({ title: 'sos.entryUnsolved' });
      if (await trx.selectFrom('sos_entries').select('id').where('ticket_id', '=', ticketId).executeTakeFirst()) throw taken();
      const { id } = await trx
        .insertInto('sos_entries')
        .values({ ticket_id: ticketId, ...input, search_vector: vectorOf(input), published_by: operator.id, published_at: ctx.now(), updated_at: ctx.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(ctx, trx, 'sos.publish', { type: 'sos_entry', id }, { ticket: ticketId });
      return id;
    }),
  );
}

export async function updateEntry(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(EntryInput, raw);
  const updated = await ctx.db.updateTable('sos_entries').set({ ...input, search_vector: vectorOf(input), updated_at: ctx.now() }).where('id', '=', id).executeTakeFirst();
  if (!updated.numUpdatedRows) throw new NotFoundError();
}

export async function removeEntry(ctx: Ctx, id: number): Promise<void> {
  requireOperator(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('sos_entries').where('id', '=', id).executeTakeFirst();
    if (!removed.numDeletedRows) throw new NotFoundError();
    await audit(ctx, trx, 'sos.unpublish', { type: 'sos_entry', id });
  });
}

export function entry(db: Db, id: number) {
  return db.selectFrom('sos_entries').select(['id', 'category', 'title', 'question', 'answer', 'published_at', 'updated_at']).where('id', '=', id).executeTakeFirst();
}

const ENTRY_PAGE_SIZE = 20;
/** A search's best matches, on one page: ranked, they have no keyset to page by; more words narrow them. */
export const ENTRY_BEST_SHOWN = 50;

/**
 * The entries, newest first `ENTRY_PAGE_SIZE` a page, or those matching `q` with the platform's Korean
 * search: the best `ENTRY_BEST_SHOWN`, and `more` when others match too.
 */
export async function searchEntries(db: Db, q: string | undefined, after?: string) {
  const query = q ? searchQuery(q) : null;
  if (q && query) {
    const rows = await db
      .selectFrom('sos_entries')
      .select(['id', 'category', 'title', 'answer', 'published_at'])
      .where(sql<boolean>`search_vector @@ to_tsquery('simple', ${query})`)
      .orderBy(sql`ts_rank(search_vector, to_tsquery('simple', ${query}))`, 'desc')
      .orderBy('id', 'desc')
      .limit(ENTRY_BEST_SHOWN + 1)
      .execute();
    return { items: rows.slice(0, ENTRY_BEST_SHOWN), nextCursor: null, more: rows.length > ENTRY_BEST_SHOWN };
  }
  const cursor = decodeCursor(after, ['timestamp', 'id']);
  const rows = await db
    .selectFrom('sos_entries')
    .select(['id', 'category', 'title', 'answer', 'published_at'])
    .$if(cursor !== null, (qb) => qb.where(olderThan('published_at', 'id', cursor!)))
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(ENTRY_PAGE_SIZE + 1)
    .execute();
  return { ...toPage(rows, ENTRY_PAGE_SIZE, (r) => [r.published_at.toISOString(), r.id]), more: false };
}

/** Entries sharing words with what is being written (title and description), best first, at most `limit`. */
export async function similarEntries(db: Db, text: string, limit = 5) {
  const query = anyWordQuery(contentWords(text, 12));
  if (!query) return [];
  return db
    .selectFrom('sos_entries')
    .select(['id', 'title', 'category'])
    .where(sql<boolean>`search_vector @@ to_tsquery('simple', ${query})`)
    .orderBy(sql`ts_rank(search_vector, to_tsquery('simple', ${query}))`, 'desc')
    .limit(limit)
    .execute();
}
