/**
 * The demo, made ahead by `npm ci`'s postinstall (`make-demo-template.ts`) as a data folder of its
 * own: a first `npm start` soon after copies it (~0.3 s) instead of loading the demo through the
 * services (~6 s of ~9,700 queries). The demo's dates are relative to when it was made (answers due,
 * reports late, next week's briefing), so a copy is taken only within a day of that, on the real
 * clock and for the code that made it; otherwise the demo is made afresh.
 * Light to import: the first start reads it before loading the application.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { acquireDataDirLock } from '../db/data-dir-lock.ts';
import { CACHE_DIR, copyDatabaseFolder, copyFolder, isDatabaseFolder, isSealedDatabaseFolder, pgdataOf } from '../db/pglite-folder.ts';

const SRC = path.resolve(import.meta.dirname, '..');
/** How long a demo made ahead stays true enough to show: its deadlines move on with the clock. */
export const DEMO_TEMPLATE_FRESH_MS = 24 * 60 * 60 * 1000;
/** The side folder in a data folder where the first start's child makes the demo (`demo-database-cli.ts`). */
export const DEMO_PARTIAL = 'demo-database.partial';
/** The file in a demo template saying when, and for which base URL, it was made. */
export const DEMO_STAMP = 'demo.json';

export interface DemoStamp {
  /** ISO 8601 instant of the clock the demo was made at. */
  madeAt: string;
  /** `BASE_URL` of the demo's links (mail, webhooks). */
  baseUrl: string;
}

/** Changes with any source file (migrations, services, the seed) or PGlite: a demo of other code is never copied. */
function codeHash(): string {
  const hash = createHash('sha256');
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(tsx?|json)$/.test(file) && !/\.test\.tsx?$|(^|\/)test\//.test(file))
    .sort();
  for (const file of files) hash.update(file).update(readFileSync(path.join(SRC, file)));
  hash.update(readFileSync(path.join(SRC, '../node_modules/@electric-sql/pglite/package.json')));
  return hash.digest('hex').slice(0, 16);
}

/** The demo template's folder for this code: a data folder (`pgdata`, `files`) and its stamp. */
export function demoTemplateDir(): string {
  return path.join(CACHE_DIR, `demo-${codeHash()}`);
}

function stampOf(template: string): DemoStamp | null {
  try {
    return JSON.parse(readFileSync(path.join(template, DEMO_STAMP), 'utf8')) as DemoStamp;
  } catch {
    return null;
  }
}

/** A clock this far behind the one that made the demo still takes it (two machines' clocks, a VM's). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** What `copyDemoTemplate` did: copied a demo made for `madeFor` (its base URL), or why not. */
export type DemoCopy = { copied: true; madeFor: string } | { copied: false; why: string };

/**
 * Makes `config.dataDir`, which holds no database, a copy of the demo template when one fits: made
 * for this code, whole as it was sealed, within `DEMO_TEMPLATE_FRESH_MS` before `now`, and the server runs on the real
 * clock (`CLOCK_START` unset). Its links name the base URL it was made for (`madeFor`), which the
 * caller points at its own (`rebaseDemoMail`). The attachments are copied first and the database
 * last, under another name and renamed, under the data folder's lock: a start that dies half-way
 * leaves no half database; a side folder of a demo a killed start was making goes.
 * Throws `DataDirLockedError` when another process holds the folder.
 */
export function copyDemoTemplate(config: Pick<Config, 'dataDir' | 'clockStart'>, now: Date, template = demoTemplateDir()): DemoCopy {
  const stamp = stampOf(template);
  if (!stamp || !isDatabaseFolder(pgdataOf(template))) return { copied: false, why: 'no demo was made ahead for this code (npm ci makes it)' };
  if (!isSealedDatabaseFolder(pgdataOf(template))) return { copied: false, why: 'the demo made ahead is damaged: its files are not those it was made with' };
  if (config.clockStart) return { copied: false, why: 'CLOCK_START is set' };
  const age = now.getTime() - new Date(stamp.madeAt).getTime();
  if (!(age >= -CLOCK_SKEW_MS)) return { copied: false, why: `the demo made ahead is dated after this clock (${stamp.madeAt})` };
  if (!(age <= DEMO_TEMPLATE_FRESH_MS)) return { copied: false, why: `the demo made ahead is more than a day old (${stamp.madeAt}): its dates have moved on` };
  const lock = acquireDataDirLock(config.dataDir);
  try {
    const target = pgdataOf(config.dataDir);
    // Another start made it between the caller's look and this lock: it is there, nothing to do.
    if (isDatabaseFolder(target)) return { copied: true, madeFor: stamp.baseUrl };
    rmSync(path.join(config.dataDir, DEMO_PARTIAL), { recursive: true, force: true });
    const files = path.join(template, 'files');
    if (existsSync(files)) copyFolder(files, path.join(config.dataDir, 'files'), { force: false });
    copyDatabaseFolder(pgdataOf(template), target);
    return { copied: true, madeFor: stamp.baseUrl };
  } finally {
    lock.release();
  }
}
