/** What other modules may use of `sos`. */
export { sendSlaNotices } from './desk.service.ts';
export { sosPages } from './sos.pages.tsx';
