import { queryTemplate } from '../../db/query-template.ts';
import { sql } from 'kysely';
import type { Ctx, Db } from '../../shared/context.ts';
import { audit } from '../../shared/audit.ts';
import { NotFoundError, RateLimitedError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import { type MessageKey, translator } from '../../shared/i18n/index.ts';
import { giveBack, type RateRule, take, takeOrRefuse } from '../../shared/rate-limit.ts';
import { underUniqueRules } from '../../shared/unique.ts';
import { hashToken, newToken } from '../../shared/tokens.ts';
import { queueMail } from '../notifications/index.ts';
import { leaveAllOrgs, type UserOrg, userOrgsColumn } from '../orgs/index.ts';
import type { TokenPurpose } from './accounts.tables.ts';
import {
  ChangePasswordInput,
  DeleteAccountInput,
  EmailInput,
  LogInInput,
  ResetPasswordInput,
  SignUpInput,
  TotpCodeInput,
} from './accounts.schemas.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { requireUser } from '../../shared/actors.ts';
import { createSession, destroySession, destroyUserSessions } from './sessions.ts';
import { newTotpSecret, totpUri, verifyTotp } from './totp.ts';

const HOUR = 3600;
const TOKEN_LIFETIME: Record<TokenPurpose, number> = { 'verify-email': 24 * HOUR, 'reset-password': HOUR };

// Wrong passwords are counted per account *and address*, so that guessing from one address is stopped
// while the owner, elsewhere, still signs in (a count per account alone let anyone lock anyone out);
// and per address over all accounts, so that one address cannot try many accounts.
const loginFailuresByEmailAndIp = (email: string, ip: string): RateRule => ({ bucket: `login:${email}:${ip}`, limit: 5, windowSeconds: 15 * 60 });
const loginFailuresByIp = (ip: string): RateRule => ({ bucket: `login-ip:${ip}`, limit: 30, windowSeconds: 15 * 60 });
const signUpsByIp = (ip: string): RateRule => ({ bucket: `signup:${ip}`, limit: 20, windowSeconds: HOUR });
// Every action that mails an address someone typed is limited per address mailed and per client.
const mailsByEmail = (email: string): RateRule => ({ bucket: `mail:${email}`, limit: 5, windowSeconds: HOUR });
const mailsByIp = (ip: string): RateRule => ({ bucket: `mail-ip:${ip}`, limit: 10, windowSeconds: HOUR });

const normaliseEmail = (email: string) => email.trim().toLowerCase();

function checkNewPassword(password: string, confirm: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new ValidationError({ password: problem });
  if (password !== confirm) throw new ValidationError({ passwordConfirm: 'account.passwordMismatch' });
}

async function issueToken(db: Db, ctx: Ctx, userId: number, purpose: TokenPurpose): Promise<string> {
  const token = newToken();
  await db
    .insertInto('email_tokens')
    .values({
      token_hash: hashToken(token),
      purpose,
      user_id: userId,
      expires_at: new Date(ctx.now().getTime() + TOKEN_LIFETIME[purpose] * 1000),
      created_at: ctx.now(),
    })
    .execute();
  return token;
}

/** Marks the token used and returns its user, or fails as one for every kind of bad link. */
async function consumeToken(db: Db, ctx: Ctx, token: string, purpose: TokenPurpose): Promise<number> {
  const row = await db
    .updateTable('email_tokens')
    .set({ used_at: ctx.now() })
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', ctx.now())
    .returning('user_id')
    .executeTakeFirst();
  if (!row) throw new ValidationError({ token: 'account.tokenInvalid' });
  return row.user_id;
}

async function mailUser(
  db: Db,
  now: Date,
  user: { email: string; name: string; locale: string },
  subject: MessageKey,
  body: MessageKey,
  params: Record<string, string>,
) {
  const t = translator(user.locale === 'en' ? 'en' : 'ko');
  await queueMail(db, now, { to: user.email, subject: t(subject, params), text: t(body, { name: user.name, ...params }) });
}

export async function signUp(ctx: Ctx, raw: unknown, locale = 'ko'): Promise<{ email: string }> {
  const input = parseInput(SignUpInput, raw);
  checkNewPassword(input.password, input.passwordConfirm);
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  // A twin request that passed the check at the same moment meets the unique index instead.
  return underUniqueRules({ users_email: () => new ValidationError({ email: 'account.emailTaken' }) }, () =>
    ctx.db.transaction().execute(async (trx) => {
      if (ctx.ip) await takeOrRefuse(trx, signUpsByIp(ctx.ip), ctx.now());
      const taken = await trx.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', email)).executeTakeFirst();
      if (taken) throw new ValidationError({ email: 'account.emailTaken' });
      const user = await trx
        .insertInto('users')
        .values({ email, name: input.name, password_hash: passwordHash, locale, created_at: ctx.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      const token = await issueToken(trx, ctx, user.id, 'verify-email');
      await mailUser(trx, ctx.now(), { email, name: input.name, locale }, 'mail.verifySubject', 'mail.verifyBody', {
        link: `${ctx.baseUrl}/verify-email?token=${token}`,
      });
      return { email };
    }),
  );
}

export async function verifyEmail(ctx: Ctx, token: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, ctx, token, 'verify-email');
    await trx.updateTable('users').set({ email_verified_at: ctx.now() }).where('id', '=', userId).where('email_verified_at', 'is', null).execute();
  });
}

export type LogInResult = { sessionToken: string; secondFactor: boolean };

/**
 * The same answer for an unknown email and a wrong password. Each attempt takes its place in the
 * failure counts before the password is checked (so parallel guesses cannot all pass the count), and
 * gives it back when the password is right. A session the browser already held (`previousToken`,
 * whoever's it was) ends with the sign-in, so signing in over someone's session never leaves theirs
 * open on the server.
 */
export async function logIn(ctx: Ctx, raw: unknown, previousToken?: string): Promise<LogInResult> {
  const input = parseInput(LogInInput, raw);
  const email = normaliseEmail(input.email);
  const ip = ctx.ip ?? 'unknown';
  const attempt = await take(ctx.db, [loginFailuresByEmailAndIp(email, ip), loginFailuresByIp(ip)], ctx.now());
  if (!attempt) throw new RateLimitedError('account.loginRateLimited', 15 * 60);
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'password_hash', 'email_verified_at', 'role', 'totp_enabled_at'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !ok) {
    await audit(ctx, ctx.db, 'login.failed', null, { email });
    throw new ValidationError({ email: 'account.loginFailed' });
  }
  if (!user.email_verified_at) throw new ValidationError({ email: 'account.notVerified' });
  const secondFactor = user.totp_enabled_at !== null;
  return ctx.db.transaction().execute(async (trx) => {
    await giveBack(trx, attempt);
    if (previousToken) await destroySession(trx, previousToken);
    const sessionToken = await createSession(trx, user.id, ctx.now(), secondFactor);
    await audit({ ...ctx, actor: { kind: 'anonymous' } }, trx, secondFactor ? 'login.password' : 'login', { type: 'user', id: user.id });
    return { sessionToken, secondFactor };
  });
}

/** Second step for accounts with TOTP: replaces the half-open session with a full one. */
export async function completeSecondFactor(ctx: Ctx, pendingUserId: number, raw: unknown): Promise<string> {
  const input = parseInput(TotpCodeInput, raw);
  const bucket: RateRule = { bucket: `totp:${pendingUserId}`, limit: 5, windowSeconds: 15 * 60 };
  const attempt = await take(ctx.db, [bucket], ctx.now());
  if (!attempt) throw new RateLimitedError('account.loginRateLimited', 15 * 60);
  const user = await ctx.db.selectFrom('users').select(['totp_secret']).where('id', '=', pendingUserId).executeTakeFirstOrThrow();
  if (!user.totp_secret || !verifyTotp(user.totp_secret, input.code)) throw new ValidationError({ code: 'account.totpInvalid' });
  return ctx.db.transaction().execute(async (trx) => {
    await giveBack(trx, attempt);
    await trx.deleteFrom('sessions').where('user_id', '=', pendingUserId).where('second_factor_pending', '=', true).execute();
    const token = await createSession(trx, pendingUserId, ctx.now());
    await audit({ ...ctx, actor: { kind: 'anonymous' } }, trx, 'login', { type: 'user', id: pendingUserId }, { totp: true });
    return token;
  });
}

/** Always answers the same, whether or not the address has an account. */
export async function requestPasswordReset(ctx: Ctx, raw: unknown): Promise<void> {
  await mailLinkIfAllowed(ctx, raw, 'reset-password');
}

export async function resendVerification(ctx: Ctx, raw: unknown): Promise<void> {
  await mailLinkIfAllowed(ctx, raw, 'verify-email');
}

async function mailLinkIfAllowed(ctx: Ctx, raw: unknown, purpose: TokenPurpose): Promise<void> {
  const email = normaliseEmail(parseInput(EmailInput, raw).email);
  await ctx.db.transaction().execute(async (trx) => {
    // Quietly nothing when a limit is reached: the answer must not tell whether the address exists.
    if (!(await take(trx, [mailsByEmail(email), mailsByIp(ctx.ip ?? 'unknown')], ctx.now()))) return;
    const user = await trx
      .selectFrom('users')
      .select(['id', 'email', 'name', 'locale', 'email_verified_at'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!user?.email || (purpose === 'verify-email' && user.email_verified_at)) return;
    const token = await issueToken(trx, ctx, user.id, purpose);
    const [subject, body, path]: [MessageKey, MessageKey, string] =
      purpose === 'reset-password'
        ? ['mail.resetSubject', 'mail.resetBody', '/password/reset']
        : ['mail.verifySubject', 'mail.verifyBody', '/verify-email'];
    await mailUser(trx, ctx.now(), { ...user, email: user.email }, subject, body, { link: `${ctx.baseUrl}${path}?token=${token}` });
  });
}

export async function resetPassword(ctx: Ctx, raw: unknown): Promise<void> {
  const input = parseInput(ResetPasswordInput, raw);
  checkNewPassword(input.password, input.passwordConfirm);
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, ctx, input.token, 'reset-password');
    // Proving control of the mailbox also proves the address.
    await trx
      .updateTable('users')
      .set((eb) => ({ password_hash: passwordHash, email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(ctx.now())) }))
      .where('id', '=', userId)
      .execute();
    await destroyUserSessions(trx, userId);
    await audit(ctx, trx, 'password.reset', { type: 'user', id: userId });
  });
}

async function checkCurrentPassword(ctx: Ctx, userId: number, password: string, field: string): Promise<void> {
  const user = await ctx.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, password))) throw new ValidationError({ [field]: 'account.wrongPassword' });
}

export async function changePassword(ctx: Ctx, raw: unknown): Promise<void> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(ChangePasswordInput, raw);
  await checkCurrentPassword(ctx, actor.id, input.currentPassword, 'currentPassword');
  checkNewPassword(input.password, input.passwordConfirm);
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', actor.id).execute();
    await destroyUserSessions(trx, actor.id, actor.sessionId);
    await audit(ctx, trx, 'password.change', { type: 'user', id: actor.id });
  });
}

/** Erases personal data; what the user wrote stays, shown as by "탈퇴한 사용자". */
export async function deleteAccount(ctx: Ctx, raw: unknown): Promise<void> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(DeleteAccountInput, raw);
  const { password_hash: passwordHash } = await ctx.db.selectFrom('users').select('password_hash').where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (passwordHash) await checkCurrentPassword(ctx, actor.id, input.currentPassword ?? '', 'currentPassword');
  else if (normaliseEmail(input.confirmEmail ?? '') !== actor.email.toLowerCase()) throw new ValidationError({ confirmEmail: 'account.deleteEmailMismatch' });
  await ctx.db.transaction().execute(async (trx) => {
    await leaveAllOrgs(trx, actor.id);
    await trx
      .updateTable('users')
      .set({ email: null, name: '', password_hash: null, totp_secret: null, totp_enabled_at: null, deleted_at: ctx.now() })
      .where('id', '=', actor.id)
      .execute();
    await destroyUserSessions(trx, actor.id);
    await trx.deleteFrom('email_tokens').where('user_id', '=', actor.id).execute();
    // The provider's subject may sign up afresh later; it no longer names this account.
    await trx.deleteFrom('user_identities').where('user_id', '=', actor.id).execute();
    await audit(ctx, trx, 'account.delete', { type: 'user', id: actor.id });
  });
}

export interface AccountView {
  id: number;
  email: string;
  name: string;
  role: string;
  totpEnabled: boolean;
  /** A fresh secret to show while TOTP is off; the user proves it with a code to turn it on. */
  totpSecretProposal: string | null;
  /** The same secret as an otpauth:// link, which opens the authenticator app on a phone. */
  totpUri: string | null;
  /** False for an account made through a provider until a password is set by the reset mail. */
  hasPassword: boolean;
  /** The providers' identities that sign in as this account. */
  identities: { provider: string; email: string; createdAt: Date }[];
  /** Its organisations by name, a pending membership too. */
  orgs: UserOrg[];
}

/** The account's row, its identities and organisations as JSON beside it: one round trip, built once (`queryTemplate`). */
const accountRow = queryTemplate((db, id: number) =>
  db
    .selectFrom('users')
    .select([
      'totp_enabled_at',
      sql<boolean>`password_hash IS NOT NULL`.as('has_password'),
      sql<{ provider: string; email: string; createdAt: string }[]>`coalesce((
        SELECT json_agg(json_build_object('provider', i.provider, 'email', i.email, 'createdAt', i.created_at) ORDER BY i.created_at)
        FROM user_identities i WHERE i.user_id = users.id), '[]'::json)`.as('identities'),
      userOrgsColumn(sql.ref('users.id')).as('orgs'),
    ])
    .where('id', '=', id),
);

export async function getAccount(ctx: Ctx): Promise<AccountView> {
  const actor = requireUser(ctx.actor);
  const [user] = await accountRow(ctx.db, actor.id);
  if (!user) throw new NotFoundError();
  const totpEnabled = user.totp_enabled_at !== null;
  const totpSecretProposal = totpEnabled || actor.role !== 'operator' ? null : newTotpSecret();
  return {
    id: actor.id,
    email: actor.email,
    name: actor.name,
    role: actor.role,
    totpEnabled,
    totpSecretProposal,
    totpUri: totpSecretProposal ? totpUri(totpSecretProposal, actor.email) : null,
    hasPassword: user.has_password,
    identities: user.identities.map((identity) => ({ ...identity, createdAt: new Date(identity.createdAt) })),
    orgs: user.orgs,
  };
}

/**
 * Unlinks the account's identity at `provider`. Refused (ValidationError on `provider`) when it is
 * the account's only way in: no password and no other identity.
 */
export async function unlinkIdentity(ctx: Ctx, provider: string): Promise<void> {
  const actor = requireUser(ctx.actor);
  await ctx.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('password_hash').where('id', '=', actor.id).forUpdate().executeTakeFirstOrThrow();
    const others = await trx.selectFrom('user_identities').select('provider').where('user_id', '=', actor.id).where('provider', '!=', provider).execute();
    if (!user.password_hash && !others.length) throw new ValidationError({ provider: 'account.lastWayIn' });
    const gone = await trx.deleteFrom('user_identities').where('user_id', '=', actor.id).where('provider', '=', provider).executeTakeFirst();
    if (!gone.numDeletedRows) throw new NotFoundError();
    await audit(ctx, trx, 'identity.unlink', { type: 'user', id: actor.id }, { provider });
  });
}

export async function enableTotp(ctx: Ctx, raw: unknown): Promise<void> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(TotpCodeInput, raw);
  const secret = String((raw as Record<string, unknown>).secret ?? '');
  if (!/^[A-Z2-7]{32}$/.test(secret) || !verifyTotp(secret, input.code)) throw new ValidationError({ code: 'account.totpInvalid' });
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ totp_secret: secret, totp_enabled_at: ctx.now() }).where('id', '=', actor.id).execute();
    await audit(ctx, trx, 'totp.enable', { type: 'user', id: actor.id });
  });
}
