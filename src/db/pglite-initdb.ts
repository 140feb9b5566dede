/**
 * Creates an embedded database folder and exits: `initdb` in WebAssembly takes ~500 MB that a
 * process never gives back, so the server has it done in a child process of its own
 * (`openPglite`). Usage: node src/db/pglite-initdb.ts <folder>
 */
import { PGlite } from '@electric-sql/pglite';

const folder = process.argv[2];
if (!folder) throw new Error('usage: pglite-initdb <folder>');
const pglite = await PGlite.create(folder);
await pglite.close();
