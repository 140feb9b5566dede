import type { Briefing } from './briefings.service.ts';

/** RFC 5545 text: backslash, semicolon, comma and newline escaped. */
const text = (value: string) => value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
/** UTC, as 20261123T050000Z. */
const stamp = (at: Date) => `${at.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/** Lines longer than 75 octets are folded: CRLF and a space, never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  for (const char of line) {
    if (Buffer.byteLength(current + char) > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
    }
    current += char;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** A calendar file of one briefing, for any calendar application. */
export function briefingIcs(briefing: Briefing, baseUrl: string, now: Date): string {
  const host = new URL(baseUrl).host;
  const link = `${baseUrl}/briefings/${briefing.id}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Ieumteo//Briefings//KO',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:briefing-${briefing.id}@${host}`,
    `DTSTAMP:${stamp(now)}`,
    `DTSTART:${stamp(briefing.starts_at)}`,
    `DTEND:${stamp(new Date(briefing.starts_at.getTime() + briefing.minutes * 60_000))}`,
    `SUMMARY:${text(briefing.title)}`,
    `DESCRIPTION:${text([briefing.summary, briefing.online_url ?? '', link].filter(Boolean).join('\n\n'))}`,
    `LOCATION:${text(briefing.venue ?? briefing.online_url ?? '')}`,
    `URL:${link}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
