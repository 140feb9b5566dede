import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { seedDemoIfEmpty } from '../../../seed/demo-seed.ts';
import { ANONYMOUS } from '../../../shared/context.ts';
import { ctxFor } from '../../accounts/test/builders.ts';
import { browseDemands } from '../demands.service.ts';
import { type QueryKind, SEARCH_QUALITY_SET } from './search-quality-set.ts';

interface Scored {
  query: string;
  kind: QueryKind;
  recall: number;
  precision: number;
  missed: string[];
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Recall@10 (the share of wanted demands in the first ten results, out of at most ten) and precision@10
 * (the share of those results that were wanted) of the demand search over the labelled set, as a
 * visitor searches with the default filter; the figures go to docs/PERFORMANCE.md.
 */
describe('search quality', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await seedDemoIfEmpty(t.db, t.config, t.clock);
  });
  after(() => t.close());

  it('finds what people look for, however they write it', async () => {
    assert.ok(SEARCH_QUALITY_SET.length >= 60, `${SEARCH_QUALITY_SET.length} queries`);
    const titles = await t.db.selectFrom('demands').select(['id', 'title']).execute();
    const idOf = (start: string) => {
      const found = titles.filter((d) => d.title.startsWith(start));
      assert.equal(found.length, 1, `one demo demand starts with '${start}'`);
      return found[0]!.id;
    };
    const scored: Scored[] = [];
    for (const { query, kind, wanted } of SEARCH_QUALITY_SET) {
      const wantedIds = new Set(wanted.map(idOf));
      const top = (await browseDemands(ctxFor(t.db, ANONYMOUS), { q: query })).page.items.slice(0, 10);
      const hits = top.filter((d) => wantedIds.has(d.id)).length;
      scored.push({
        query,
        kind,
        recall: hits / Math.min(10, wantedIds.size),
        precision: top.length ? hits / top.length : 0,
        missed: wanted.filter((w) => !top.some((d) => d.id === idOf(w))),
      });
    }
    const kinds = [...new Set(scored.map((s) => s.kind))];
    for (const kind of kinds) {
      const of = scored.filter((s) => s.kind === kind);
      console.log(`search quality ${kind}: ${of.length} queries, recall@10 ${mean(of.map((s) => s.recall)).toFixed(3)}, precision@10 ${mean(of.map((s) => s.precision)).toFixed(3)}`);
    }
    const recall = mean(scored.map((s) => s.recall));
    const precision = mean(scored.map((s) => s.precision));
    console.log(`search quality: ${scored.length} queries, recall@10 ${recall.toFixed(3)}, precision@10 ${precision.toFixed(3)}`);
    const loose = scored.filter((s) => s.precision < 1).map((s) => `${s.query} ${s.precision.toFixed(2)}`);
    console.log(`search quality: below full precision: ${loose.join(' · ')}`);
    const missing = scored.filter((s) => s.missed.length).map((s) => `${s.query}: ${s.missed.join(', ')}`);
    assert.deepEqual(missing, [], 'every wanted demand is in the first ten');
    assert.ok(precision >= 0.75, `precision@10 ${precision.toFixed(3)}`);
  });
});
