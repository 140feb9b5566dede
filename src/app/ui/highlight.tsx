import type { ComponentChildren } from 'preact';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with every occurrence of the search terms in <mark>; the search matches substrings, so does this. */
export function Highlight({ text, terms }: { text: string; terms: string[] }) {
  if (!terms.length) return <>{text}</>;
  const pattern = new RegExp(`(${terms.map(escapeRegExp).join('|')})`, 'giu');
  const parts: ComponentChildren[] = text
    .normalize('NFC')
    .split(pattern)
    .map((part, i) => (i % 2 === 1 ? <mark>{part}</mark> : part));
  return <>{parts}</>;
}
