import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2]!;
const f = readdirSync(dir)[0]!;
const p = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
const byId = new Map<number, any>(p.nodes.map((n: any) => [n.id, n]));
const self = new Map<string, number>();
p.samples.forEach((id: number, i: number) => { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/work\/main\//, '')}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (p.timeDeltas[i] ?? 0)); });
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFile = new Map<string, number>();
for (const [k, v] of self) { const file = k.split(' ').slice(1).join(' ').replace(/:\d+$/, ''); const key = file.includes('node_modules') || !file.includes('/') ? file.split('/')[0]! : file; byFile.set(key, (byFile.get(key) ?? 0) + v); }
console.log('total', (total / 1e6).toFixed(1), 's');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((100 * v / total).toFixed(1).padStart(5), '%', k);
console.log('--- by file');
for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((100 * v / total).toFixed(1).padStart(5), '%', k);
