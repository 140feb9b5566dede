import type { Generated } from 'kysely';

/** An organisation's address told of the events it chose (`WEBHOOK_EVENTS`). */
export interface WebhooksTable {
  id: Generated<number>;
  org_id: number;
  url: string;
  events: string[];
  /** For `demand.published`: a saved demand list query (`q=관광&region=11`); empty: every demand. */
  demand_filter: Generated<string>;
  /** The HMAC key of the signatures; kept, since every delivery is signed with it. */
  secret: string;
  created_by: number | null;
  created_at: Date;
  deleted_at: Date | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event sent (or being sent) to one webhook: the body exactly as signed, and how sending went. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  /** The event's id, the same in a replay: receivers drop what they have seen. */
  event_id: string;
  event: string;
  body: string;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  /** The delivery this one sends again, from the log. */
  replay_of: number | null;
  delivered_at: Date | null;
  created_at: Date;
}

export interface WebhooksTables {
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
