import type { Db } from '../../shared/context.ts';
import { hangulFromQwerty, jamoDistance, jamoOf, queryTerms, searchWords, wordForms } from '../../shared/korean-search.ts';

/** The vocabulary is worked out again after this long (it grows slowly, and only a search that found nothing reads it). */
const FRESH_MS = 10 * 60 * 1000;

/** At most this many words are kept, the most used first: enough for every word of a national vocabulary of titles. */
const MAX_WORDS = 60_000;

interface Known {
  word: string;
  /** The word taken apart into jamo once, not at every comparison. */
  jamo: string;
  /** How many titles use it (a tie between two corrections goes to the commoner word). */
  count: number;
}

interface Vocabulary {
  at: number;
  words: Set<string>;
  /** The words by their length in characters, so a word is compared only with words of about its length. */
  byLength: Map<number, Known[]>;
  /** Corrections already worked out (a misspelt word tends to be typed again). */
  corrections: Map<string, string | null>;
}

const vocabularies = new WeakMap<Db, Promise<Vocabulary>>();
const refreshing = new WeakSet<Db>();

/**
 * A word as people may search for it: whole, without a particle, and — Korean compounds being searched
 * by their parts (폐휠체어 → 휠체어, 바다낚시 → 낚시) — each beginning and end of two syllables or more.
 */
function wordParts(word: string): string[] {
  const parts = new Set<string>();
  for (const form of wordForms(word)) {
    parts.add(form);
    const syllables = [...form];
    if (!/^[가-힣]{3,}$/.test(form)) continue;
    for (let n = 2; n < syllables.length; n++) {
      parts.add(syllables.slice(0, n).join(''));
      parts.add(syllables.slice(-n).join(''));
    }
  }
  return [...parts];
}

/** The words of published demands' titles and the names of themes and capabilities, in Korean and English. */
async function buildVocabulary(db: Db, now: number): Promise<Vocabulary> {
  const [titles, names] = await Promise.all([
    db.selectFrom('demands').select('title').where('published_at', 'is not', null).where('hidden_at', 'is', null).execute(),
    db
      .selectFrom('themes')
      .select(['name', 'name_en'])
      .union(db.selectFrom('capabilities').select(['name', 'name_en']))
      .execute(),
  ]);
  const counts = new Map<string, number>();
  const add = (text: string) => {
    for (const word of searchWords(text)) {
      for (const part of wordParts(word)) counts.set(part, (counts.get(part) ?? 0) + 1);
    }
  };
  for (const { title } of titles) add(title);
  for (const { name, name_en } of names) add(`${name} ${name_en}`);
  const kept = [...counts].sort((a, b) => b[1] - a[1]).slice(0, MAX_WORDS);
  const byLength = new Map<number, Known[]>();
  for (const [word, count] of kept) {
    const length = [...word].length;
    const known = { word, jamo: jamoOf(word), count };
    const list = byLength.get(length);
    if (list) list.push(known);
    else byLength.set(length, [known]);
  }
  return { at: now, words: new Set(kept.map(([word]) => word)), byLength, corrections: new Map() };
}

/**
 * The vocabulary of this database. Past its freshness the old one is still used while a new one is
 * worked out in the background (2 s at 100,000 demands), so only the first search after a start waits.
 */
async function vocabularyOf(db: Db, now: number): Promise<Vocabulary> {
  const cached = vocabularies.get(db);
  if (!cached) {
    const first = buildVocabulary(db, now);
    vocabularies.set(db, first);
    first.catch(() => vocabularies.delete(db));
    return first;
  }
  const current = await cached;
  if (now - current.at >= FRESH_MS && !refreshing.has(db)) {
    refreshing.add(db);
    buildVocabulary(db, now)
      .then((fresh) => vocabularies.set(db, Promise.resolve(fresh)))
      .catch(() => undefined)
      .finally(() => refreshing.delete(db));
  }
  return current;
}

/**
 * How many edits a word of this length may be off: one for a Korean word of one or two syllables, two
 * from three; none for a Latin word under four letters (too many short words are one letter apart).
 */
function allowedEdits(word: string): number {
  const length = [...word].length;
  if (/^[가-힣]+$/.test(word)) return length >= 3 ? 2 : 1;
  return length >= 6 ? 2 : length >= 4 ? 1 : 0;
}

/** The closest known word within `allowedEdits`, the commoner of equals; null when none is close. */
function closest(vocabulary: Vocabulary, word: string): string | null {
  const length = [...word].length;
  const allowed = allowedEdits(word);
  if (allowed === 0) return null;
  const jamo = jamoOf(word);
  let best: { word: string; distance: number; count: number } | null = null;
  for (const size of [length, length - 1, length + 1]) {
    for (const candidate of vocabulary.byLength.get(size) ?? []) {
      if (Math.abs(candidate.jamo.length - jamo.length) > allowed) continue;
      const distance = jamoDistance(jamo, candidate.jamo);
      if (distance > allowed || distance === 0) continue;
      if (!best || distance < best.distance || (distance === best.distance && candidate.count > best.count)) best = { word: candidate.word, distance, count: candidate.count };
    }
  }
  return best?.word ?? null;
}

/** The correction of one word, remembered for the vocabulary's lifetime. */
function correctionOf(vocabulary: Vocabulary, word: string): string | null {
  const known = vocabulary.corrections.get(word);
  if (known !== undefined) return known;
  const typed = hangulFromQwerty(word);
  const better = typed && vocabulary.words.has(typed) ? typed : closest(vocabulary, typed ?? word);
  if (vocabulary.corrections.size < 10_000) vocabulary.corrections.set(word, better);
  return better;
}

/**
 * "Did you mean": the query with each unknown word replaced by the closest word the platform's demands
 * use (휠체여 → 휠체어, 낙시 → 낚시, a Korean word typed on an English keyboard → its Hangul), or null
 * when every word is known or nothing is close. Asked only when a search finds nothing.
 */
export async function suggestQuery(db: Db, query: string, now: Date): Promise<string | null> {
  const vocabulary = await vocabularyOf(db, now.getTime());
  let changed = false;
  const words = queryTerms(query).map((word) => {
    if (vocabulary.words.has(word)) return word;
    const better = correctionOf(vocabulary, word);
    if (!better) return word;
    changed = true;
    return better;
  });
  return changed ? words.join(' ') : null;
}
