import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kstDate, kstHour } from './dates.ts';
import { formatDate } from './i18n/index.ts';

describe('Korean dates and hours', () => {
  it('read as the time zone database reads Asia/Seoul, every hour of 2020–2031 (leap days, year ends)', () => {
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' });
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', hour: '2-digit', hourCycle: 'h23' });
    for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2032, 0, 1); t += 3_600_000 + 61_000) {
      const at = new Date(t);
      assert.equal(kstDate(at), date.format(at), at.toISOString());
      assert.equal(kstHour(at), Number(hour.format(at)), at.toISOString());
    }
  });

  it('write a day in words by its Korean date, whatever the hour it is asked at', () => {
    const at = (iso: string) => formatDate('ko', new Date(iso));
    assert.equal(at('2026-12-20T14:59:59Z'), '2026년 12월 20일');
    assert.equal(at('2026-12-20T15:00:00Z'), '2026년 12월 21일');
    assert.equal(at('2026-12-21T14:59:59Z'), '2026년 12월 21일');
    assert.equal(formatDate('en', new Date('2026-12-20T15:00:00Z')), '21 December 2026');
    assert.equal(at('2028-02-28T15:00:00Z'), '2028년 2월 29일');
  });
});
