/** What other modules may use of `orgs`. */
export type { OrgSummary } from './orgs.queries.ts';
export {
  createOrg,
  leaveAllOrgs,
  membershipsOf,
  myOrgs,
  newestOrgs,
  orgCount,
  rejectOrg,
  requestVerification,
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
export { capabilityOptions, OrgCard, regionLabel, regionOptions, SectorBadge, sectorLabel, sectorOptions } from './views/org-parts.tsx';
