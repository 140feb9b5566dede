import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const MODULES = path.resolve('src/modules');
/** What every page shares; anything else belongs to a module. */
const SHARED_PREFIXES = new Set(['site', 'layout', 'error', 'form', 'field', 'page', 'pagination']);

describe('message catalogues', () => {
  it('live beside their module: every module with pages has its Korean and English texts', () => {
    const missing = fs
      .readdirSync(MODULES)
      .filter((m) => fs.readdirSync(path.join(MODULES, m)).some((f) => f.endsWith('.pages.tsx')))
      .flatMap((m) => ['texts.ko.ts', 'texts.en.ts'].filter((f) => !fs.existsSync(path.join(MODULES, m, f))).map((f) => `${m}/${f}`));
    assert.deepEqual(missing, []);
  });

  it('leave only the texts every page shares in shared/i18n', () => {
    const files = fs.readdirSync(path.resolve('src/shared/i18n')).filter((f) => !f.endsWith('.test.ts'));
    assert.deepEqual(files.sort(), ['en.ts', 'index.ts', 'ko.ts', 'particles.ts']);
    for (const file of ['ko.ts', 'en.ts']) {
      const own = [...fs.readFileSync(path.resolve('src/shared/i18n', file), 'utf8').matchAll(/^ {2}'([^'.]+)\./gm)].map(([, prefix]) => prefix!);
      assert.deepEqual([...new Set(own.filter((p) => !SHARED_PREFIXES.has(p)))], [], file);
    }
  });
});
