import type { ColumnType, Generated } from 'kysely';

export type MailStatus = 'queued' | 'sent' | 'failed' | 'kept';

/** Every mail the platform writes. Without SMTP it stays here ('kept') for operators to read. */
export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body_text: string;
  status: Generated<MailStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  /** Sent as List-Unsubscribe with one-click POST (RFC 8058), for digests. */
  unsubscribe_url: string | null;
}

/** In-app notice; `kind` is a catalogue key rendered with `params` in the reader's language. */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  params: ColumnType<Record<string, string>, string, string>;
  link: string;
  created_at: Date;
  read_at: Date | null;
}

export interface NotificationsTables {
  mail_outbox: MailOutboxTable;
  notifications: NotificationsTable;
}
