import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchDocument, searchQuery } from './korean-search.ts';

describe('Korean search tokens', () => {
  it('indexes Hangul as syllable bigrams and Latin words whole', () => {
    assert.equal(searchDocument('휠체어 기증', 'NGO Seoul'), '휠체 체어 기증 ngo seoul');
    assert.equal(searchDocument('길'), '길 길');
  });

  it('turns each query word into adjacent bigrams, ANDed across words', () => {
    assert.equal(searchQuery('휠체어 기증'), "('휠체' <-> '체어') & '기증'");
    assert.equal(searchQuery('AI 데이터'), "'ai' & ('데이' <-> '이터')");
  });

  it('drops tsquery syntax a user types', () => {
    assert.equal(searchQuery("') | !x & <-> :*"), "'x'");
    assert.equal(searchQuery('   '), null);
  });
});
