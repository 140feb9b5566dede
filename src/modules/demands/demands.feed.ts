import type { Translate } from '../../shared/i18n/index.ts';
import { xmlText } from '../../shared/text.ts';
import type { DemandSummary } from './demands.queries.ts';

/** Drops what XML 1.0 cannot carry even escaped (controls, U+FFFE, U+FFFF, lone surrogates), then escapes markup. */
const escapeXml = (text: string) =>
  xmlText(text).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** Atom 1.0 feed of the newest published demands, for feed readers and agency intranets. */
export function atomFeed(baseUrl: string, t: Translate, demands: DemandSummary[], now: Date): string {
  const updated = (demands[0]?.published_at ?? now).toISOString();
  const entries = demands.map((d) => {
    const url = `${baseUrl}/demands/${d.id}`;
    return `<entry>
<id>${escapeXml(url)}</id>
<title>${escapeXml(d.title)}</title>
<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>
<updated>${(d.published_at ?? now).toISOString()}</updated>
<author><name>${escapeXml(d.org_name)}</name></author>
<summary>${escapeXml(d.summary)}</summary>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ko">
<id>${escapeXml(`${baseUrl}/demands`)}</id>
<title>${escapeXml(t('demand.feedTitle'))}</title>
<link rel="self" href="${escapeXml(`${baseUrl}/demands/feed.xml`)}"/>
<link rel="alternate" type="text/html" href="${escapeXml(`${baseUrl}/demands`)}"/>
<updated>${updated}</updated>
${entries.join('\n')}
</feed>
`;
}
