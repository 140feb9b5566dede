import { readdirSync, readFileSync } from 'node:fs';
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
  return procStat(pid)?.fields[0] !== 'Z';
}

/**
 * A process's line in /proc (Linux, proc(5)): its command, and the fields after it (`fields[0]` is
 * field 3, the state; `fields[1]` the parent; `fields[11]` on, the CPU times in clock ticks).
 * Undefined when it is gone, or where there is no /proc.
 */
export function procStat(pid: number): { command: string; fields: string[] } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) S ...": the command may hold spaces and parentheses; the fields follow the last ")".
    const close = stat.lastIndexOf(')');
    return { command: stat.slice(stat.indexOf('(') + 1, close), fields: stat.slice(close + 2).split(' ') };
  } catch {
    return undefined;
  }
}

/** The ids of the processes on this machine, from /proc; none where there is no /proc. */
export function processIds(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
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
