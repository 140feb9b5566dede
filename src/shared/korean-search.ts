/**
 * Korean-aware full-text search that behaves the same on PGlite and PostgreSQL.
 * PostgreSQL's parsers cannot split Korean words, so text is indexed as Hangul syllable bigrams
 * plus whole Latin/number words in a `simple` tsvector; a query word becomes its bigrams joined
 * with `<->` (adjacent, so the word matches as a substring) and words are ANDed.
 */
const WORD = /[\p{Script=Hangul}]+|[\p{L}\p{N}]+/gu;
const HANGUL = /^\p{Script=Hangul}+$/u;

function words(text: string): string[] {
  return (text.normalize('NFC').toLowerCase().match(WORD) ?? []).slice(0, 10_000);
}

function bigrams(word: string): string[] {
  const chars = [...word];
  if (chars.length < 2) return [word];
  return chars.slice(1).map((c, i) => chars[i] + c);
}

/** Text to hand to `to_tsvector('simple', …)`. */
export function searchDocument(...parts: string[]): string {
  const tokens: string[] = [];
  for (const word of words(parts.join(' '))) {
    if (HANGUL.test(word)) {
      tokens.push(...bigrams(word));
      // A lone syllable is indexed too, so one-syllable queries find it.
      if ([...word].length === 1) tokens.push(word);
    } else tokens.push(word);
  }
  return tokens.join(' ');
}

/** One word as a tsquery term: a Korean word's bigrams must be adjacent, so it matches as a substring. */
function wordTerm(word: string): string {
  const parts = HANGUL.test(word) ? bigrams(word) : [word];
  // Quoted lexemes: nothing the user types can inject tsquery operators.
  const quoted = parts.map((p) => `'${p.replaceAll("'", "''")}'`);
  return quoted.length > 1 ? `(${quoted.join(' <-> ')})` : (quoted[0] as string);
}

/** A `to_tsquery('simple', …)` string, or null when the query has no searchable word. */
export function searchQuery(input: string): string | null {
  const terms = words(input).slice(0, 8).map(wordTerm);
  return terms.length ? terms.join(' & ') : null;
}

/** A tsquery matching a text that contains any of the words (see `contentWords`), or null. */
export function anyWordQuery(list: string[]): string | null {
  return list.length ? list.map(wordTerm).join(' | ') : null;
}

// Endings that follow a noun in Korean (josa), longest first, so '협력기관에서' gives '협력기관'.
const PARTICLES = ['에서는', '으로는', '에서', '으로', '에게', '과의', '와의', '을', '를', '이', '가', '은', '는', '의', '에', '로', '와', '과', '도', '만'];
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
      const particle = PARTICLES.find((p) => stem.endsWith(p) && [...stem].length - [...p].length >= 2);
      if (particle) stem = stem.slice(0, -particle.length);
      if ([...stem].length < 2) continue;
    } else if (stem.length < 3) continue;
    if (GENERIC.has(stem)) continue;
    found.add(stem);
    if (found.size >= max) break;
  }
  return [...found];
}

/** The words of a query, as the search matched them (for highlighting matches). */
export function queryTerms(input: string | undefined): string[] {
  return input ? words(input).slice(0, 8) : [];
}
