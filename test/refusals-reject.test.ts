import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ctxFor } from '../src/modules/accounts/test/builders.ts';
import { myDemands } from '../src/modules/demands/demands.service.ts';
import { suggestionsForMe } from '../src/modules/discovery/lists.service.ts';
import { myOrgs } from '../src/modules/orgs/orgs.service.ts';
import { ANONYMOUS } from '../src/shared/context.ts';
import type { Database } from '../src/db/client.ts';
import { UnauthenticatedError } from '../src/shared/errors.ts';
import { createTestDatabase } from './test-database.ts';

// A service that answers with a promise refuses by rejecting it. One that threw before returning its
// promise, called beside another in `Promise.all`, left the other's rejection unheard: the process's
// unhandled rejection (found when `myOrgs` lost its `async`).
describe('a member-only service refuses a visitor', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  for (const [name, call] of [
    ['myOrgs', (ctx) => myOrgs(ctx)],
    ['myDemands', (ctx) => myDemands(ctx, undefined)],
    ['suggestionsForMe', (ctx) => suggestionsForMe(ctx, 5)],
  ] as const satisfies readonly (readonly [string, (ctx: ReturnType<typeof ctxFor>) => Promise<unknown>])[]) {
    it(`with a rejected promise, not a throw: ${name}`, async () => {
      let promise: Promise<unknown> | undefined;
      assert.doesNotThrow(() => {
        promise = call(ctxFor(database.db, ANONYMOUS));
      });
      await assert.rejects(promise!, UnauthenticatedError);
    });
  }
});
