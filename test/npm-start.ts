import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_STAMP, DEMO_TEMPLATE_FRESH_MS, demoTemplateDir } from '../src/seed/demo-template.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * What `npm start` hands to node (package.json's start script, after `node`): a server process that
 * a browser test or a benchmark starts runs with the same flags as people's.
 */
export const NPM_START_ARGS: string[] = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start.split(' ').slice(1);

/**
 * Makes the demo ahead again, as a new `npm ci` would, when there is none for this code (a source
 * file changed since) or it was made longer ago than its dates hold: a first start then copies it,
 * which the journeys and the start benchmark mean to measure.
 */
export function freshDemoTemplate(): void {
  const stamp = path.join(demoTemplateDir(), DEMO_STAMP);
  const madeAt = existsSync(stamp) ? new Date(JSON.parse(readFileSync(stamp, 'utf8')).madeAt).getTime() : 0;
  if (!(Date.now() - madeAt < DEMO_TEMPLATE_FRESH_MS / 2)) execFileSync(process.execPath, ['--import', 'tsx', 'src/seed/make-demo-template.ts'], { cwd: ROOT });
}
