import { sql } from 'kysely';
import type { Db } from '../../shared/context.ts';
import { addDays, inQuietHours, kstDate, kstMidnight, type QuietHours } from '../../shared/dates.ts';
import { type Locale, type Translate, translator } from '../../shared/i18n/index.ts';
import { queueMail } from '../notifications/index.ts';
import { subscriptionLabeller, unsubscribeToken } from './subscriptions.service.ts';
import type { DigestPeriod } from './subscriptions.tables.ts';

export interface DigestOptions {
  baseUrl: string;
  /** Signs the unsubscribe links. */
  secret: string;
  quietHours: QuietHours | null;
}

/** Demands listed in one digest; the rest are counted and linked. */
const LISTED = 50;
/** People served per run; the next run carries on. */
const PEOPLE_PER_RUN = 200;


/**
 * The period whose digest is due at `now`: its key (unique per person, so a period is mailed once)
 * and the instant it ended (matches before it belong to it). A day ends at KST midnight, a week at
 * Monday's; "immediately" takes everything pending, keyed by the first match it lists.
 */
export function duePeriod(period: Exclude<DigestPeriod, 'off'>, now: Date, firstPendingId: number): { key: string; until: Date; day: string } {
  const today = kstDate(now);
  if (period === 'immediately') return { key: `i:${firstPendingId}`, until: now, day: today };
  if (period === 'daily') return { key: `d:${addDays(today, -1)}`, until: kstMidnight(today), day: addDays(today, -1) };
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const monday = addDays(today, -weekday);
  return { key: `w:${addDays(monday, -7)}`, until: kstMidnight(monday), day: addDays(monday, -7) };
}

interface Person {
  user_id: number;
  name: string;
  email: string;
  locale: string;
  period: Exclude<DigestPeriod, 'off'>;
  first_pending: number;
}

interface Listed {
  id: number;
  subscription_id: number | null;
  kind: 'theme' | 'region' | 'sector' | 'capability' | 'search' | null;
  value: string | null;
  demand_id: number;
  title: string;
  org_name: string;
  deadline: string;
  visible: boolean;
}

/**
 * Mails every digest that is due: one per person and period, grouped by subscription, with a
 * one-click unsubscribe link. Each person's digest is one transaction — the `digests` row, the
 * matches marked and the mail queued commit together — so a crash or restart can neither lose a
 * digest nor send it twice. Nothing goes out in quiet hours; it waits for the next run after them.
 */
export async function sendDueDigests(db: Db, now: Date, options: DigestOptions): Promise<number> {
  if (inQuietHours(now, options.quietHours)) return 0;
  const people = await sql<Person>`
    SELECT m.user_id, u.name, u.email, u.locale, coalesce(s.period, 'weekly') AS period, min(m.id) AS first_pending
    FROM subscription_matches m
    JOIN users u ON u.id = m.user_id
    LEFT JOIN digest_settings s ON s.user_id = m.user_id
    WHERE m.digest_key IS NULL AND u.email IS NOT NULL AND u.deleted_at IS NULL AND coalesce(s.period, 'weekly') <> 'off'
    GROUP BY m.user_id, u.name, u.email, u.locale, s.period
    ORDER BY m.user_id
    LIMIT ${PEOPLE_PER_RUN}`.execute(db);
  const labellers = new Map<Locale, Promise<(s: { kind: Listed['kind'] & string; value: string }) => string>>();
  let sent = 0;
  for (const person of people.rows) {
    const due = duePeriod(person.period, now, Number(person.first_pending));
    const locale: Locale = person.locale === 'en' ? 'en' : 'ko';
    const t = translator(locale);
    if (!labellers.has(locale)) labellers.set(locale, subscriptionLabeller(db, t, locale));
    const label = await labellers.get(locale)!;
    await db.transaction().execute(async (trx) => {
      const pending = await sql<Listed>`
        SELECT m.id, m.subscription_id, s.kind, s.value, d.id AS demand_id, d.title, o.name AS org_name, d.deadline,
          (d.published_at IS NOT NULL AND d.hidden_at IS NULL AND d.status IN ('open', 'negotiating')) AS visible
        FROM subscription_matches m
        JOIN demands d ON d.id = m.demand_id
        JOIN orgs o ON o.id = d.org_id
        LEFT JOIN subscriptions s ON s.id = m.subscription_id
        WHERE m.user_id = ${person.user_id} AND m.digest_key IS NULL AND m.created_at < ${due.until}
        ORDER BY m.subscription_id NULLS LAST, m.id
        FOR UPDATE OF m`.execute(trx);
      if (!pending.rows.length) return;
      const shown = pending.rows.filter((p) => p.visible);
      const first = await trx
        .insertInto('digests')
        .values({ user_id: person.user_id, period_key: due.key, demands: shown.length, sent_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'period_key']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      await trx
        .updateTable('subscription_matches')
        .set({ digest_key: due.key })
        .where('id', 'in', pending.rows.map((p) => p.id))
        .execute();
      // Already mailed for this period, or everything it matched has since closed: nothing to send.
      if (!first || !shown.length) return;
      const unsubscribeUrl = `${options.baseUrl}/unsubscribe/${unsubscribeToken(options.secret, person.user_id)}`;
      await queueMail(trx, now, {
        to: person.email,
        subject: t('digest.subject', { count: shown.length, period: periodLabel(t, person.period, due.day) }),
        text: digestText(t, person.name, shown, label, options.baseUrl, unsubscribeUrl),
        unsubscribeUrl,
      });
      sent += 1;
    });
  }
  return sent;
}

function periodLabel(t: Translate, period: Person['period'], day: string): string {
  return t(`digest.period.${period}`, { date: day });
}

function digestText(t: Translate, name: string, shown: Listed[], label: (s: { kind: Listed['kind'] & string; value: string }) => string, baseUrl: string, unsubscribeUrl: string): string {
  const lines = [t('digest.intro', { name, count: shown.length }), ''];
  let group: number | null | undefined;
  for (const item of shown.slice(0, LISTED)) {
    if (item.subscription_id !== group) {
      group = item.subscription_id;
      lines.push('', `■ ${item.kind && item.value !== null ? label({ kind: item.kind, value: item.value }) : t('digest.otherGroup')}`);
    }
    lines.push(t('digest.item', { title: item.title, org: item.org_name, deadline: item.deadline, link: `${baseUrl}/demands/${item.demand_id}` }));
  }
  if (shown.length > LISTED) lines.push('', t('digest.more', { count: shown.length - LISTED, link: `${baseUrl}/demands` }));
  lines.push('', '--', t('digest.footer', { settings: `${baseUrl}/subscriptions`, unsubscribe: unsubscribeUrl }));
  return lines.join('\n');
}
