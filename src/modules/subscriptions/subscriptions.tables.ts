import type { Generated } from 'kysely';

export type SubscriptionKind = 'theme' | 'region' | 'sector' | 'capability' | 'search';
export type DigestPeriod = 'immediately' | 'daily' | 'weekly' | 'off';

/** What a person follows: a theme, region (시·도 code), sector, capability id, or a saved search's query string. */
export interface SubscriptionsTable {
  id: Generated<number>;
  user_id: number;
  kind: SubscriptionKind;
  value: string;
  created_at: Date;
}

/** How often matching demands are mailed; no row means weekly. */
export interface DigestSettingsTable {
  user_id: number;
  period: DigestPeriod;
  updated_at: Date;
}

/** A new demand one of a person's subscriptions matched; `digest_key` once a digest has listed it. */
export interface SubscriptionMatchesTable {
  id: Generated<number>;
  user_id: number;
  demand_id: number;
  subscription_id: number | null;
  created_at: Date;
  digest_key: string | null;
}

/** One digest per person and period; the primary key is what makes sending exactly once. */
export interface DigestsTable {
  user_id: number;
  period_key: string;
  demands: number;
  sent_at: Date;
}

export interface SubscriptionsTables {
  subscriptions: SubscriptionsTable;
  digest_settings: DigestSettingsTable;
  subscription_matches: SubscriptionMatchesTable;
  digests: DigestsTable;
}
