/**
 * Writes the typed client's types (`clients/typescript/ieumteo-api.ts`) from the OpenAPI document
 * the routes declare: `npm run api:client`. A test fails when the file is older than the routes.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiTypes } from './client-types.ts';

const file = path.resolve(import.meta.dirname, '../../../clients/typescript/ieumteo-api.ts');
writeFileSync(file, await apiTypes());
console.log(`Wrote ${path.relative(process.cwd(), file)}`);
