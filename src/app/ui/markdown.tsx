import type { ComponentChildren, VNode } from 'preact';

/**
 * A safe Markdown subset for text users write (demand bodies): paragraphs and line breaks, headings
 * (##, ###), bullet and numbered lists, **bold**, *emphasis*, `code` and [links](https://…).
 * Everything becomes preact nodes, so text is always escaped; no HTML passes through, and links
 * go only to http(s) addresses, marked nofollow.
 */
const INLINE = /\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;

function inline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(<strong>{m[1]}</strong>);
    else if (m[2] !== undefined) out.push(<em>{m[2]}</em>);
    else if (m[3] !== undefined) out.push(<code>{m[3]}</code>);
    else
      out.push(
        <a href={m[5]} rel="nofollow ugc noopener">
          {m[4]}
        </a>,
      );
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function withBreaks(lines: string[]): ComponentChildren[] {
  return lines.flatMap((line, i) => (i === 0 ? inline(line) : [<br />, ...inline(line)]));
}

const HEADING = /^(#{1,3})\s+(.*)$/;
const BULLET = /^\s*[-*]\s+/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+/;

function block(lines: string[]): VNode {
  const first = lines[0] ?? '';
  const heading = HEADING.exec(first);
  if (heading && lines.length === 1) {
    // The page's own headings come first: a user's ## is a sub-heading of the section it sits in.
    return heading[1]!.length <= 2 ? <h3>{inline(heading[2]!)}</h3> : <h4>{inline(heading[2]!)}</h4>;
  }
  if (lines.every((l) => BULLET.test(l))) return <ul>{lines.map((l) => <li>{inline(l.replace(BULLET, ''))}</li>)}</ul>;
  if (lines.every((l) => NUMBERED.test(l))) return <ol>{lines.map((l) => <li>{inline(l.replace(NUMBERED, ''))}</li>)}</ol>;
  return <p>{withBreaks(lines)}</p>;
}

export function Markdown({ text }: { text: string }) {
  const blocks: string[][] = [[]];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    // A blank line ends a block; a heading is always a block of its own.
    if (line.trim() === '' || HEADING.test(line)) blocks.push([]);
    if (line.trim() !== '') blocks.at(-1)!.push(line);
    if (HEADING.test(line)) blocks.push([]);
  }
  return <div class="markdown">{blocks.filter((b) => b.length > 0).map(block)}</div>;
}
