import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/db/client.ts';
import { logIn, requestPasswordReset } from '../src/modules/accounts/accounts.service.ts';
import { buildUser, ctxAs, ctxFor } from '../src/modules/accounts/test/builders.ts';
import { inviteMember } from '../src/modules/orgs/orgs.service.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { ANONYMOUS } from '../src/shared/context.ts';
import { outcomes } from './outcomes.ts';
import { createTestDatabase } from './test-database.ts';

/** Limits stop an attacker without refusing the person attacked, and every action that mails is limited. */
describe('limits against abuse', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('stops guessing from one address while the owner still signs in from another', async () => {
    const owner = await buildUser(database.db, { role: 'operator' });
    const attacker = { ...ctxFor(database.db, ANONYMOUS), ip: '198.51.100.66' };
    const guesses = [];
    for (let i = 0; i < 7; i++) guesses.push(logIn(attacker, { email: owner.email, password: `guess-${i}-wrong` }));
    assert.deepEqual(await outcomes(guesses), { ValidationError: 5, RateLimitedError: 2 });
    const refused = await logIn(attacker, { email: owner.email, password: owner.password }).catch((e: Error) => e.name);
    assert.equal(refused, 'RateLimitedError', 'the guessing address stays stopped, even with the right password');
    const home = { ...ctxFor(database.db, ANONYMOUS), ip: '192.0.2.10' };
    assert.ok((await logIn(home, { email: owner.email, password: owner.password })).sessionToken, 'the owner is not locked out');
    // Right passwords give their attempt back: signing in often never counts against the owner.
    for (let i = 0; i < 8; i++) await logIn(home, { email: owner.email, password: owner.password });
  });

  it('sends password-reset mail for at most ten addresses an hour from one client', async () => {
    const users = await Promise.all(Array.from({ length: 12 }, () => buildUser(database.db)));
    const client = { ...ctxFor(database.db, ANONYMOUS), ip: '198.51.100.77' };
    for (const user of users) await requestPasswordReset(client, { email: user.email });
    const mailed = await database.db
      .selectFrom('mail_outbox')
      .select('to_address')
      .where(
        'to_address',
        'in',
        users.map((u) => u.email),
      )
      .execute();
    assert.equal(mailed.length, 10);
  });

  it('lets one person send at most twenty organisation invitations a day', async () => {
    const org = await buildOrg(database.db);
    const ctx = await ctxAs(database.db, org.admin);
    const results = [];
    for (let i = 0; i < 22; i++) results.push(await inviteMember(ctx, org.id, { email: `invitee-${i}@example.kr` }).then(() => 'ok', (e: Error) => e.name));
    assert.deepEqual([results.filter((r) => r === 'ok').length, results.at(-1)], [20, 'RateLimitedError']);
  });
});
