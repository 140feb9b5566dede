/** What other modules may use of `demands`. */
export { type Attachment, attachmentsOf, attachmentsOfMany, readAttachment, storeAttachment } from './attachments.ts';
export { can as canOnDemand } from './demands.policy.ts';
export { refreshDemandSearch } from './demand-search.ts';
export { type DemandSummary, publishedDemands, rebuildOrgWants, summariesOf } from './demands.queries.ts';
export {
  adjustReplyCount,
  type DemandDetail,
  demandFor,
  getDemand,
  matchesListQuery,
  savedListQuery,
  myDemands,
  newestOpenDemands,
  openDemandCount,
  recordDemandEvent,
  sweepDeadlines,
  transitionDemand,
  withdrawDemandsOfRejectedOrg,
} from './demands.service.ts';
export { type DashboardSection, type DemandPageSection, demandPages, sendFile } from './demands.pages.tsx';
export { DEMAND_STATUSES, type DemandStatus } from './demands.tables.ts';
export { addTheme, archiveTheme, listThemes, type Theme } from './themes.service.ts';
export { DemandCard, DemandStatusBadge, themeOptions } from './views/demand-parts.tsx';
export { AttachmentList, UploadField, UploadForm } from './views/demand-view.tsx';
export { demandsApi } from './demands.api.ts';
export { announcePublishedDemand } from './demands.events.ts';
