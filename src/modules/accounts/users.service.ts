import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { audit } from '../../shared/audit.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import { countRows } from '../../db/count.ts';
import { newestById, type Page } from '../../db/pagination.ts';
import { requireOperator } from '../../shared/actors.ts';
import { containsPattern } from '../../shared/text.ts';
import { SetRoleInput } from './accounts.schemas.ts';
import type { GlobalRole } from './accounts.tables.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { destroyUserSessions } from './sessions.ts';

/** Every operator, as recipients of a notice: who hears of what waits for the ministry when no one else is named. */
export function operatorRecipients(db: Db) {
  return db.selectFrom('users').select(['id', 'email', 'locale']).where('role', '=', 'operator').where('deleted_at', 'is', null).execute();
}

export interface NewUser {
  email: string;
  name: string;
  password?: string | undefined;
  /** The argon2 hash of `password` when the caller has it already (the demo's accounts share one). */
  passwordHash?: string;
  role?: GlobalRole;
}

/**
 * Creates a ready-to-use account (email already confirmed) for the command line and the demo seed.
 * Returns the password, generated when none is given.
 */
export async function createVerifiedUser(db: Kysely<DB>, user: NewUser, now: Date): Promise<{ id: number; password: string }> {
  const password = user.password ?? randomBytes(12).toString('base64url');
  const problem = passwordProblem(password);
  if (problem) throw new ValidationError({ password: problem });
  const row = await db
    .insertInto('users')
    .values({
      email: user.email.toLowerCase(),
      name: user.name,
      password_hash: user.passwordHash ?? (await hashPassword(password)),
      role: user.role ?? 'citizen',
      email_verified_at: now,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, password };
}

/**
 * Confirmed accounts without a password, in one statement (the demo's supporters, whom nobody signs
 * in as): hashing a password costs ~15 ms each, and they would only sign in after setting one through
 * the reset link. Returns their ids in the order given.
 */
export async function createAccountsWithoutPassword(db: Kysely<DB>, users: { email: string; name: string }[], now: Date): Promise<number[]> {
  if (users.length === 0) return [];
  const rows = await db
    .insertInto('users')
    .values(users.map((user) => ({ email: user.email.toLowerCase(), name: user.name, password_hash: null, email_verified_at: now, created_at: now })))
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export interface UserRow {
  id: number;
  email: string | null;
  name: string;
  role: GlobalRole;
  created_at: Date;
  deleted_at: Date | null;
}

export const USERS_PAGE = 50;
/** Counting stops here ("1,000명 넘게"), as the site's lists stop at 1,000: a broad search over national numbers of people stays cheap. */
export const USERS_COUNT_LIMIT = 1_000;
/** A whole e-mail address, looked up through the unique index rather than searched for as a part. */
const WHOLE_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The people an operator looks for: by a part of their name or e-mail, by role, page by page. */
export interface UserFilter {
  q?: string;
  role?: GlobalRole;
  /** The cursor of the page to show (`Page.nextCursor`). */
  after?: string;
}

/**
 * People newest first, `USERS_PAGE` at a time after `after` (a keyset cursor of `id`), those whose
 * name or e-mail holds `q` (a whole e-mail address: that person, through the index) and who hold
 * `role` when given; `total` is how many match, exact up to
 * `USERS_COUNT_LIMIT` (one more means "more") and counted only when one page does not hold them.
 * Operators only (anyone else: NotFoundError).
 */
export async function listUsers(ctx: Ctx, filter: UserFilter): Promise<{ page: Page<UserRow>; total: number }> {
  requireOperator(ctx);
  let matching = ctx.db.selectFrom('users');
  if (filter.q && WHOLE_ADDRESS.test(filter.q)) {
    matching = matching.where('email', 'is not', null).where((eb) => eb(eb.fn('lower', ['email']), '=', eb.fn('lower', [eb.val(filter.q!)])));
  } else if (filter.q) {
    const like = containsPattern(filter.q);
    matching = matching.where((eb) => eb.or([eb('email', 'ilike', like), eb('name', 'ilike', like)]));
  }
  if (filter.role) matching = matching.where('role', '=', filter.role);
  const page = await newestById(filter.after, USERS_PAGE, (below, limit) =>
    matching
      .select(['id', 'email', 'name', 'role', 'created_at', 'deleted_at'])
      .$if(below !== null, (q) => q.where('id', '<', below!))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
  );
  // A first page that holds them all is counted by its rows; any other asks the database.
  const onePage = !filter.after && !page.nextCursor;
  const total = onePage ? page.items.length : await countRows(ctx.db.selectFrom(matching.select('id').limit(USERS_COUNT_LIMIT + 1).as('m')));
  return { page, total };
}

/** Operators grant or withdraw the global roles; the change signs the user out everywhere. */
export async function setRole(ctx: Ctx, userId: number, raw: unknown): Promise<void> {
  const operator = requireOperator(ctx);
  const { role } = parseInput(SetRoleInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').select('role').where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!before) throw new NotFoundError();
    if (userId === operator.id && role !== 'operator') throw new ValidationError({ role: 'error.forbidden' });
    await trx.updateTable('users').set({ role }).where('id', '=', userId).execute();
    await destroyUserSessions(trx, userId);
    await audit(ctx, trx, 'role.change', { type: 'user', id: userId }, { from: before.role, to: role });
  });
}
