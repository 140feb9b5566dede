import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createWhole } from '../shared/files.ts';
import { isProcessAlive } from '../shared/processes.ts';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `데이터 폴더 ${dataDir} 를 다른 이음터 프로세스(pid ${pid})가 쓰고 있습니다. ` +
        `The data folder is in use by another Ieumteo process (pid ${pid}); stop it first or use another DATA_DIR.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** The pid a lock file names; 0 when it holds no pid (damaged); null when there is none. */
function holderOf(file: string): number | null {
  try {
    return Number(readFileSync(file, 'utf8')) || 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Creates `file` holding our pid, only if it does not exist (`createWhole`: never seen empty); false when it does. */
const create = (file: string): boolean => createWhole(file, String(process.pid));

/** A guard left by a process that died inside its few microseconds is this old at least. */
const STALE_GUARD_MS = 10_000;

/**
 * How long ago (ms) `file` was last written, by the file system's clock (a probe written now), not
 * this process's: the two differ under faketime or on a share with a skewed clock, and a guard
 * judged by `Date.now()` there was always "stale", so it guarded nothing. 0 when it is gone.
 */
function ageOf(file: string): number {
  const written = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  if (written === undefined) return 0;
  const probe = `${file}.${process.pid}.now`;
  writeFileSync(probe, '');
  try {
    return statSync(probe).mtimeMs - written;
  } finally {
    rmSync(probe, { force: true });
  }
}

/**
 * Removes a dead holder's lock, under `<lock>.takeover` (created exclusively): two processes that
 * find the same dead holder at once would otherwise each remove the lock the other had just made,
 * and both go on. Only a lock still naming `deadHolder` is removed: while the guard is held no lock
 * can go, so the one read is the one removed. (A lock found gone is never "removed": another
 * process may create its own between the look and the removal, which let two go on.) False when
 * another process holds the guard (the caller looks again).
 */
function removeDeadLock(file: string, deadHolder: number, leftover?: string): boolean {
  const guard = `${file}.takeover`;
  if (!create(guard)) {
    if (ageOf(guard) > STALE_GUARD_MS) rmSync(guard, { force: true });
    return false;
  }
  try {
    if (holderOf(file) === deadHolder) {
      if (leftover) rmSync(leftover, { recursive: true, force: true });
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(guard, { force: true });
  }
  return true;
}

/**
 * Clears what `pid`, a process that has ended without releasing the data folder (a child that was
 * stopped), left in `dataDir`: its lock and `leftover` (a side folder it was making), removed only
 * while the lock still names it, under the takeover guard, so nothing of a later holder's goes.
 */
export function clearEndedHolder(dataDir: string, pid: number, leftover: string): void {
  if (!isProcessAlive(pid)) removeDeadLock(path.join(dataDir, 'ieumteo.lock'), pid, leftover);
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Takes `DATA_DIR/ieumteo.lock` (created exclusively, holding our pid). A lock left by a process
 * that no longer runs (kill -9, power cut) is taken over, by one process only when several try at
 * once; a live holder makes us fail fast with `DataDirLockedError`.
 */
export function acquireDataDirLock(dataDir: string): { release(): void } {
  const file = path.join(dataDir, 'ieumteo.lock');
  for (let attempt = 0; attempt < 100; attempt++) {
    if (create(file)) {
      return {
        release() {
          if (holderOf(file) === process.pid) rmSync(file, { force: true });
        },
      };
    }
    const holder = holderOf(file);
    // Gone since our try: try again at once.
    if (holder === null) continue;
    if (holder && holder !== process.pid && isProcessAlive(holder)) throw new DataDirLockedError(dataDir, holder);
    if (!removeDeadLock(file, holder)) pause(10);
  }
  throw new Error(`Could not lock ${file}`);
}
