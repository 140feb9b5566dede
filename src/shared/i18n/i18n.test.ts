import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from './index.ts';
import { withParticle } from './particles.ts';

const ko = translator('ko');
const en = translator('en');

describe('Korean particles after a placeholder', () => {
  it('chooses 이/가, 을/를, 은/는, 와/과 by whether the word ends in a final consonant', () => {
    assert.equal(withParticle('국립공원공단', '와/과'), '국립공원공단과');
    assert.equal(withParticle('푸른바다', '와/과'), '푸른바다와');
    assert.equal(withParticle('국립공원공단', '이/가'), '국립공원공단이');
    assert.equal(withParticle('푸른바다', '이/가'), '푸른바다가');
    assert.equal(withParticle('자원봉사 인력', '을/를'), '자원봉사 인력을');
    assert.equal(withParticle('물품 기부', '을/를'), '물품 기부를');
    assert.equal(withParticle('함께걷는길', '은/는'), '함께걷는길은');
    assert.equal(withParticle('이음터', '은/는'), '이음터는');
  });

  it('takes 로 after ㄹ as after a vowel, 으로 after other final consonants', () => {
    assert.equal(withParticle('서울', '으로/로'), '서울로');
    assert.equal(withParticle('함께걷는길', '으로/로'), '함께걷는길로');
    assert.equal(withParticle('부산', '으로/로'), '부산으로');
    assert.equal(withParticle('제주', '으로/로'), '제주로');
  });

  it('reads numbers, capitals and Latin words as they are said, and looks past quotes and asides', () => {
    assert.equal(withParticle('2026', '이/가'), '2026이');
    assert.equal(withParticle('10', '을/를'), '10을');
    assert.equal(withParticle('2', '이/가'), '2가');
    assert.equal(withParticle('7', '으로/로'), '7로');
    assert.equal(withParticle('KOICA', '와/과'), 'KOICA와');
    assert.equal(withParticle('HTML', '으로/로'), 'HTML로');
    assert.equal(withParticle('KTX', '이/가'), 'KTX가');
    assert.equal(withParticle('Google', '이/가'), 'Google이');
    assert.equal(withParticle('Robot', '을/를'), 'Robot을');
    assert.equal(withParticle('Partner', '이/가'), 'Partner가');
    assert.equal(withParticle("'물품 기증'", '을/를'), "'물품 기증'을");
    assert.equal(withParticle('국립공원공단(KNPS)', '이/가'), '국립공원공단(KNPS)이');
    assert.equal(withParticle('…', '이/가'), '…이(가)', 'nothing readable: both, as Korean writes them');
    assert.equal(withParticle('…', '으로/로'), '…(으)로');
  });

  it('fills catalogue placeholders of the form {name|이/가}, also quoted inside the braces', () => {
    assert.equal(ko('thread.title', { org: '국립공원공단' }), '국립공원공단과의 협의');
    assert.equal(ko('thread.title', { org: '푸른바다' }), '푸른바다와의 협의');
    assert.equal(ko('notice.newReply', { org: '함께걷는길', title: '해변 정화' }), "함께걷는길이 '해변 정화'에 참여 답글을 남겼습니다.");
    assert.equal(ko('notice.newReply', { org: '푸른바다', title: '해변 정화' }), "푸른바다가 '해변 정화'에 참여 답글을 남겼습니다.");
    assert.equal(ko('fit.reciprocity', { capability: '자원봉사 인력' }), "이 기관이 찾는 '자원봉사 인력'을 귀 기관이 제공");
    assert.equal(ko('fit.reciprocity', { capability: '물품 기부' }), "이 기관이 찾는 '물품 기부'를 귀 기관이 제공");
  });

  it('leaves no particle pair written out in the Korean catalogue', async () => {
    const { ko: catalogue } = await import('./ko.ts');
    const doubled = Object.entries(catalogue).filter(([, text]) => /[가-힣]\((?:이|가|을|를|은|는|와|과|으)\)/.test(text));
    assert.deepEqual(doubled, []);
  });
});

describe('English plurals', () => {
  it('picks the form Intl.PluralRules gives for the count, formatted or not', () => {
    assert.equal(en('reply.listTitle', { count: 1 }), '1 reply');
    assert.equal(en('reply.listTitle', { count: 2 }), '2 replies');
    assert.equal(en('reply.listTitle', { count: 0 }), '0 replies');
    assert.equal(en('org.resultCount', { count: '1,234' }), '1,234 organisations');
    assert.equal(en('org.resultCount', { count: '1' }), '1 organisation');
    assert.equal(en('stats.days', { n: 1 }), '1 day');
    assert.equal(en('stats.days', { n: '1.5' }), '1.5 days');
    assert.equal(ko('reply.listTitle', { count: 1 }), '참여 답글 1건');
  });

  it('writes every count of the English catalogue through a plural form', async () => {
    const { en: catalogue } = await import('./en.ts');
    // "{count} replies": a number placeholder right before an English plural noun.
    const fixed = Object.entries(catalogue).filter(([, text]) => /\{(?:count|n|days|minutes|total|conflicts)\} [a-z]+s\b/.test(text));
    assert.deepEqual(fixed, []);
  });
});

describe('Korean particles in the catalogue', () => {
  it('lets the word choose the particle after every placeholder', async () => {
    const { ko: catalogue } = await import('./ko.ts');
    // "'{title}'은": a fixed particle after a placeholder, right for some words and wrong for others.
    const fixed = Object.entries(catalogue).filter(([, text]) => /\{[^{}|]+\}['’"”]?(?:은|는|이|가|을|를|와|과)(?=[\s.,!?)]|$)/.test(text));
    assert.deepEqual(fixed, []);
  });
});
