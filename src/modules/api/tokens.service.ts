/** API tokens: made, listed and revoked by their owners; a request's bearer token becomes its actor. */
import { requireUser } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import type { Ctx, Db, SignedInUser } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import { hashToken, newToken } from '../../shared/tokens.ts';
import { membershipsOf } from '../orgs/index.ts';
import { TokenInput } from './tokens.schemas.ts';

/** Every token's secret starts so: a secret scanner (and a person) recognises one in a leaked file. */
export const TOKEN_PREFIX = 'ieumteo_';
const DAY_MS = 24 * 3_600_000;
/** Last-used times are written at most this often per token, not on every request. */
const LAST_USED_EVERY_MS = 60_000;

/** Organisations whose tokens the actor may make and revoke: those they administer, once verified. */
function administered(actor: SignedInUser): number[] {
  return actor.memberships.filter((m) => m.role === 'admin' && m.orgStatus === 'verified').map((m) => m.orgId);
}

/**
 * Makes a token and returns its secret, shown this once: `{ id, secret }`. A person's own token
 * needs a verified e-mail address; an organisation's, its admin. Errors: 422 with field messages.
 */
export async function createToken(ctx: Ctx, raw: unknown): Promise<{ id: number; secret: string }> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(TokenInput, raw);
  const orgId = input.owner ? Number(input.owner) : null;
  if (orgId !== null && !administered(actor).includes(orgId)) throw new ValidationError({ owner: 'field.choiceInvalid' });
  return ctx.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('email_verified_at').where('id', '=', actor.id).executeTakeFirstOrThrow();
    if (!user.email_verified_at) throw new ValidationError({ name: 'api.emailUnverified' });
    const secret = `${TOKEN_PREFIX}${newToken()}`;
    const now = ctx.now();
    const { id } = await trx
      .insertInto('api_tokens')
      .values({
        user_id: actor.id,
        org_id: orgId,
        name: input.name,
        scopes: [...new Set(input.scopes)],
        secret_hash: hashToken(secret),
        hint: secret.slice(-4),
        expires_at: new Date(now.getTime() + Number(input.days) * DAY_MS),
        last_used_at: null,
        revoked_at: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, 'api.token.create', { type: 'api_token', id }, { org: orgId, scopes: input.scopes, days: Number(input.days) });
    return { id, secret };
  });
}

/** The actor's own tokens and those of the organisations they administer, newest first, revoked ones too. */
export async function tokensOf(ctx: Ctx) {
  const actor = requireUser(ctx.actor);
  const orgs = administered(actor);
  return ctx.db
    .selectFrom('api_tokens')
    .leftJoin('orgs', 'orgs.id', 'api_tokens.org_id')
    .leftJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.name', 'api_tokens.org_id', 'orgs.name as org_name', 'users.name as made_by', 'api_tokens.scopes', 'api_tokens.hint', 'api_tokens.expires_at', 'api_tokens.last_used_at', 'api_tokens.revoked_at', 'api_tokens.created_at'])
    .where((eb) => eb.or([eb.and([eb('api_tokens.user_id', '=', actor.id), eb('api_tokens.org_id', 'is', null)]), ...(orgs.length ? [eb('api_tokens.org_id', 'in', orgs)] : [])]))
    .orderBy('api_tokens.id', 'desc')
    .limit(200)
    .execute();
}

export type TokenRow = Awaited<ReturnType<typeof tokensOf>>[number];

/** The organisations the actor may make tokens for, by name. */
export async function tokenOrgs(ctx: Ctx): Promise<{ id: number; name: string }[]> {
  const orgs = administered(requireUser(ctx.actor));
  return orgs.length ? ctx.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', orgs).orderBy('name').execute() : [];
}

/** Who the calling token is: its owner, scopes, organisations and end (`GET /api/v1/me`). */
export function whoAmI(ctx: Ctx) {
  const actor = requireUser(ctx.actor);
  const { token } = actor;
  if (!token) throw new NotFoundError();
  return { id: actor.id, name: actor.name, token: { id: token.id, scopes: token.scopes }, orgs: actor.memberships.map((m) => ({ id: m.orgId, role: m.role })), expires: token.expiresAt?.toISOString() ?? null };
}

/** Revokes a token the actor owns (or whose organisation they administer): it stops at once. 404 otherwise. */
export async function revokeToken(ctx: Ctx, id: number): Promise<void> {
  const actor = requireUser(ctx.actor);
  await ctx.db.transaction().execute(async (trx) => {
    const token = await trx.selectFrom('api_tokens').select(['user_id', 'org_id', 'revoked_at']).where('id', '=', id).executeTakeFirst();
    const mine = token && (token.org_id === null ? token.user_id === actor.id : administered(actor).includes(token.org_id));
    if (!mine) throw new NotFoundError();
    if (token.revoked_at) return;
    await trx.updateTable('api_tokens').set({ revoked_at: ctx.now() }).where('id', '=', id).execute();
    await audit(ctx, trx, 'api.token.revoke', { type: 'api_token', id });
  });
}

/**
 * The actor a bearer secret stands for, or null when it is unknown, revoked or expired (RFC 6750
 * `invalid_token`). The actor has the owner's memberships — an organisation's token only that
 * organisation's — and never operator powers: those need a person at the site with two-step sign-in.
 */
export async function actorOfToken(db: Db, secret: string, now: Date): Promise<SignedInUser | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 100) return null;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.org_id', 'api_tokens.scopes', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at', 'users.id as user_id', 'users.name', 'users.email', 'users.role'])
    .where('api_tokens.secret_hash', '=', hashToken(secret))
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row?.email || row.revoked_at || (row.expires_at && row.expires_at <= now)) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= LAST_USED_EVERY_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  const memberships = (await membershipsOf(db, row.user_id)).filter((m) => row.org_id === null || m.orgId === row.org_id);
  return {
    kind: 'user',
    id: row.user_id,
    name: row.name,
    email: row.email,
    role: row.role === 'operator' ? 'citizen' : row.role,
    memberships,
    sessionId: `token:${row.id}`,
    totpEnabled: false,
    token: { id: row.id, scopes: row.scopes, expiresAt: row.expires_at },
  };
}
