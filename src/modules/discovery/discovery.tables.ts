import type { Generated } from 'kysely';

/** A demanding organisation asked a recommended organisation to reply; answered when it replies. */
export interface PartnerInvitationsTable {
  id: Generated<number>;
  demand_id: number;
  org_id: number;
  invited_by: number | null;
  created_at: Date;
}

export interface DiscoveryTables {
  partner_invitations: PartnerInvitationsTable;
}
