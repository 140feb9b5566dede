import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import type { Database } from '../../../db/client.ts';
import { ANONYMOUS } from '../../../shared/context.ts';
import { RateLimitedError, UnauthenticatedError, ValidationError } from '../../../shared/errors.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import { testClock } from '../../../../test/clock.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { requestToJoin } from '../../orgs/orgs.service.ts';
import * as accounts from '../accounts.service.ts';
import { loadSession } from '../sessions.ts';
import { actorOf, buildUser, ctxAs, ctxFor, TEST_PASSWORD } from './builders.ts';

function fieldError(error: unknown): Record<string, string> {
  assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
  return error.fields;
}

async function rejectsWith(promise: Promise<unknown>, fields: Record<string, string>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  assert.deepEqual(fieldError(error), fields);
}

/** The link in the newest mail to `to`, from the outbox. */
async function linkInMail(database: Database, to: string): Promise<string> {
  const mail = await database.db.selectFrom('mail_outbox').select('body_text').where('to_address', '=', to).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const link = /(http\S+token=\S+)/.exec(mail.body_text)?.[1];
  assert.ok(link, 'mail has a link');
  return new URL(link).searchParams.get('token') ?? '';
}

describe('accounts service', () => {
  let database: Database;
  const clock = testClock();
  const anonymous = () => ctxFor(database.db, ANONYMOUS, clock);
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());
  beforeEach(async () => {
    await database.db.deleteFrom('rate_events').execute();
  });

  const signUpForm = (email: string, password = 'a-long-enough-password') => ({ email, name: '김이음', password, passwordConfirm: password });

  it('signs up, queues the confirmation mail in the same transaction, and verifies the address', async () => {
    await accounts.signUp(anonymous(), signUpForm('New.Person@Example.go.kr'));
    const user = await database.db.selectFrom('users').selectAll().where('email', '=', 'new.person@example.go.kr').executeTakeFirstOrThrow();
    assert.equal(user.email_verified_at, null);
    const jobs = await database.db.selectFrom('jobs').select('kind').where('kind', '=', 'mail.send').execute();
    assert.ok(jobs.length >= 1);
    await rejectsWith(accounts.logIn(anonymous(), { email: 'new.person@example.go.kr', password: 'a-long-enough-password' }), { email: 'account.notVerified' });
    await accounts.verifyEmail(anonymous(), await linkInMail(database, 'new.person@example.go.kr'));
    const { sessionToken, secondFactor } = await accounts.logIn(anonymous(), { email: 'NEW.person@example.go.kr', password: 'a-long-enough-password' });
    assert.equal(secondFactor, false);
    const session = await loadSession(database.db, sessionToken, clock());
    assert.equal(session.actor.kind, 'user');
  });

  it('refuses short, common and mismatched passwords and a taken email, naming the field', async () => {
    await rejectsWith(accounts.signUp(anonymous(), signUpForm('a@example.kr', 'short')), { password: 'account.passwordTooShort' });
    await rejectsWith(accounts.signUp(anonymous(), signUpForm('a@example.kr', 'qwertyuiop')), { password: 'account.passwordCommon' });
    await rejectsWith(accounts.signUp(anonymous(), signUpForm('a@example.kr', '1234567890')), { password: 'account.passwordCommon' });
    await rejectsWith(accounts.signUp(anonymous(), { ...signUpForm('a@example.kr'), passwordConfirm: 'something-else-1' }), {
      passwordConfirm: 'account.passwordMismatch',
    });
    await rejectsWith(accounts.signUp(anonymous(), { email: 'not-an-email', name: '', password: '', passwordConfirm: '' }), {
      email: 'field.emailInvalid',
      name: 'field.required',
      password: 'field.required',
      passwordConfirm: 'field.required',
    });
    const existing = await buildUser(database.db);
    await rejectsWith(accounts.signUp(anonymous(), signUpForm(existing.email.toUpperCase())), { email: 'account.emailTaken' });
  });

  it('answers an unknown email and a wrong password alike, then rate-limits', async () => {
    const user = await buildUser(database.db);
    await rejectsWith(accounts.logIn(anonymous(), { email: 'nobody@example.kr', password: 'whatever-password' }), { email: 'account.loginFailed' });
    for (let i = 0; i < 5; i++) {
      await rejectsWith(accounts.logIn(anonymous(), { email: user.email, password: 'wrong-password-1' }), { email: 'account.loginFailed' });
    }
    const limited = await accounts.logIn(anonymous(), { email: user.email, password: user.password }).catch((e: unknown) => e);
    assert.ok(limited instanceof RateLimitedError);
    assert.equal(limited.messageKey, 'account.loginRateLimited');
    clock.advance(16 * 60 * 1000);
    await accounts.logIn(anonymous(), { email: user.email, password: user.password });
  });

  it('resets a password through the mailed link, once, and ends every session', async () => {
    const user = await buildUser(database.db);
    const { sessionToken } = await accounts.logIn(anonymous(), { email: user.email, password: user.password });
    await accounts.requestPasswordReset(anonymous(), { email: user.email });
    await accounts.requestPasswordReset(anonymous(), { email: 'unknown@example.kr' });
    const token = await linkInMail(database, user.email);
    await accounts.resetPassword(anonymous(), { token, password: 'brand-new-password-7', passwordConfirm: 'brand-new-password-7' });
    assert.equal((await loadSession(database.db, sessionToken, clock())).actor.kind, 'anonymous');
    await rejectsWith(accounts.resetPassword(anonymous(), { token, password: 'another-password-8', passwordConfirm: 'another-password-8' }), {
      token: 'account.tokenInvalid',
    });
    await accounts.logIn(anonymous(), { email: user.email, password: 'brand-new-password-7' });
  });

  it('changes the password only with the current one', async () => {
    const user = await buildUser(database.db);
    const ctx = await ctxAs(database.db, user, clock);
    await rejectsWith(accounts.changePassword(ctx, { currentPassword: 'wrong-one-123', password: 'next-password-99', passwordConfirm: 'next-password-99' }), {
      currentPassword: 'account.wrongPassword',
    });
    await accounts.changePassword(ctx, { currentPassword: TEST_PASSWORD, password: 'next-password-99', passwordConfirm: 'next-password-99' });
    await accounts.logIn(anonymous(), { email: user.email, password: 'next-password-99' });
  });

  it('deletes an account: personal data gone, the organisation it made stays', async () => {
    const { id: orgId, admin } = await buildOrg(database.db);
    const ctx = await ctxAs(database.db, admin, clock);
    await accounts.deleteAccount(ctx, { currentPassword: TEST_PASSWORD });
    const row = await database.db.selectFrom('users').selectAll().where('id', '=', admin.id).executeTakeFirstOrThrow();
    assert.equal(row.email, null);
    assert.equal(row.name, '');
    assert.equal(row.password_hash, null);
    assert.ok(row.deleted_at);
    const org = await database.db.selectFrom('orgs').select(['id', 'created_by']).where('id', '=', orgId).executeTakeFirstOrThrow();
    assert.equal(org.created_by, admin.id);
    await rejectsWith(accounts.logIn(anonymous(), { email: admin.email, password: TEST_PASSWORD }), { email: 'account.loginFailed' });
  });

  it('keeps the last admin of an organisation with members from leaving', async () => {
    const { id: orgId, admin } = await buildOrg(database.db);
    const member = await buildUser(database.db);
    await database.db.insertInto('org_members').values({ org_id: orgId, user_id: member.id, role: 'member', status: 'active', created_at: clock() }).execute();
    await rejectsWith(accounts.deleteAccount(await ctxAs(database.db, admin), { currentPassword: TEST_PASSWORD }), { currentPassword: 'account.lastAdmin' });
  });

  it('turns on TOTP for an operator and then asks for the code at sign-in', async () => {
    const operator = await buildUser(database.db, { role: 'operator' });
    const ctx = await ctxAs(database.db, operator, clock);
    const { totpSecretProposal, totpUri } = await accounts.getAccount(ctx);
    assert.ok(totpSecretProposal);
    assert.match(totpUri ?? '', new RegExp(`^otpauth://totp/.*secret=${totpSecretProposal}`));
    const code = () => generateTOTP(decodeBase32IgnorePadding(totpSecretProposal), 30, 6);
    await rejectsWith(accounts.enableTotp(ctx, { secret: totpSecretProposal, code: '000000' === code() ? '111111' : '000000' }), { code: 'account.totpInvalid' });
    await accounts.enableTotp(ctx, { secret: totpSecretProposal, code: code() });
    const first = await accounts.logIn(anonymous(), { email: operator.email, password: operator.password });
    assert.equal(first.secondFactor, true);
    const halfway = await loadSession(database.db, first.sessionToken, clock());
    assert.equal(halfway.actor.kind, 'anonymous');
    assert.equal(halfway.pendingUserId, operator.id);
    const full = await accounts.completeSecondFactor(anonymous(), operator.id, { code: code() });
    assert.equal((await loadSession(database.db, full, clock())).actor.kind, 'user');
  });

  it("lists the account's organisations by name, a request to join among them, in the account's one read", async () => {
    const db = database.db;
    const user = await buildUser(db);
    const own = await buildOrg(db, { name: '하늘복지재단', admin: user });
    const asked = await buildOrg(db, { name: '가람시 사회복지협의회' });
    await requestToJoin(await ctxAs(db, user), asked.id);
    const { orgs } = await accounts.getAccount(await ctxAs(db, user));
    assert.deepEqual(
      orgs.map((o) => [o.id, o.name, o.role, o.membership, o.status]),
      [
        [asked.id, '가람시 사회복지협의회', 'member', 'requested', 'verified'],
        [own.id, '하늘복지재단', 'admin', 'active', 'verified'],
      ],
    );
    assert.deepEqual((await accounts.getAccount(await ctxAs(db, await buildUser(db)))).orgs, [], 'none for a newcomer');
  });

  it('requires a signed-in user for account pages', async () => {
    await assert.rejects(accounts.getAccount(anonymous()), UnauthenticatedError);
    const user = await buildUser(database.db);
    assert.equal((await accounts.getAccount(ctxFor(database.db, await actorOf(database.db, user)))).totpSecretProposal, null);
  });
});
