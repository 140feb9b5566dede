/** What other modules may use of `accounts`. */
export { requireOperator, requireUser } from './accounts.policy.ts';
export { pruneExpiredSessions } from './sessions.ts';
export { createVerifiedUser, listUsers, setRole, type UserRow } from './users.service.ts';
