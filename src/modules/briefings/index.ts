/** What other modules may use of `briefings`. */
export { briefingPages } from './briefings.pages.tsx';
export { dropRejectedOrgFromAgendas, sendBriefingReminders } from './briefings.service.ts';
