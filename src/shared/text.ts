import { CHAR } from 'xmlchars/xml/1.0/ed5.js';

/**
 * Text hygiene, in one place: what input keeps (`cleanText`) and what each output format may carry
 * (`xmlText` for XML — Atom, XLSX —, `headerText` for mail headers). iCalendar and CSV writers take
 * `cleanText`'s output and quote or escape the rest themselves.
 */

/**
 * Control characters nobody types: C0 except tab, line feed and carriage return (which multi-line
 * text keeps), DEL and C1. U+0000 above all — PostgreSQL refuses it in text and the request fails;
 * RFC 5545 forbids them all in TEXT but tab, and spreadsheets choke on NUL. Also the invisible ones
 * that make text look other than it is: bidirectional embeddings, overrides and isolates (U+202A–E,
 * U+2066–9: "evil" shown as "live"), and zero-width space, word joiner and BOM (a title of nothing
 * but them would pass as written). Zero-width (non-)joiners stay: emoji and some scripts need them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const DISALLOWED_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/**
 * Text as it is kept: disallowed controls removed, lone surrogates replaced (they cannot be encoded
 * as UTF-8), composed to NFC (Hangul typed on some systems arrives as separate jamo, which would
 * neither match a search nor compare equal).
 */
export function cleanText(text: string): string {
  return text.replace(DISALLOWED_CONTROLS, '').toWellFormed().normalize('NFC');
}

/** Anything outside XML 1.0's `Char` production (controls, lone surrogates, U+FFFE, U+FFFF), which no escaping can carry. */
const NOT_XML_CHAR = new RegExp(`[^${CHAR}]`, 'gu');

/** Text an XML 1.0 document may hold (to be escaped by its writer). */
export function xmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

/** One line for a mail header (a subject, an address): no line break can start another header. */
export function headerText(text: string): string {
  return cleanText(text)
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .trim();
}

/** A LIKE pattern matching text that contains `fragment` literally (its `%`, `_` and `\` escaped). */
export function containsPattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
