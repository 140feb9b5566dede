/**
 * Partner recommendations: quality against a world whose true partners are known, and latency.
 * Quality: a generated world (ORGS 5000, DEMANDS 20000, see generate-world.ts) where every sampled
 * demand's five true partners come from the generator's hidden model; the recommender (rankPartners)
 * and two baselines — capability overlap only, profile words only — each pick ten, scored by
 * recall@10 and MRR. Latency: the world grown to LATENCY_ORGS (10000) and LATENCY_DEMANDS (100000),
 * then one rankPartners call at a time for SAMPLE (300) live demands. Usage:
 *   node --import tsx bench/discovery.bench.ts            # embedded database (in memory)
 *   DATABASE_URL=postgres://postgres@localhost/test?host=/var/run/postgresql node --import tsx bench/discovery.bench.ts
 * Prints figures; never fails on them.
 */
import { rankPartners } from '../src/modules/discovery/partners.service.ts';
import { contentWords } from '../src/shared/korean-search.ts';
import { openBenchDatabase } from './bench-db.ts';
import { percentile } from './load.ts';
import { generateWorld, truePartners, utility, type World, type WorldDemand, type WorldOrg } from './generate-world.ts';

const ORGS = Number(process.env.ORGS ?? 5_000);
const DEMANDS = Number(process.env.DEMANDS ?? 20_000);
const LATENCY_ORGS = Number(process.env.LATENCY_ORGS ?? 10_000);
const LATENCY_DEMANDS = Number(process.env.LATENCY_DEMANDS ?? 100_000);
const SAMPLE = Number(process.env.SAMPLE ?? 300);
const TOP = 10;
const TRUE_PARTNERS = 5;

const database = await openBenchDatabase();
const db = database.db;
let started = performance.now();
const world = await generateWorld(db, { orgs: ORGS, demands: DEMANDS });
console.log(`${database.kind}: generated ${ORGS} organisations and ${DEMANDS} demands in ${Math.round((performance.now() - started) / 1000)} s`);

const rowOf = (d: WorldDemand) => ({ id: d.id, org_id: d.orgId, target_sectors: d.targetSector ? [d.targetSector] : [], target_regions: [] });
const sample = (w: World) => w.demands.filter((d) => d.live).filter((_, i) => i % 7 === 0).slice(0, SAMPLE);

/** The ten best by a simple score, ties broken by id as the recommender breaks them. */
function topBy(w: World, demand: WorldDemand, score: (o: WorldOrg) => number): number[] {
  return w.orgs
    .filter((o) => o.id !== demand.orgId)
    .map((o) => ({ id: o.id, score: score(o) }))
    .filter((o) => o.score > 0)
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, TOP)
    .map((o) => o.id);
}

const baselines: Record<string, (demand: WorldDemand) => number[]> = {
  'capability overlap only': (d) => topBy(world, d, (o) => d.needs.filter((n) => o.capabilities.has(n.capabilityId)).length),
  'profile words only': (d) => {
    const words = d.needs.map((n) => contentWords(n.text));
    return topBy(world, d, (o) => words.filter((ws) => ws.some((w) => o.text.includes(w))).length);
  },
  // Not a rival: the generator's own model without its noise, which sees the hidden skills; a ceiling.
  'ceiling: hidden model without noise': (d) => topBy(world, d, (o) => utility(d, o) + 10),
};

function score(picked: number[], truth: number[]): { recall: number; rr: number } {
  const rank = picked.findIndex((id) => truth.includes(id));
  return { recall: picked.filter((id) => truth.includes(id)).length / truth.length, rr: rank < 0 ? 0 : 1 / (rank + 1) };
}

const demands = sample(world);
const totals = new Map<string, { recall: number; rr: number }>();
const add = (name: string, s: { recall: number; rr: number }) => {
  const t = totals.get(name) ?? { recall: 0, rr: 0 };
  totals.set(name, { recall: t.recall + s.recall, rr: t.rr + s.rr });
};
for (const demand of demands) {
  const truth = truePartners(world, demand, TRUE_PARTNERS, demand.id);
  const picked = (await rankPartners(db, rowOf(demand), new Date(), TOP)).map((r) => r.org.id);
  add('recommender (rankPartners)', score(picked, truth));
  for (const [name, baseline] of Object.entries(baselines)) add(name, score(baseline(demand), truth));
}
console.log(`\nQuality: ${demands.length} live demands, ${TRUE_PARTNERS} hidden true partners each, top ${TOP}`);
console.log('| ranking | recall@10 | MRR |');
console.log('|---|---:|---:|');
for (const [name, t] of totals) console.log(`| ${name} | ${(t.recall / demands.length).toFixed(3)} | ${(t.rr / demands.length).toFixed(3)} |`);

started = performance.now();
const grown = await generateWorld(db, { orgs: LATENCY_ORGS - ORGS, demands: LATENCY_DEMANDS - DEMANDS }, 12);
console.log(`\ngrew the world to ${LATENCY_ORGS} organisations and ${LATENCY_DEMANDS} demands in ${Math.round((performance.now() - started) / 1000)} s`);
const timed = sample({ orgs: [], demands: [...world.demands, ...grown.demands] });
for (const demand of timed.slice(0, 20)) await rankPartners(db, rowOf(demand), new Date(), TOP); // warm-up
const times: number[] = [];
for (const demand of timed) {
  const t0 = performance.now();
  await rankPartners(db, rowOf(demand), new Date(), TOP);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const p = (q: number) => percentile(times, q).toFixed(1);
console.log(`\nLatency of one recommendation (${database.kind}, ${times.length} demands, one at a time), ms`);
console.log('| p50 | p95 | p99 | max |');
console.log('|---:|---:|---:|---:|');
console.log(`| ${p(50)} | ${p(95)} | ${p(99)} | ${times.at(-1)?.toFixed(1)} |`);
console.log(`\nRSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
await database.close();
