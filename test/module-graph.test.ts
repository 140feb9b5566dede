import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const MODULES = path.resolve('src/modules');

/** Every non-test source file of a module, with the other modules it imports. */
function importsOf(module: string): Map<string, Set<string>> {
  const byFile = new Map<string, Set<string>>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'test') walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const targets = new Set<string>();
        for (const [, spec] of fs.readFileSync(full, 'utf8').matchAll(/from '([^']+)'/g)) {
          const resolved = path.resolve(dir, spec!);
          if (!resolved.startsWith(MODULES + path.sep)) continue;
          const target = path.relative(MODULES, resolved).split(path.sep)[0]!;
          if (target !== module) targets.add(`${target}:${path.relative(path.join(MODULES, target), resolved)}`);
        }
        byFile.set(path.relative(MODULES, full), targets);
      }
    }
  };
  walk(path.join(MODULES, module));
  return byFile;
}

const modules = fs.readdirSync(MODULES).filter((m) => fs.statSync(path.join(MODULES, m)).isDirectory());
const graph = new Map(modules.map((m) => [m, importsOf(m)]));

describe('module dependencies', () => {
  it('reach another module only through its index.ts', () => {
    const wrong = [...graph.values()].flatMap((files) =>
      [...files].flatMap(([file, targets]) => [...targets].filter((t) => !t.endsWith(':index.ts')).map((t) => `${file} → ${t}`)),
    );
    assert.deepEqual(wrong, []);
  });

  it('run one way: no module depends on itself through others', () => {
    const edges = new Map(modules.map((m) => [m, new Set([...graph.get(m)!.values()].flatMap((t) => [...t].map((x) => x.split(':')[0]!)))]));
    const cycles: string[] = [];
    const visit = (m: string, trail: string[]) => {
      for (const next of edges.get(m)!) {
        if (next === trail[0]) cycles.push([...trail, next].join(' → '));
        else if (!trail.includes(next)) visit(next, [...trail, next]);
      }
    };
    for (const m of modules) visit(m, [m]);
    assert.deepEqual(cycles, []);
  });
});
