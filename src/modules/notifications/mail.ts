import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Job } from '../../jobs/queue.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { JobHandler } from '../../jobs/worker.ts';
import type { Db } from '../../shared/context.ts';
import { cleanText, headerText } from '../../shared/text.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Where one click unsubscribes, without signing in. */
  unsubscribeUrl?: string;
}

/**
 * Writes the mail to the outbox and queues its sending, in the caller's transaction: a mail exists
 * exactly when the change that caused it commits, and survives a crash before it is sent.
 */
export async function queueMail(db: Db, now: Date, mail: OutgoingMail): Promise<void> {
  // Subjects carry what people wrote (a demand's title): every header is one line, the body plain text.
  const { id } = await db
    .insertInto('mail_outbox')
    .values({
      to_address: headerText(mail.to),
      subject: headerText(mail.subject),
      body_text: cleanText(mail.text),
      unsubscribe_url: mail.unsubscribeUrl ? headerText(mail.unsubscribeUrl) : null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueue(db, now, 'mail.send', { outboxId: id });
}

/**
 * The demo's made-up people (`npm start`'s demo data) live here. Mail to them is kept in the outbox,
 * never sent, even when an SMTP server is configured: it could only bounce and harm the sender.
 */
export const DEMO_MAIL_DOMAIN = 'demo.ieumteo.kr';

function isDemoAddress(address: string): boolean {
  return address.toLowerCase().endsWith(`@${DEMO_MAIL_DOMAIN}`);
}
/** `isDemoAddress` of an outbox row, in SQL. */
const toDemoPeople = sql<boolean>`lower(to_address) LIKE ${`%@${DEMO_MAIL_DOMAIN}`}`;

/**
 * Marks all queued mail to the demo's people kept and finishes its sending jobs, in one statement:
 * the demo's seed writes ~500 notices that the worker would otherwise go through one by one.
 * Returns how many mails it kept.
 */
export async function keepDemoMail(db: Db, now: Date): Promise<number> {
  const { rows } = await sql<{ kept: number }>`
    WITH kept AS (
      UPDATE mail_outbox SET status = 'kept'
      WHERE status = 'queued' AND ${toDemoPeople}
      RETURNING id
    ), finished AS (
      UPDATE jobs SET done_at = ${now} FROM kept
      WHERE jobs.kind = 'mail.send' AND jobs.done_at IS NULL AND (jobs.payload->>'outboxId')::bigint = kept.id
    )
    SELECT count(*)::int AS kept FROM kept`.execute(db);
  return rows[0]?.kept ?? 0;
}

/**
 * Points the links in the demo's kept mail at `to` instead of `from`: a demo made ahead by `npm ci`
 * for `http://localhost:3000`, copied by a start on another port or behind another name.
 */
export async function rebaseDemoMail(db: Db, from: string, to: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ body_text: sql`replace(body_text, ${from}, ${to})`, unsubscribe_url: sql`replace(unsubscribe_url, ${from}, ${to})` })
    .where(toDemoPeople)
    .execute();
}

/**
 * How long a silent SMTP server may keep a mail's job: nodemailer waits 30 s for a greeting and
 * 10 min on an idle socket by default, longer than a shutdown's 15 s; a job that times out is
 * retried with backoff like any other failure.
 */
export const SMTP_TIMEOUT_MS = 5_000;

export function createMailTransport(smtpUrl: string | undefined): Transporter | null {
  return smtpUrl
    ? nodemailer.createTransport({ url: smtpUrl, connectionTimeout: SMTP_TIMEOUT_MS, greetingTimeout: SMTP_TIMEOUT_MS, socketTimeout: 2 * SMTP_TIMEOUT_MS })
    : null;
}

/**
 * Sends queued mail over SMTP; without a transport, or to the demo's made-up people, the mail is
 * kept in the outbox for operators.
 */
export function mailSendHandler(db: Db, transport: Transporter | null, from: string, now: () => Date): JobHandler {
  const outboxId = (job: Job) => Number(job.payload.outboxId);
  return {
    async run(job) {
      const mail = await db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('id', '=', outboxId(job))
        .executeTakeFirst();
      if (!mail || mail.status === 'sent') return;
      if (!transport || isDemoAddress(mail.to_address)) {
        await db.updateTable('mail_outbox').set({ status: 'kept' }).where('id', '=', mail.id).execute();
        return;
      }
      try {
        const headers = mail.unsubscribe_url
          ? { 'List-Unsubscribe': `<${mail.unsubscribe_url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
          : undefined;
        await transport.sendMail({ from, to: mail.to_address, subject: mail.subject, text: mail.body_text, headers });
      } catch (error) {
        await db
          .updateTable('mail_outbox')
          .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: String(error).slice(0, 1000) }))
          .where('id', '=', mail.id)
          .execute();
        throw error;
      }
      await db
        .updateTable('mail_outbox')
        .set((eb) => ({ status: 'sent', sent_at: now(), attempts: eb('attempts', '+', 1), last_error: null }))
        .where('id', '=', mail.id)
        .execute();
    },
    async onExhausted(job) {
      await db.updateTable('mail_outbox').set({ status: 'failed' }).where('id', '=', outboxId(job)).execute();
    },
  };
}
