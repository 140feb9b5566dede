import ical, { ICalCalendarMethod } from 'ical-generator';
import { cleanText } from '../../shared/text.ts';
import type { Briefing } from './briefings.service.ts';

/**
 * A calendar file of one briefing, for any calendar application (RFC 5545, written by
 * `ical-generator`: TEXT escaping, line folding at 75 octets, UTC times). The library turns every
 * kind of line break into `\n`; control characters, which TEXT may not hold at all, are removed
 * first. The UID stays the same when the briefing moves and SEQUENCE tells calendars which version
 * is newer.
 */
export function briefingIcs(briefing: Briefing, baseUrl: string, now: Date): string {
  const link = `${baseUrl}/briefings/${briefing.id}`;
  const calendar = ical({ prodId: { company: 'Ieumteo', product: 'Briefings', language: 'KO' }, method: ICalCalendarMethod.PUBLISH });
  calendar.createEvent({
    id: `briefing-${briefing.id}@${new URL(baseUrl).host}`,
    sequence: briefing.sequence,
    stamp: now,
    lastModified: briefing.updated_at,
    start: briefing.starts_at,
    end: new Date(briefing.starts_at.getTime() + briefing.minutes * 60_000),
    summary: cleanText(briefing.title),
    description: cleanText([briefing.summary, briefing.online_url ?? '', link].filter(Boolean).join('\n\n')),
    location: cleanText(briefing.venue ?? briefing.online_url ?? ''),
    url: link,
  });
  // RFC 5545 ends every content line, the last one too, with CRLF.
  return `${calendar.toString()}\r\n`;
}
