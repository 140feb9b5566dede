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

/** A `to_tsquery('simple', …)` string, or null when the query has no searchable word. */
export function searchQuery(input: string): string | null {
  const terms = words(input)
    .slice(0, 8)
    .map((word) => {
      const parts = HANGUL.test(word) ? bigrams(word) : [word];
      // Quoted lexemes: nothing the user types can inject tsquery operators.
      const quoted = parts.map((p) => `'${p.replaceAll("'", "''")}'`);
      return quoted.length > 1 ? `(${quoted.join(' <-> ')})` : quoted[0];
    });
  return terms.length ? terms.join(' & ') : null;
}

/** The words of a query, as the search matched them (for highlighting matches). */
export function queryTerms(input: string | undefined): string[] {
  return input ? words(input).slice(0, 8) : [];
}
