import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { ANONYMOUS } from '../../../shared/context.ts';
import { ctxAs, ctxFor } from '../../accounts/test/builders.ts';
import { browseDemands, closeDemand } from '../demands.service.ts';
import { buildDemand } from './builders.ts';

/** The kinds of Korean writing the issue found search blind to, each as it was reported. */
describe('searching Korean words', () => {
  let t: TestApp;
  const titlesFound = async (q: string) => (await browseDemands(ctxFor(t.db, ANONYMOUS), { q })).page.items.map((d) => d.title);
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('finds Latin letters and digits glued to Hangul, and full-width forms, by each part', async () => {
    await buildDemand(t.db, { title: 'ESG경영 2026년 AI기반 진단 도구' });
    await buildDemand(t.db, { title: 'ＥＳＧ ２０２６ 전각 문자 공고' });
    for (const q of ['ESG', '경영', '2026', 'AI', 'ai기반', 'ＥＳＧ경영']) assert.ok((await titlesFound(q)).some((x) => x.startsWith('ESG경영')), q);
    for (const q of ['ESG', '2026', 'esg']) assert.ok((await titlesFound(q)).some((x) => x.startsWith('ＥＳＧ')), q);
  });

  it('ignores spacing in either direction, and finds a one-syllable word before its particle', async () => {
    await buildDemand(t.db, { title: '어선 승선 신고를 쉽게', body: '바다낚시 예약 앱과 연계합니다.' });
    await buildDemand(t.db, { title: '출입항신고 간소화' });
    assert.ok((await titlesFound('승선신고')).includes('어선 승선 신고를 쉽게'));
    assert.ok((await titlesFound('출입항 신고')).includes('출입항신고 간소화'));
    assert.ok((await titlesFound('앱')).includes('어선 승선 신고를 쉽게'));
    assert.ok((await titlesFound('바다낚시 예약 앱')).includes('어선 승선 신고를 쉽게'));
  });

  it('searches ended demands too, theme names in both languages, and corrects a typo when nothing is found', async () => {
    const ended = await buildDemand(t.db, { title: '폐휠체어 수리 협력', themes: ['보훈'] });
    await closeDemand(await ctxAs(t.db, ended.org.admin), ended.id);
    assert.ok((await titlesFound('폐휠체어')).includes('폐휠체어 수리 협력'), 'a closed demand is found by its words');
    assert.equal((await browseDemands(ctxFor(t.db, ANONYMOUS), {})).page.items.some((d) => d.id === ended.id), false, 'browsing shows demands taking replies');
    assert.ok((await titlesFound('보훈')).includes('폐휠체어 수리 협력'));
    assert.ok((await titlesFound('veterans')).includes('폐휠체어 수리 협력'));

    const list = await browseDemands(ctxFor(t.db, ANONYMOUS), { q: '휠체여' });
    assert.equal(list.typedQuery, '휠체여');
    assert.equal(list.filter.q, '휠체어');
    const page = await t.agent().get(`/demands?q=${encodeURIComponent('휠체여')}`);
    assert.match(page.body, /'휠체여'로는 찾은 수요과제가 없어 '휠체어'로 찾았습니다/);
    assert.match(page.body, /폐<mark>휠체어<\/mark> 수리 협력/);
    assert.equal((await browseDemands(ctxFor(t.db, ANONYMOUS), { q: '어쩌구저쩌구' })).typedQuery, undefined, 'nothing close: nothing invented');
  });

  it('answers a search that finds nothing without reading the list for it', async () => {
    // The list's page query walks the demands newest first when the words are rare; with none at all
    // it would walk every one (a second at 100,000 demands) to find nothing.
    let queries = 0;
    const recording = t.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        queries += 1;
        return args.result;
      },
    });
    const ctx = ctxFor(recording, ANONYMOUS);
    await browseDemands(ctx, { q: '없는낱말꾸러미' });
    queries = 0;
    const again = await browseDemands(ctx, { q: '없는낱말꾸러미' });
    assert.equal(again.total, 0);
    assert.deepEqual(again.page.items, []);
    assert.equal(queries, 1, 'counted afresh, found none, and read no page');
  });
});
