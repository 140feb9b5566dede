import { convertQwertyToHangul, disassemble } from 'es-hangul';
import { distance } from 'fastest-levenshtein';

/**
 * Korean-aware full-text search that behaves the same on PGlite and PostgreSQL.
 * PostgreSQL's parsers cannot split Korean words, so text is indexed as Hangul syllable bigrams
 * plus whole Latin/number words in a `simple` tsvector; a query word becomes its bigrams joined
 * with `<->` (adjacent, so the word matches as a substring) and words are ANDed.
 *
 * What Korean writing needs on top (index and query alike):
 * - NFKC first, so full-width ＥＳＧ ２０２６ are ESG 2026, and the case is folded;
 * - Hangul and Latin letters or digits glued together are separate words (ESG경영 → esg, 경영;
 *   2026년 → 2026, 년);
 * - spacing (띄어쓰기) does not matter: two Hangul words separated only by spaces also index the
 *   bigram across the gap, so 승선신고 finds 승선 신고, and a query's words are ANDed, so 승선 신고
 *   finds 승선신고;
 * - a word followed by a particle (josa) is also found by its stem: 앱과 indexes the lone syllable
 *   앱, and a query word ending in a particle matches the word or its stem.
 */
const WORD = /\p{Script=Hangul}+|(?:(?!\p{Script=Hangul})[\p{L}\p{N}])+/gu;
const HANGUL = /^\p{Script=Hangul}+$/u;
const SPACES = /^[ \t]+$/;

interface Token {
  word: string;
  /** Separated from the previous word by spaces only (not punctuation or a line break). */
  spaced: boolean;
}

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  const folded = normalise(text);
  let end = -1;
  for (const m of folded.matchAll(WORD)) {
    if (out.length >= 10_000) break;
    out.push({ word: m[0], spaced: end >= 0 && SPACES.test(folded.slice(end, m.index)) });
    end = m.index + m[0].length;
  }
  return out;
}

function words(text: string): string[] {
  return tokens(text).map((t) => t.word);
}

function bigrams(word: string): string[] {
  const chars = [...word];
  if (chars.length < 2) return [word];
  return chars.slice(1).map((c, i) => chars[i] + c);
}

// Particles (josa) that follow a noun, longest first, so '협력기관에서' gives '협력기관'.
const PARTICLES = ['에서는', '으로는', '에서', '으로', '에게', '과의', '와의', '까지', '부터', '처럼', '을', '를', '이', '가', '은', '는', '의', '에', '로', '와', '과', '도', '만'];

/** The word without a trailing particle, keeping at least `min` syllables; the word itself when none. */
function stemOf(word: string, min: number): string {
  const particle = PARTICLES.find((p) => word.endsWith(p) && [...word].length - [...p].length >= min);
  return particle ? word.slice(0, -particle.length) : word;
}

/** Text to hand to `to_tsvector('simple', …)`. */
export function searchDocument(...parts: string[]): string {
  const inline: string[] = [];
  // Tokens that must not sit between a word's bigrams: put after everything, where positions do not matter.
  const extra: string[] = [];
  let previous: Token | undefined;
  for (const token of tokens(parts.join('\n'))) {
    const { word } = token;
    if (HANGUL.test(word)) {
      if (previous && token.spaced && HANGUL.test(previous.word)) inline.push([...previous.word].at(-1)! + [...word][0]!);
      inline.push(...bigrams(word));
      // A one-syllable word is its own lexeme; before a particle it is found too (앱과 → 앱).
      const stem = stemOf(word, 1);
      if (stem !== word && [...stem].length === 1) extra.push(stem);
    } else inline.push(word);
    previous = token;
  }
  return [...inline, ...extra].join(' ');
}

/** A phrase of lexemes as a tsquery term; quoted, so nothing a user types can inject tsquery operators. */
function phrase(parts: string[]): string {
  const quoted = parts.map((p) => `'${p.replaceAll("'", "''")}'`);
  return quoted.length > 1 ? `(${quoted.join(' <-> ')})` : (quoted[0] as string);
}

/** One word as a tsquery term: a Korean word's bigrams must be adjacent, so it matches as a substring. */
function wordTerm(word: string): string {
  return phrase(HANGUL.test(word) ? bigrams(word) : [word]);
}

/** A query word: itself, or also its stem when it ends in a particle (휠체어를 finds 휠체어). */
function queryTerm(word: string): string {
  if (!HANGUL.test(word)) return wordTerm(word);
  const stem = stemOf(word, 1);
  return stem === word ? wordTerm(word) : `(${wordTerm(word)} | ${wordTerm(stem)})`;
}

/** A `to_tsquery('simple', …)` string, or null when the query has no searchable word. */
export function searchQuery(input: string): string | null {
  const terms = words(input).slice(0, 8).map(queryTerm);
  return terms.length ? terms.join(' & ') : null;
}

/** A tsquery matching a text that contains any of the words (see `contentWords`), or null. */
export function anyWordQuery(list: string[]): string | null {
  return list.length ? list.map(wordTerm).join(' | ') : null;
}

// Words every demand or profile uses; matching on them says nothing about fit.
const GENERIC = new Set(
  '사업 위한 위해 함께 지원 기관 협력 협업 필요 제공 운영 관련 지역 분야 대한 통해 있는 있습니다 합니다 찾습니다 하고 주민 대상 활용 추진 공공 민간 기반 가능 경우 희망 참여 모집'.split(' '),
);

/**
 * The words of a text that say what it is about, for matching demands and organisations: Korean
 * words of two syllables or more with a trailing particle cut off, Latin words of three letters or
 * more; generic words dropped, each once, at most `max`.
 */
export function contentWords(text: string, max = 20): string[] {
  const found = new Set<string>();
  for (const word of words(text)) {
    let stem = word;
    if (HANGUL.test(word)) {
      stem = stemOf(word, 2);
      if ([...stem].length < 2) continue;
    } else if (stem.length < 3) continue;
    if (GENERIC.has(stem)) continue;
    found.add(stem);
    if (found.size >= max) break;
  }
  return [...found];
}

/** The words of a text as search splits and folds them (ＥＳＧ경영 → esg, 경영). */
export function searchWords(text: string): string[] {
  return words(text);
}

/** A word and, for a Korean word ending in a particle, the word without it (휠체어를 → 휠체어를, 휠체어). */
export function wordForms(word: string): string[] {
  const stem = HANGUL.test(word) ? stemOf(word, 1) : word;
  return stem === word ? [word] : [word, stem];
}

/** The words of a query, as the search matched them (for highlighting matches). */
export function queryTerms(input: string | undefined): string[] {
  return input ? words(input).slice(0, 8) : [];
}

/** A word as typed key by key: Hangul taken apart into jamo (휠체어 → ㅎㅜㅣㄹㅊㅔㅇㅓ), other letters as they are. */
export function jamoOf(word: string): string {
  return disassemble(word);
}

/**
 * How far apart two words are as typed: edits between their `jamoOf` forms, so 휠체여 → 휠체어 and
 * 낙시 → 낚시 are one edit each.
 */
export function jamoDistance(a: string, b: string): number {
  return distance(a, b);
}

/** A Latin word typed with the keyboard left in English (gnlfcpdj → 휠체어), or null when it makes no Hangul. */
export function hangulFromQwerty(word: string): string | null {
  if (!/^[a-z]+$/i.test(word)) return null;
  const converted = convertQwertyToHangul(word);
  return /^[가-힣]+$/.test(converted) ? converted : null;
}
