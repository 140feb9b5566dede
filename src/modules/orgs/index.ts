/** What other modules may use of `orgs`. */
export type { OrgSummary } from './orgs.queries.ts';
export {
  createOrg,
  leaveAllOrgs,
  membershipsOf,
  myOrgs,
  newestOrgs,
  orgCounts,
  rejectOrg,
  requestVerification,
  verificationQueue,
  verifyOrg,
} from './orgs.service.ts';
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
} from './taxonomy.service.ts';
export { OrgCard, regionLabel, sectorLabel } from './views/org-parts.tsx';
