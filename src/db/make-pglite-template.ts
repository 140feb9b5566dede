/**
 * `npm ci`'s postinstall: makes the embedded database's template, so that a first `npm start` (and
 * every test database) loads a migrated database instead of running initdb and the migrations.
 * Usage: node --import tsx src/db/make-pglite-template.ts
 */
import { ensurePgliteTemplate } from './pglite-template.ts';

const started = performance.now();
await ensurePgliteTemplate();
console.log(`embedded database template ready (${((performance.now() - started) / 1000).toFixed(1)} s)`);
