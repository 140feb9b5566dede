/** A clock the test moves by hand. */
export interface TestClock {
  (): Date;
  set(date: Date): void;
  advance(ms: number): void;
}

/**
 * Where test time starts: `TEST_CLOCK_START` (ISO 8601) or 2026-11-22 10:00 KST. CI runs the database
 * tests a second time with another start (a KST date change on a leap day), so that no test passes
 * only on the day it was written.
 */
export const TEST_CLOCK_START = new Date(process.env.TEST_CLOCK_START || '2026-11-22T01:00:00Z');
if (Number.isNaN(TEST_CLOCK_START.getTime())) throw new Error(`TEST_CLOCK_START is not an ISO 8601 instant: ${process.env.TEST_CLOCK_START}`);

export function testClock(start = TEST_CLOCK_START): TestClock {
  let now = start.getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (date) => {
    now = date.getTime();
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

/**
 * The test process's clock: test apps, their workers, builders and contexts all read it unless given
 * their own, so that rows a builder writes and pages the app renders agree on what "now" is.
 */
export const clock: TestClock = testClock();
