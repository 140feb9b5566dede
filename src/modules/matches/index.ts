/** What other modules may use of `matches`. */
export { type CaseSummary, caseLabel, concludedCount, listCases } from './cases.service.ts';
export { matchesApi } from './matches.api.ts';
export { demandMatchSection, matchPages } from './matches.pages.tsx';
export { CaseCard } from './views/case-views.tsx';
export { withdrawRejectedOrg } from './replies.service.ts';
