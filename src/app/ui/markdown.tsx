import MarkdownIt from 'markdown-it';

/**
 * Markdown that people write (demand bodies, briefing recaps), rendered by markdown-it (CommonMark)
 * with these guarantees:
 * - no HTML passes (`html: false`: tags are shown as text) and all text is escaped by markdown-it;
 * - links go only to http(s) and mailto: addresses (a `javascript:`, `data:`, `file:` or relative
 *   link stays text), and carry `rel="nofollow ugc noopener"`; bare addresses become links too;
 * - no image is loaded from anywhere: an image is replaced by its alt text, so the page asks no
 *   other site for anything (and the CSP would refuse it anyway);
 * - headings are demoted below the page's own (# and ## → h3, ### → h4 …), so what a user writes
 *   never breaks the page's outline;
 * - a line break is a line break (`breaks`), as people writing Korean text expect; tables are off
 *   (they would push a phone's page sideways).
 */
const md = new MarkdownIt('commonmark', { html: false, xhtmlOut: false, linkify: true, breaks: true, typographer: false });
md.enable(['linkify', 'strikethrough']);

const ALLOWED_LINK = /^(?:https?:\/\/|mailto:)/i;
md.validateLink = (url) => ALLOWED_LINK.test(url.trim());

/** Heading levels after demotion: the page keeps h1 and h2 for itself. */
const DEMOTED: Record<string, string> = { h1: 'h3', h2: 'h3', h3: 'h4', h4: 'h5', h5: 'h6', h6: 'h6' };

md.core.ruler.push('demote_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') token.tag = DEMOTED[token.tag] ?? token.tag;
  }
});

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]?.attrSet('rel', 'nofollow ugc noopener');
  return self.renderToken(tokens, idx, options);
};

md.renderer.rules.image = (tokens, idx, options, env, self) => md.utils.escapeHtml(self.renderInlineAsText(tokens[idx]?.children ?? [], options, env));

/** The HTML markdown-it makes of `text` (escaped, see above). */
export function renderMarkdown(text: string): string {
  return md.render(text);
}

export function Markdown({ text }: { text: string }) {
  // Safe to insert: markdown-it escapes every text and attribute, and html is off (see above).
  return <div class="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}
