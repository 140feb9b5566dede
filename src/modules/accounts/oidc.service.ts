import * as oidc from 'openid-client';
import { Value } from 'typebox/value';
import type { Ctx, Db } from '../../shared/context.ts';
import { audit } from '../../shared/audit.ts';
import { AppError } from '../../shared/errors.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { type RateRule, takeOrRefuse } from '../../shared/rate-limit.ts';
import { cleanText } from '../../shared/text.ts';
import { hashToken, newToken } from '../../shared/tokens.ts';
import { underUniqueRules } from '../../shared/unique.ts';
import { EmailInput } from './accounts.schemas.ts';
import type { SignInClaims } from './accounts.tables.ts';
import type { OidcProvider } from './oidc-providers.ts';
import { createSession, destroySession, destroyUserSessions } from './sessions.ts';

/** How long a browser may take at the provider, and then to consent. */
const FLOW_MINUTES = 10;
const flowsByIp = (ip: string): RateRule => ({ bucket: `oidc:${ip}`, limit: 30, windowSeconds: 15 * 60 });

/** A sign-in through a provider that cannot go on; the page says why and offers to start again. */
export class SignInRefusedError extends AppError {
  constructor(messageKey: MessageKey) {
    super(400, messageKey);
  }
}

export interface SignedIn {
  sessionToken: string;
  /** The account has TOTP: the session waits for the code (`/login/totp`). */
  secondFactor: boolean;
  next: string;
}

/** The provider's answer waits for the person's consent: to a new account, or to link the account with this e-mail. */
export interface Consent {
  provider: string;
  claims: SignInClaims;
  linksExisting: boolean;
}

/**
 * Starts a sign-in at `provider` (OpenID Connect Core 1.0 §3.1, authorization code flow with PKCE,
 * RFC 7636, S256). Returns the provider's authorization URL and the flow's token, which the browser
 * keeps in a cookie: the answer counts only in the browser that asked (the `state` is bound to it).
 * Errors: RateLimitedError (30 starts per address in 15 minutes); the provider's discovery failing
 * is a SignInRefusedError (`oidc.unavailable`).
 */
export async function startSignIn(ctx: Ctx, provider: OidcProvider, next: string): Promise<{ url: URL; flowToken: string }> {
  const configuration = await provider.configuration().catch(() => {
    throw new SignInRefusedError('oidc.unavailable');
  });
  const flowToken = newToken();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  await ctx.db.transaction().execute(async (trx) => {
    if (ctx.ip) await takeOrRefuse(trx, flowsByIp(ctx.ip), ctx.now());
    await trx
      .insertInto('sign_in_flows')
      .values({
        id: hashToken(flowToken),
        provider: provider.id,
        state,
        nonce,
        code_verifier: codeVerifier,
        next,
        expires_at: new Date(ctx.now().getTime() + FLOW_MINUTES * 60_000),
        created_at: ctx.now(),
      })
      .execute();
  });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: provider.redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url, flowToken };
}

/** Takes the flow out of the table (each is answered once, right or wrong), or refuses. */
async function takeFlow(db: Db, ctx: Ctx, flowToken: string | undefined, provider: string, answered: boolean) {
  if (!flowToken) throw new SignInRefusedError('oidc.expired');
  const flow = await db
    .deleteFrom('sign_in_flows')
    .where('id', '=', hashToken(flowToken))
    .where('provider', '=', provider)
    .where('expires_at', '>', ctx.now())
    .where('claims', answered ? 'is not' : 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!flow) throw new SignInRefusedError('oidc.expired');
  return flow;
}

/**
 * The provider sent the browser back to `callbackUrl`. The flow is used up whatever happens, so a
 * replayed answer (the same code and state again) finds nothing. openid-client checks the `state`,
 * redeems the code with the PKCE verifier, validates the ID token and its `nonce`; the e-mail comes
 * from the ID token or UserInfo (OIDC Core §5.3).
 * - An identity already linked signs its account in (`SignedIn`).
 * - Otherwise the e-mail must be verified by the provider (`email_verified: true`), and the person
 *   is asked to consent (`Consent`): to a new account, or to linking the account with that e-mail.
 * Errors (SignInRefusedError): `oidc.expired` (no such flow: expired, used, another browser's),
 * `oidc.cancelled` (the person declined at the provider), `oidc.failed` (wrong state, a code the
 * provider refuses, a bad ID token), `oidc.emailMissing`, `oidc.emailUnverified`.
 */
export async function finishSignIn(
  ctx: Ctx,
  provider: OidcProvider,
  flowToken: string | undefined,
  callbackUrl: URL,
  previousSessionToken?: string,
): Promise<SignedIn | Consent> {
  const flow = await takeFlow(ctx.db, ctx, flowToken, provider.id, false);
  if (callbackUrl.searchParams.get('error') === 'access_denied') throw new SignInRefusedError('oidc.cancelled');
  let claims: SignInClaims & { verified: boolean };
  try {
    const configuration = await provider.configuration();
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: flow.code_verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('no ID token');
    const info = { ...idToken, ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub)) };
    claims = { subject: idToken.sub, ...personOf(info), verified: info.email_verified === true };
  } catch (error) {
    await audit(ctx, ctx.db, 'login.failed', null, { provider: provider.id, reason: reasonOf(error) });
    throw new SignInRefusedError('oidc.failed');
  }

  const linked = await ctx.db
    .selectFrom('user_identities')
    .innerJoin('users', 'users.id', 'user_identities.user_id')
    .select(['users.id', 'users.totp_enabled_at'])
    .where('user_identities.provider', '=', provider.id)
    .where('user_identities.subject', '=', claims.subject)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  if (linked) {
    return ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('user_identities')
        .set({ last_used_at: ctx.now() })
        .where('provider', '=', provider.id)
        .where('subject', '=', claims.subject)
        .execute();
      return signIn(trx, ctx, linked.id, linked.totp_enabled_at !== null, provider.id, flow.next, previousSessionToken);
    });
  }

  if (!claims.email) throw new SignInRefusedError('oidc.emailMissing');
  // The address sign-up would take, by sign-up's own rule.
  if (!Value.Check(EmailInput, { email: claims.email })) throw new SignInRefusedError('oidc.emailInvalid');
  if (!claims.verified) {
    await audit(ctx, ctx.db, 'login.failed', null, { provider: provider.id, reason: 'email not verified' });
    throw new SignInRefusedError('oidc.emailUnverified');
  }
  const existing = await ctx.db
    .selectFrom('users')
    .select(['id', 'email_verified_at'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', claims.email))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const { verified: _, ...kept } = claims;
  await ctx.db
    .insertInto('sign_in_flows')
    .values({ ...flow, claims: JSON.stringify(kept), link_user_id: existing?.id ?? null, expires_at: new Date(ctx.now().getTime() + FLOW_MINUTES * 60_000) })
    .execute();
  return { provider: provider.id, claims: kept, linksExisting: Boolean(existing?.email_verified_at) };
}

/** The consent page's question, or SignInRefusedError `oidc.expired`. */
export async function consentOf(ctx: Ctx, provider: OidcProvider, flowToken: string | undefined): Promise<Consent> {
  const flow = flowToken
    ? await ctx.db
        .selectFrom('sign_in_flows')
        .leftJoin('users', 'users.id', 'sign_in_flows.link_user_id')
        .select(['sign_in_flows.claims', 'users.email_verified_at'])
        .where('sign_in_flows.id', '=', hashToken(flowToken))
        .where('sign_in_flows.provider', '=', provider.id)
        .where('sign_in_flows.expires_at', '>', ctx.now())
        .where('sign_in_flows.claims', 'is not', null)
        .executeTakeFirst()
    : undefined;
  if (!flow?.claims) throw new SignInRefusedError('oidc.expired');
  return { provider: provider.id, claims: flow.claims, linksExisting: Boolean(flow.email_verified_at) };
}

/**
 * The person consented: the identity is linked to the account with the provider-verified e-mail
 * (which counts as verified from now on), or a new account without a password is made for it (in the
 * language the person reads the site in, `locale`); then
 * they are signed in. Errors: SignInRefusedError `oidc.expired` (used, expired, or the account or
 * identity changed meanwhile — start again).
 */
export async function confirmSignIn(ctx: Ctx, provider: OidcProvider, flowToken: string | undefined, previousSessionToken?: string, locale = 'ko'): Promise<SignedIn> {
  const expired = () => new SignInRefusedError('oidc.expired');
  return underUniqueRules({ users_email: expired, user_identities_pkey: expired, user_identities_one_per_provider: expired }, () =>
    ctx.db.transaction().execute(async (trx) => {
      const flow = await takeFlow(trx, ctx, flowToken, provider.id, true);
      const claims = flow.claims as SignInClaims;
      let userId = flow.link_user_id;
      let secondFactor = false;
      if (userId === null) {
        const user = await trx
          .insertInto('users')
          .values({ email: claims.email, name: claims.name, password_hash: null, email_verified_at: ctx.now(), locale, created_at: ctx.now() })
          .returning('id')
          .executeTakeFirstOrThrow();
        userId = user.id;
        await audit(ctx, trx, 'account.create', { type: 'user', id: userId }, { provider: provider.id });
      } else {
        const user = await trx
          .selectFrom('users')
          .select(['email_verified_at', 'totp_enabled_at'])
          .where('id', '=', userId)
          .where('deleted_at', 'is', null)
          .where((eb) => eb(eb.fn('lower', ['email']), '=', claims.email))
          .forUpdate()
          .executeTakeFirst();
        if (!user) throw expired();
        if (user.email_verified_at) secondFactor = user.totp_enabled_at !== null;
        else await claimUnverified(trx, ctx, userId, claims);
      }
      await trx
        .insertInto('user_identities')
        .values({ provider: provider.id, subject: claims.subject, user_id: userId, email: claims.email, last_used_at: ctx.now(), created_at: ctx.now() })
        .execute();
      await audit(ctx, trx, 'identity.link', { type: 'user', id: userId }, { provider: provider.id });
      return signIn(trx, ctx, userId, secondFactor, provider.id, flow.next, previousSessionToken);
    }),
  );
}

/**
 * The e-mail and name a provider gave, as kept: text hygiene first (a NUL or a lone surrogate cannot
 * be stored), the name cut to 50 characters — whole ones, never half an emoji — and falling back on
 * the preferred user name, then the address's local part: the name is empty only with the e-mail.
 */
function personOf(info: Record<string, unknown>): { email: string; name: string } {
  const text = (value: unknown) => (typeof value === 'string' ? cleanText(value).replace(/\s+/g, ' ').trim() : '');
  const email = text(info.email).toLowerCase();
  const name = text(info.name) || text(info.preferred_username) || email.split('@')[0] || '';
  return { email, name: [...name].slice(0, 50).join('') };
}

/**
 * An account whose e-mail was never verified is anybody's claim to that address — someone may have
 * signed up with another's e-mail to wait for them. The provider has now shown who owns the address,
 * so the account becomes theirs alone: its password, second factor, sessions and mailed links are
 * dropped (none of them was ever usable: an unverified account cannot sign in), and it takes their name.
 */
async function claimUnverified(trx: Db, ctx: Ctx, userId: number, claims: SignInClaims): Promise<void> {
  await trx
    .updateTable('users')
    .set({ password_hash: null, totp_secret: null, totp_enabled_at: null, name: claims.name, email_verified_at: ctx.now() })
    .where('id', '=', userId)
    .execute();
  await destroyUserSessions(trx, userId);
  await trx.deleteFrom('email_tokens').where('user_id', '=', userId).execute();
  await audit(ctx, trx, 'account.claimed', { type: 'user', id: userId }, { reason: 'unverified e-mail, verified by a provider' });
}

/** Forgets a sign-in waiting for consent (the person said no). */
export async function cancelSignIn(ctx: Ctx, flowToken: string | undefined): Promise<void> {
  if (flowToken) await ctx.db.deleteFrom('sign_in_flows').where('id', '=', hashToken(flowToken)).execute();
}

/** openid-client's message and its cause's ("unexpected \"state\" response parameter value"), for the audit log. */
function reasonOf(error: unknown): string {
  const messages = [];
  for (let e = error; e instanceof Error && messages.length < 3; e = e.cause) messages.push(e.message);
  return messages.join(': ').slice(0, 300) || 'unknown';
}

async function signIn(
  trx: Db,
  ctx: Ctx,
  userId: number,
  secondFactor: boolean,
  provider: string,
  next: string,
  previousSessionToken: string | undefined,
): Promise<SignedIn> {
  if (previousSessionToken) await destroySession(trx, previousSessionToken);
  const sessionToken = await createSession(trx, userId, ctx.now(), secondFactor);
  await audit({ ...ctx, actor: { kind: 'anonymous' } }, trx, secondFactor ? 'login.password' : 'login', { type: 'user', id: userId }, { provider });
  return { sessionToken, secondFactor, next };
}
