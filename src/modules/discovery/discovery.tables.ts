import type { Generated, JSONColumnType } from 'kysely';

/** A demanding organisation asked a recommended organisation to reply; answered when it replies. */
export interface PartnerInvitationsTable {
  id: Generated<number>;
  demand_id: number;
  org_id: number;
  invited_by: number | null;
  created_at: Date;
}

/** A stored list of similar demands (per demand) or suggested demands (per organisation). */
export interface DiscoveryListsTable {
  kind: 'similar' | 'suggestions';
  subject_id: number;
  payload: JSONColumnType<unknown[]>;
  computed_at: Date;
}

export interface DiscoveryTables {
  partner_invitations: PartnerInvitationsTable;
  discovery_lists: DiscoveryListsTable;
}
