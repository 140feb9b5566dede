/** What other modules may use of `accounts`. */
export { pruneExpiredSessions } from './sessions.ts';
export { hashPassword } from './passwords.ts';
export { createAccountsWithoutPassword, createVerifiedUser, listUsers, operatorRecipients, setRole, type UserFilter, type UserRow, USERS_COUNT_LIMIT } from './users.service.ts';
export { GLOBAL_ROLES } from './accounts.tables.ts';
