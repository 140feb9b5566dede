import assert from 'node:assert/strict';
import { ValidationError } from '../src/shared/errors.ts';

/** Settles every promise and tallies the outcomes by error name ('ok' for a fulfilled one). */
export async function outcomes(promises: Promise<unknown>[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const result of await Promise.allSettled(promises)) {
    const name = result.status === 'fulfilled' ? 'ok' : (result.reason as Error).name;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

/** Expects `promise` to fail validation with at least these messages on these fields. */
export async function rejectsWithFields(promise: Promise<unknown>, fields: Record<string, string>): Promise<void> {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof ValidationError, String(error));
    for (const [field, key] of Object.entries(fields)) assert.equal(error.fields[field], key, field);
    return true;
  });
}
