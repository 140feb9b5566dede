/** What other modules may use of `sos`. */
export { sendSlaNotices } from './desk.service.ts';
export { type SosFigures, sosFigures } from './figures.service.ts';
export { ticketsOfTask } from './sos.service.ts';
export { sosPages } from './sos.pages.tsx';
export { DueTimes, SosFiguresStrip, StatusBadge } from './views/sos-parts.tsx';
export { sosApi } from './sos.api.ts';
