/** What other modules may use of `accounts`. */
export { pruneExpiredSessions } from './sessions.ts';
export { createVerifiedUser, listUsers, setRole, type UserRow } from './users.service.ts';
