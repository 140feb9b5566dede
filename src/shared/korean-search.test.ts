import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchDocument, searchQuery } from './korean-search.ts';

describe('Korean search tokens', () => {
  it('indexes Hangul as syllable bigrams and Latin words whole', () => {
    assert.equal(searchDocument('휠체어, 기증', 'NGO Seoul'), '휠체 체어 기증 ngo seoul');
    assert.equal(searchDocument('길'), '길');
  });

  it('turns each query word into adjacent bigrams, ANDed across words', () => {
    assert.equal(searchQuery('휠체어 기증'), "('휠체' <-> '체어') & '기증'");
    assert.equal(searchQuery('AI 데이터'), "'ai' & ('데이' <-> '이터')");
  });

  it('folds full-width forms and case, and splits Latin letters and digits from Hangul', () => {
    assert.equal(searchDocument('ＥＳＧ ２０２６'), 'esg 2026');
    assert.equal(searchDocument('ESG경영 2026년 AI기반'), 'esg 경영 2026 년 ai 기반');
    assert.equal(searchQuery('ＡＩ기반'), "'ai' & '기반'");
  });

  it('ignores spacing: words apart also index the bigram across the gap, and query words are ANDed', () => {
    assert.equal(searchDocument('승선 신고'), '승선 선신 신고');
    assert.equal(searchQuery('승선신고'), "('승선' <-> '선신' <-> '신고')");
    assert.equal(searchDocument('승선. 신고'), '승선 신고', 'not across punctuation');
  });

  it('finds a one-syllable word before its particle, and a query word with a particle by its stem too', () => {
    assert.equal(searchDocument('앱과 연동'), '앱과 과연 연동 앱');
    assert.equal(searchQuery('앱'), "'앱'");
    assert.equal(searchQuery('휠체어를'), "(('휠체' <-> '체어' <-> '어를') | ('휠체' <-> '체어'))");
  });

  it('drops tsquery syntax a user types', () => {
    assert.equal(searchQuery("') | !x & <-> :*"), "'x'");
    assert.equal(searchQuery('   '), null);
  });
});
