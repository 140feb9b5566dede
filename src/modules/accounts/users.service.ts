import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { audit } from '../../shared/audit.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
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

export async function listUsers(ctx: Ctx, search: string | undefined): Promise<UserRow[]> {
  requireOperator(ctx);
  let query = ctx.db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'created_at', 'deleted_at'])
    .orderBy('id', 'desc')
    .limit(100);
  if (search) {
    const like = containsPattern(search);
    query = query.where((eb) => eb.or([eb('email', 'ilike', like), eb('name', 'ilike', like)]));
  }
  return query.execute();
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
