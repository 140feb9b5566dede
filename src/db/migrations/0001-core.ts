import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE jobs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      run_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL DEFAULT 8,
      locked_until timestamptz,
      last_error text,
      singleton_key text,
      done_at timestamptz,
      failed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX jobs_due ON jobs (run_at) WHERE done_at IS NULL AND failed_at IS NULL;
    CREATE UNIQUE INDEX jobs_singleton ON jobs (singleton_key) WHERE done_at IS NULL AND failed_at IS NULL;

    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id bigint,
      action text NOT NULL,
      target_type text,
      target_id text,
      detail jsonb NOT NULL DEFAULT '{}',
      ip text
    );
    CREATE INDEX audit_log_at ON audit_log (at DESC);

    CREATE TABLE rate_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      bucket text NOT NULL,
      at timestamptz NOT NULL
    );
    CREATE INDEX rate_events_bucket_at ON rate_events (bucket, at);

    CREATE TABLE mail_outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      to_address text NOT NULL,
      subject text NOT NULL,
      body_text text NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'kept')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    );
    CREATE INDEX mail_outbox_created ON mail_outbox (created_at DESC);
  `,
  );
}
