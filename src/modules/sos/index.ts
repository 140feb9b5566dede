/** What other modules may use of `sos`. */
export { sendSlaNotices } from './desk.service.ts';
export { ticketsOfTask } from './sos.service.ts';
export { sosPages } from './sos.pages.tsx';
export { DueTimes, StatusBadge } from './views/sos-parts.tsx';
