import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * Whether a process with this id runs on this machine (signal 0 tests it without disturbing it).
 * A zombie, ended but not yet reaped by its parent (proc(5): state `Z`), does not run: a server
 * killed in a container whose first process reaps nothing would otherwise hold its locks forever.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return stateOf(pid) !== 'Z';
}

/** A process's state letter from /proc (Linux); undefined where there is no /proc. */
function stateOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) S ...": the command may hold spaces and parentheses, the state follows the last ")".
    return stat.slice(stat.lastIndexOf(')') + 2)[0];
  } catch {
    return undefined;
  }
}

// Plain JavaScript, so that the thread starts without the TypeScript loader (execArgv: []).
const PARENT_WATCH = `
const { workerData: { parent, everyMs } } = require('node:worker_threads');
const check = () => { if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL'); };
check();
setInterval(check, everyMs);`;

/**
 * Ends this process (SIGKILL) within `everyMs` (ms) of the end of its parent `parent` (a pid),
 * however the parent ends, kill -9 included: an orphan is given to another parent, so its
 * `ppid` changes. A thread of its own watches, because the main thread may be too busy to see
 * an IPC channel close: the demo's seed runs the embedded database's queries as microtasks, so
 * its event loop does not turn for seconds, while it holds the data folder's lock. What a kill
 * leaves (a half-made side folder, a lock naming a dead pid) is what the next start clears.
 */
export function exitWithParent(parent: number, everyMs = 100): void {
  new Worker(PARENT_WATCH, { eval: true, workerData: { parent, everyMs }, execArgv: [] }).unref();
}
