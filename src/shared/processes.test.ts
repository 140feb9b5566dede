import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isProcessAlive } from './processes.ts';

/** Polls `test` every 20 ms for at most `ms`; whether it became true. */
async function within(ms: number, test: () => boolean): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (test()) return true;
  return test();
}

describe('processes', () => {
  it('counts a zombie, ended but not reaped, as not running', async () => {
    // sh starts `true` and becomes `sleep`, which never reaps it: a zombie for 5 s.
    const shell = spawn('sh', ['-c', 'true & echo $!; exec sleep 5']);
    const zombie = Number(await new Promise<string>((resolve) => shell.stdout.once('data', (data) => resolve(String(data)))));
    try {
      assert.ok(await within(2_000, () => !isProcessAlive(zombie)), 'the zombie counted as running');
      assert.equal(isProcessAlive(shell.pid ?? 0), true);
    } finally {
      shell.kill();
    }
  });

  // The demo's child outlived a killed server by 4 s and more: its seed kept the event loop from
  // turning, so it did not see its IPC channel close, and held the data folder meanwhile.
  it('ends a busy child within a second of its parent\'s kill -9', { timeout: 60_000 }, async () => {
    const child = `import { exitWithParent } from ${JSON.stringify(path.resolve(import.meta.dirname, 'processes.ts'))};
      exitWithParent(Number(process.argv.at(-1)));
      for (const end = Date.now() + 30_000; Date.now() < end; ) await Promise.resolve();`;
    const parent = `const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', ${JSON.stringify(child)}, String(process.pid)], { stdio: 'ignore' });
      console.log(child.pid);
      setTimeout(() => {}, 30_000);`;
    const started = spawn(process.execPath, ['-e', parent]);
    const pid = Number(await new Promise<string>((resolve) => started.stdout.once('data', (data) => resolve(String(data)))));
    try {
      // Past the child's start (its TypeScript loader) and well into its busy loop.
      await new Promise((r) => setTimeout(r, 3_000));
      assert.equal(isProcessAlive(pid), true, 'the child was running');
      started.kill('SIGKILL');
      assert.ok(await within(1_000, () => !isProcessAlive(pid)), 'the child outlived its parent');
    } finally {
      started.kill('SIGKILL');
      if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
