import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Webhooks: an organisation's subscriptions of an address to events (with an optional saved demand
 * filter), and the log of every delivery — its body as signed, attempts, the last answer — from which
 * a delivery can be sent again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE webhooks (
       id bigserial PRIMARY KEY,
       org_id bigint NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
       url text NOT NULL,
       events text[] NOT NULL,
       demand_filter text NOT NULL DEFAULT '',
       secret text NOT NULL,
       created_by bigint REFERENCES users (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL,
       deleted_at timestamptz
     );
     CREATE INDEX webhooks_org ON webhooks (org_id, id DESC) WHERE deleted_at IS NULL;
     CREATE INDEX webhooks_events ON webhooks USING gin (events) WHERE deleted_at IS NULL;
     CREATE TABLE webhook_deliveries (
       id bigserial PRIMARY KEY,
       webhook_id bigint NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
       event_id text NOT NULL,
       event text NOT NULL,
       body text NOT NULL,
       status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
       attempts integer NOT NULL DEFAULT 0,
       last_status_code integer,
       last_error text,
       replay_of bigint REFERENCES webhook_deliveries (id) ON DELETE SET NULL,
       delivered_at timestamptz,
       created_at timestamptz NOT NULL
     );
     CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (webhook_id, event_id) WHERE replay_of IS NULL;
     CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, id DESC);`,
  );
}
