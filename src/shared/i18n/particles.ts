import { josa, numberToHangul } from 'es-hangul';

/** The particle pairs a catalogue may ask for after a placeholder (`{org|이/가}`), as es-hangul names them. */
export const PARTICLES = ['이/가', '을/를', '은/는', '와/과', '으로/로', '이나/나', '이라/라', '이랑/랑', '아/야'] as const;
export type Particle = (typeof PARTICLES)[number];

export function isParticle(value: string): value is Particle {
  return (PARTICLES as readonly string[]).includes(value);
}

/** A syllable that ends as the word is read: without a final consonant, with ㄹ, with another one. */
const OPEN = '가';
const RIEUL = '갈';
const CLOSED = '각';

/** Letters whose Korean names end in a consonant: 엘, 엠, 엔, 알. */
const CLOSED_LETTER_NAMES: Record<string, string> = { L: RIEUL, M: CLOSED, N: CLOSED, R: RIEUL };

/**
 * How a word that does not end in Hangul is read, as far as a particle cares. es-hangul looks at the
 * last character only and takes anything but a Hangul syllable as open ("Google가", "10를"), so:
 * - a trailing number is read in Korean (10 → 십, 2026 → 이천이십육);
 * - an abbreviation in capitals is read letter by letter (NGO → 오, KTX → 스, LH → 치, HTML → 엘);
 * - another Latin word by its last sounds, as Korean borrowings are spelt: a final l is ㄹ
 *   (Seoul → 울, Google → 글), m, n, ng, k, p, t, b, d and g close the syllable (Facebook → 북, Robot → 봇); a
 *   vowel, r, s and the rest leave it open (Partner → 너, News → 스).
 */
function lastSyllable(word: string): string | undefined {
  const digits = /(\d+)$/.exec(word)?.[1];
  if (digits) return digits.length > 15 ? undefined : numberToHangul(Number(digits)).at(-1);
  const latin = /[A-Za-z]+$/.exec(word)?.[0];
  if (latin) {
    if (latin === latin.toUpperCase()) return CLOSED_LETTER_NAMES[latin.at(-1) ?? ''] ?? OPEN;
    const lower = latin.toLowerCase();
    if (/(?:l|[^aeiou]le)$/.test(lower)) return RIEUL;
    return /(?:[aeiou](?:m|n|k|p|t|b|d|g)|ng)$/.test(lower) ? CLOSED : OPEN;
  }
  return word.at(-1);
}

/**
 * The word with the particle that fits how it ends (`국립공원공단` + 와/과 → `국립공원공단과`).
 * What follows the word proper is looked past: closing quotes, brackets and full stops, and a
 * parenthesised aside (`국립공원공단(KNPS)` reads as `…공단`). A word that ends in nothing readable
 * takes the pair written out, "이(가)", as Korean does when it cannot tell.
 */
export function withParticle(word: string, particle: Particle): string {
  const core = word.replace(/\s*\([^()]*\)\s*$/, '').replace(/[\s'"’”」』)\].,!?…·]+$/u, '');
  const syllable = lastSyllable(core.length ? core : word);
  if (!syllable || !/[가-힣]$/.test(syllable)) {
    const [first = '', second = ''] = particle.split('/');
    return word + (first.endsWith(second) ? `(${first.slice(0, -second.length)})${second}` : `${first}(${second})`);
  }
  return word + josa.pick(syllable, particle);
}
