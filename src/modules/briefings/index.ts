/** What other modules may use of `briefings`. */
export { briefingsApi } from './briefings.api.ts';
export { briefingPages } from './briefings.pages.tsx';
export { dropRejectedOrgFromAgendas, sendBriefingReminders } from './briefings.service.ts';
