import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The nginx site that docs/OPERATIONS.md recommends in front of several instances: round robin over
 * `upstreams`, the client's address passed on, and the live-notice stream unbuffered with a long read
 * timeout. `port` is where it listens on 127.0.0.1.
 */
export function nginxSite(port: number, upstreams: string[]): string {
  return `
upstream ieumteo {
${upstreams.map((address) => `  server ${address} max_fails=1 fail_timeout=5s;`).join('\n')}
  keepalive 16;
}
server {
  listen 127.0.0.1:${port};
  client_max_body_size 12m;
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host $host;
  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
  proxy_set_header X-Forwarded-Proto $scheme;
  proxy_set_header X-Request-Id $request_id;
  location / {
    proxy_pass http://ieumteo;
    proxy_next_upstream error timeout http_503;
  }
  location = /notifications/stream {
    proxy_pass http://ieumteo;
    proxy_buffering off;
    proxy_read_timeout 1h;
  }
}`;
}

export interface ReverseProxy {
  url: string;
  stop(): Promise<void>;
}

/** Debian's nginx with `nginxSite`, in a folder of its own; as root its workers run as root too. */
export async function startNginx(port: number, upstreams: string[]): Promise<ReverseProxy> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ieumteo-nginx-'));
  mkdirSync(path.join(dir, 'logs'));
  const asRoot = process.getuid?.() === 0;
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `${asRoot ? 'user root;' : ''}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  ${nginxSite(port, upstreams)}
}`,
  );
  const child: ChildProcess = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (d) => (errors += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`nginx did not start: ${errors}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    if (tries > 100) throw new Error(`nginx did not answer: ${errors}`);
    await sleep(100);
  }
  return {
    url,
    async stop() {
      child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
