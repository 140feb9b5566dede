import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kstDate, kstHour } from './dates.ts';

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
});
