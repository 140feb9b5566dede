import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import { Markdown, renderMarkdown } from './markdown.tsx';

/** The tags and attributes the output may hold: anything else is a way in. */
const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'em', 's', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote', 'h3', 'h4', 'h5', 'h6', 'hr', 'div']);
const ALLOWED_ATTRIBUTES = new Set(['href', 'rel', 'class', 'start']);

function assertHarmless(html: string, input: string): void {
  for (const [, tag, attributes] of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    assert.ok(ALLOWED_TAGS.has(tag!.toLowerCase()), `<${tag}> from ${JSON.stringify(input)}: ${html}`);
    for (const [, name] of attributes!.matchAll(/\s([^\s=]+)=/g)) assert.ok(ALLOWED_ATTRIBUTES.has(name!.toLowerCase()), `${name}= from ${JSON.stringify(input)}: ${html}`);
  }
  for (const [, href] of html.matchAll(/href="([^"]*)"/g)) assert.match(href!, /^(?:https?:\/\/|mailto:)/i, `href from ${JSON.stringify(input)}`);
}

describe('Markdown', () => {
  it('renders CommonMark: emphasis, lists, code, quotes, line breaks', () => {
    const html = renderMarkdown('**굵게** *기울여* ~~지움~~ `코드`\n둘째 줄\n\n- 하나\n- 둘\n\n3. 셋\n4. 넷\n\n> 인용\n\n```\n<b>코드</b>\n```');
    assert.match(html, /<strong>굵게<\/strong> <em>기울여<\/em> <s>지움<\/s> <code>코드<\/code><br>\n둘째 줄/);
    assert.match(html, /<ul>\n<li>하나<\/li>\n<li>둘<\/li>\n<\/ul>/);
    assert.match(html, /<ol start="3">/);
    assert.match(html, /<blockquote>/);
    assert.match(html, /<pre><code>&lt;b&gt;코드&lt;\/b&gt;\n<\/code><\/pre>/);
  });

  it('demotes headings below the page’s own h1 and h2', () => {
    const html = renderMarkdown('# 하나\n\n## 둘\n\n### 셋\n\n#### 넷\n\n###### 여섯\n\n제목\n===');
    assert.doesNotMatch(html, /<h[12]/);
    assert.match(html, /<h3>하나<\/h3>\n<h3>둘<\/h3>\n<h4>셋<\/h4>\n<h5>넷<\/h5>\n<h6>여섯<\/h6>\n<h3>제목<\/h3>/);
  });

  it('links only to http(s) and mailto:, nofollow ugc noopener, bare addresses too', () => {
    assert.equal(renderMarkdown('[누리집](https://www.knps.or.kr/)'), '<p><a href="https://www.knps.or.kr/" rel="nofollow ugc noopener">누리집</a></p>\n');
    assert.match(renderMarkdown('자세히는 https://example.go.kr/a?b=1 에서'), /<a href="https:\/\/example.go.kr\/a\?b=1" rel="nofollow ugc noopener">/);
    assert.match(renderMarkdown('[메일](mailto:a@b.kr)'), /<a href="mailto:a@b.kr" rel="nofollow ugc noopener">메일<\/a>/);
    assert.equal(renderMarkdown('[상대](/admin)'), '<p>[상대](/admin)</p>\n');
  });

  it('shows an image as its alt text and loads nothing', () => {
    assert.equal(renderMarkdown('![휠체어 사진](https://tracker.example/pixel.png)'), '<p>휠체어 사진</p>\n');
    assert.equal(renderMarkdown('![<script>alert(1)</script>](https://x.example/a.png)'), '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
  });

  it('lets nothing hostile through', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x]( javascript:alert(1) )',
      '[x](java\tscript:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[x](vbscript:msgbox(1))',
      '[x](file:///etc/passwd)',
      '<javascript:alert(1)>',
      '[x][r]\n\n[r]: javascript:alert(1)',
      '![x](javascript:alert(1))',
      '[x](https://ok.example "title\\" onmouseover=\\"alert(1))',
      '[x](https://ok.example/" onmouseover="alert(1))',
      '<div onclick="alert(1)">x</div>',
      '<iframe src="https://evil.example"></iframe>',
      '<style>body{display:none}</style>',
      '<!-- comment --><svg onload=alert(1)>',
      '```html\n<script>alert(1)</script>\n```',
      '`<script>`',
      '**<b onmouseover=alert(1)>x</b>**',
      '[<img src=x onerror=alert(1)>](https://ok.example)',
      '# <script>alert(1)</script>',
      '- <a href="javascript:alert(1)">x</a>',
      'https://ok.example/<script>',
      'x\u0000<script>',
    ];
    for (const input of hostile) {
      const html = renderMarkdown(input);
      assertHarmless(html, input);
      assert.doesNotMatch(html, /<(?:script|img|iframe|style|svg|div)|href="(?!https?:|mailto:)/i, `${JSON.stringify(input)} → ${html}`);
    }
  });

  it('is inserted into the page as markdown-it wrote it, inside its own block', () => {
    assert.equal(render(<Markdown text={'**a** <b>'} />), '<div class="markdown"><p><strong>a</strong> &lt;b&gt;</p>\n</div>');
  });
});
