/** Settles every promise and tallies the outcomes by error name ('ok' for a fulfilled one). */
export async function outcomes(promises: Promise<unknown>[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const result of await Promise.allSettled(promises)) {
    const name = result.status === 'fulfilled' ? 'ok' : (result.reason as Error).name;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}
