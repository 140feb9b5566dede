import { setTimeout as sleep } from 'node:timers/promises';

/** Waits, up to 5 s, for what a notification delivered on another connection brings about. */
export async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}
