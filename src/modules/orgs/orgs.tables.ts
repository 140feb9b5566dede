import type { Generated } from 'kysely';
import type { Sector } from './sectors.ts';

export type OrgStatus = 'unverified' | 'pending' | 'verified' | 'rejected';

export interface OrgsTable {
  id: Generated<number>;
  name: string;
  /** The name as compared for uniqueness (`orgNameKey`); a unique index. */
  name_key: string;
  sector: Sector;
  /** A 시·도 or 시·군·구 code from `regions`, or null for 전국 (nationwide). */
  region_code: string | null;
  description: string;
  website: string | null;
  capability_note: string;
  status: Generated<OrgStatus>;
  rejection_reason: string | null;
  verified_at: Date | null;
  /** The latest request for verification (the wait shown to others is measured from it). */
  verification_requested_at: Date | null;
  /** Hangul bigrams and Latin words of the name (see shared/korean-search.ts). */
  search_vector: string;
  /** The same for its description and capability note, for recommendations (modules/discovery). */
  profile_vector: Generated<string>;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
}

export type MemberRole = 'admin' | 'member';
export type MembershipStatus = 'active' | 'requested';

export interface OrgMembersTable {
  org_id: number;
  user_id: number;
  role: MemberRole;
  status: MembershipStatus;
  created_at: Date;
}

export interface OrgInvitationsTable {
  id: Generated<number>;
  org_id: number;
  email: string;
  token_hash: string;
  invited_by: number;
  expires_at: Date;
  accepted_at: Date | null;
  created_at: Date;
}

export interface RegionsTable {
  code: string;
  name: string;
  parent_code: string | null;
  sort: number;
}

/** Operator-managed taxonomy of capabilities and resources (역량·자원). */
export interface CapabilitiesTable {
  id: Generated<number>;
  name: string;
  name_en: string;
  sort: Generated<number>;
  archived_at: Date | null;
}

export interface OrgCapabilitiesTable {
  org_id: number;
  capability_id: number;
}

export interface OrgsTables {
  orgs: OrgsTable;
  org_members: OrgMembersTable;
  org_invitations: OrgInvitationsTable;
  regions: RegionsTable;
  capabilities: CapabilitiesTable;
  org_capabilities: OrgCapabilitiesTable;
}
