/** What other modules may use of `orgs`. */
export type { OrgSummary } from './orgs.queries.ts';
export { leaveAllOrgs, membershipsOf, newestOrgs, orgCounts, rejectOrg, verificationQueue, verifyOrg } from './orgs.service.ts';
export { isPublicSector, SECTORS, type Sector } from './sectors.ts';
export { addCapability, archiveCapability, type Capability, listCapabilities } from './taxonomy.service.ts';
export { OrgCard, regionLabel, sectorLabel } from './views/org-parts.tsx';
