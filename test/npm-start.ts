import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * What `npm start` hands to node (package.json's start script, after `node`): a server process that
 * a browser test or a benchmark starts runs with the same flags as people's.
 */
export const NPM_START_ARGS: string[] = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start.split(' ').slice(1);
