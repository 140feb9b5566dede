/**
 * Where every timestamp comes from. Services read `ctx.now`; the worker, the job handlers, the seed and
 * the command-line tools are handed the same function; the database's `now()` is never used for a
 * domain timestamp (migration 0015 removed its defaults). Tests drive a clock they move by hand.
 */
export type Clock = () => Date;

/**
 * The server's clock: the system time, or, given `start` (`CLOCK_START`, for demonstrations and for
 * browser tests that start a server process), the system time shifted so that it reads `start` at
 * the moment of the call and runs on at real speed from there.
 */
export function serverClock(start?: Date): Clock {
  if (!start) return () => new Date();
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}
