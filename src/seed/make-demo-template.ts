/**
 * `npm ci`'s postinstall, after the database template: makes the demo ahead, as `npm start` would
 * with its default settings, in `node_modules/.cache/ieumteo/demo-<code hash>`, so that a first
 * start within a day copies it instead of making it (`demo-template.ts`). Written under another name
 * and renamed, so never seen half-made; demos of older code are removed.
 * Usage: node --import tsx src/seed/make-demo-template.ts
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { CACHE_DIR, pgdataOf, sealDatabaseFolder } from '../db/pglite-folder.ts';
import { serverClock } from '../shared/clock.ts';
import { seedDemoFolder } from './demo-folder.ts';
import { DEMO_STAMP, type DemoStamp, demoTemplateDir } from './demo-template.ts';

const started = performance.now();
const template = demoTemplateDir();
const side = `${template}.${process.pid}`;
rmSync(side, { recursive: true, force: true });
mkdirSync(side, { recursive: true });
// A plain `npm start`'s settings, with this folder as its data folder: its links use the default base URL.
const config = loadConfig({ DATA_DIR: side });
const clock = serverClock();
const stamp: DemoStamp = { madeAt: clock().toISOString(), baseUrl: config.baseUrl };
await seedDemoFolder(side, config, clock, { runJobs: true });
sealDatabaseFolder(pgdataOf(side));
writeFileSync(path.join(side, DEMO_STAMP), JSON.stringify(stamp));
for (const name of readdirSync(CACHE_DIR)) if (/^demo-[0-9a-f]+$/.test(name)) rmSync(path.join(CACHE_DIR, name), { recursive: true, force: true });
renameSync(side, template);
console.log(`demo data made ahead for a first start (${((performance.now() - started) / 1000).toFixed(1)} s)`);
