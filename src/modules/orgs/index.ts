/** What other modules may use of `orgs`. */
export type { OrgSummary } from './orgs.queries.ts';
export type { OrgStatus } from './orgs.tables.ts';
export {
  createOrg,
  leaveAllOrgs,
  membershipsColumn,
  membershipsOf,
  myOrgs,
  type UserOrg,
  userOrgsColumn,
  newestOrgs,
  ORG_REJECTED_JOB,
  orgCount,
  rejectOrg,
  requestVerification,
  typicalVerificationWait,
  verificationQueue,
  verifyOrg,
} from './orgs.service.ts';
export { orgNameKey } from './org-name.ts';
export { regionName } from './region-names.ts';
export { orgMemberRecipients } from './orgs.queries.ts';
export { CapabilityInput as TaxonomyNameInput } from './orgs.schemas.ts';
export { isPublicSector, SECTORS, type Sector } from './sectors.ts';
export {
  addCapability,
  addDistrict,
  archiveCapability,
  type Capability,
  listCapabilities,
  listRegions,
  type Region,
  renameRegion,
  validCapabilities,
} from './taxonomy.service.ts';
export { capabilityOptions, OrgCard, OrgName, regionLabel, regionOptions, SectorBadge, sectorLabel, sectorOptions } from './views/org-parts.tsx';
