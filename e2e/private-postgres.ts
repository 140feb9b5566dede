import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A PostgreSQL cluster of the test's own, in a temporary folder, that the test may stop and start. */
export interface PrivatePostgres {
  url: string;
  start(): void;
  /** `fast`: every session is ended and open transactions roll back, as in a restart or failover. */
  stop(): void;
  destroy(): void;
  /**
   * A hot standby streaming from this cluster (pg_basebackup -R), on `port`; `applyDelay` (e.g. '2s')
   * holds back what it replays, so a test can see a replica behind its primary.
   */
  standby(port: number, applyDelay?: string): PrivatePostgres;
}

/**
 * Creates and starts a cluster listening on 127.0.0.1 only. PostgreSQL refuses to run as root, so as
 * root (CI) its programs run as the `postgres` user, which then owns the folder.
 */
export function privatePostgres(port: number): PrivatePostgres {
  const dir = mkdtempSync(path.join(tmpdir(), 'ieumteo-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (program: string, args: string[]) => {
    const [command, fullArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, program), ...args]] : [path.join(BIN, program), args];
    execFileSync(command, fullArgs, { stdio: 'pipe', timeout: 60_000 });
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const cluster = controlled(dir, data, port, run, '', dir);
  cluster.start();
  return cluster;
}

/** Start, stop and removal (of `removes`) of the cluster in `data`; `extra` are more `-c` settings. */
function controlled(dir: string, data: string, port: number, run: (program: string, args: string[]) => void, extra: string, removes: string): PrivatePostgres {
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=50${extra}`;
  const cluster: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, `log-${port}`), '-w', '-t', '30', 'start']),
    stop: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']),
    destroy() {
      try {
        cluster.stop();
      } catch {
        // already stopped
      }
      rmSync(removes, { recursive: true, force: true });
    },
    standby(standbyPort, applyDelay) {
      const copy = path.join(dir, 'standby');
      run('pg_basebackup', ['-D', copy, '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync']);
      const standby = controlled(dir, copy, standbyPort, run, ` -c hot_standby=on${applyDelay ? ` -c recovery_min_apply_delay=${applyDelay}` : ''}`, copy);
      standby.start();
      return standby;
    },
  };
  return cluster;
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString());
  return { uid: id('-u'), gid: id('-g') };
}
