import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addBusinessDays,
  addBusinessHours,
  addWorkingDays,
  businessMinutesBetween,
  type Calendar,
  deadlineOf,
  holidayNames,
  holidaysKnown,
  isWorkingDay,
  onOrNextWorkingDay,
  STANDARD_CALENDAR,
  IMMEDIATE_HOURS,
  STANDARD_HOURS,
} from './business-time.ts';

/** A KST wall-clock time, as people write it. */
const kst = (text: string) => new Date(`${text}:00+09:00`);
const closed = (...days: string[]): Calendar => ({ ...STANDARD_CALENDAR, closures: new Set(days) });

/**
 * Each expected instant worked out by hand from 민원처리법 시행령 제19조 and the 2026 gazette:
 * 설날 16–18 Feb (Mon–Wed), 대체공휴일 2 Mar, 노동절 1 May (Fri), 대체공휴일 25 May, 지방선거 3 Jun,
 * 제헌절 17 Jul (Fri), 대체공휴일 17 Aug, 추석 24–26 Sep (Thu–Sat), 개천절 3 Oct (Sat) with 대체공휴일
 * 5 Oct, 한글날 9 Oct (Fri), 성탄절 25 Dec (Fri), 신정 1 Jan 2027 (Fri). Working hours 09:00–18:00
 * without 12:00–13:00.
 */
const HOURS: [name: string, from: string, hours: number, expected: string, calendar?: Calendar][] = [
  ['3 hours from 10:00, lunch not counted', '2026-11-30T10:00', 3, '2026-11-30T14:00'],
  ['a working day from 09:00 ends at 18:00 the same day', '2026-11-30T09:00', 8, '2026-11-30T18:00'],
  ['nine hours from 09:00: into the next morning', '2026-11-30T09:00', 9, '2026-12-01T10:00'],
  ['즉시 at 17:30 on the Friday before 개천절 and its 대체공휴일', '2026-10-02T17:30', IMMEDIATE_HOURS, '2026-10-06T11:30'],
  ['received on a Saturday: counting starts Monday 09:00', '2026-11-28T10:00', 1, '2026-11-30T10:00'],
  ['received before opening: counting starts at 09:00', '2026-11-30T07:00', 1, '2026-11-30T10:00'],
  ['received during lunch: counting starts at 13:00', '2026-11-30T12:30', 1, '2026-11-30T14:00'],
  ['received after closing: the next morning', '2026-11-30T18:30', 1, '2026-12-01T10:00'],
  ['a day from the eve of 추석', '2026-09-23T16:00', 8, '2026-09-28T16:00'],
  ['across 지방선거 (3 June)', '2026-06-02T17:00', 2, '2026-06-04T10:00'],
  ['across a weekend and the 대체공휴일 of 25 May', '2026-05-22T15:00', 8, '2026-05-26T15:00'],
  ['two days across 성탄절', '2026-12-24T17:00', 16, '2026-12-29T17:00'],
  ['three days across 설날', '2026-02-13T14:00', 24, '2026-02-23T14:00'],
  ['a day across 광복절 and its 대체공휴일', '2026-08-14T10:00', 8, '2026-08-18T10:00'],
  ['across 신정 into the new year', '2026-12-31T17:00', 2, '2027-01-04T10:00'],
  ['zero hours within working time is now', '2026-11-30T11:00', 0, '2026-11-30T11:00'],
  ['zero hours on a Saturday is Monday’s opening', '2026-11-28T10:00', 0, '2026-11-30T09:00'],
  ['across 제헌절 (17 July 2026)', '2026-07-16T17:00', 2, '2026-07-20T10:00'],
  ['ending exactly at closing stays that day', '2026-04-30T17:00', 1, '2026-04-30T18:00'],
  ['across 노동절 (1 May)', '2026-04-30T17:00', 2, '2026-05-04T10:00'],
  ['across an operator’s 임시공휴일', '2026-11-30T17:00', 2, '2026-12-02T10:00', closed('2026-12-01')],
  ['other hours (08:00–17:00, no break)', '2026-11-30T16:00', 2, '2026-12-01T09:00', { hours: { start: 480, end: 1020, pause: null }, closures: new Set() }],
];

/** 제19조②: the first day counts when it is a working day; the deadline is the last day's closing. */
const DAYS: [name: string, from: string, days: number, expected: string][] = [
  ['7 days from a Monday', '2026-11-30T10:00', 7, '2026-12-08T18:00'],
  ['7 days from a Saturday start on Monday', '2026-11-28T10:00', 7, '2026-12-08T18:00'],
  ['6 days from the eve of 추석', '2026-09-23T10:00', 6, '2026-10-02T18:00'],
  ['7 days across 개천절 and its 대체공휴일', '2026-09-29T10:00', 7, '2026-10-08T18:00'],
  ['6 days across 지방선거', '2026-06-02T10:00', 6, '2026-06-10T18:00'],
  ['10 days across 성탄절 and 신정', '2026-12-18T10:00', 10, '2027-01-04T18:00'],
  ['6 days from a Sunday', '2026-11-29T10:00', 6, '2026-12-07T18:00'],
];

describe('Korean business time (민원처리법 시행령 제19조)', () => {
  it('counts working hours', () => {
    for (const [name, from, hours, expected, calendar] of HOURS) assert.equal(addBusinessHours(kst(from), hours, calendar).toISOString(), kst(expected).toISOString(), name);
  });

  it('counts days, the first one included, days off not', () => {
    for (const [name, from, days, expected] of DAYS) assert.equal(addBusinessDays(kst(from), days).toISOString(), kst(expected).toISOString(), name);
  });

  it('counts up to five days in hours and six or more in days', () => {
    assert.equal(deadlineOf(kst('2026-11-30T10:00'), 1).toISOString(), kst('2026-12-01T10:00').toISOString());
    assert.equal(deadlineOf(kst('2026-11-30T10:00'), 5).toISOString(), kst('2026-12-07T10:00').toISOString());
    assert.equal(deadlineOf(kst('2026-11-30T10:00'), 7).toISOString(), kst('2026-12-08T18:00').toISOString());
  });

  it('measures the working time between two instants', () => {
    assert.equal(businessMinutesBetween(kst('2026-11-30T10:00'), kst('2026-11-30T14:00')), 180);
    assert.equal(businessMinutesBetween(kst('2026-10-02T17:30'), kst('2026-10-06T11:30')), 180);
    assert.equal(businessMinutesBetween(kst('2026-11-28T10:00'), kst('2026-11-29T20:00')), 0, 'a weekend');
    assert.equal(businessMinutesBetween(kst('2026-11-30T14:00'), kst('2026-11-30T10:00')), 0, 'backwards');
    // Instants off the minute (a request at 10:00:20) still give whole minutes, as integer columns keep them.
    assert.equal(businessMinutesBetween(new Date(kst('2026-11-30T10:00').getTime() + 20_000), new Date(kst('2026-11-30T10:19').getTime() + 56_238)), 20);
    assert.equal(businessMinutesBetween(kst('2026-11-30T09:00'), kst('2026-12-01T09:00')), 8 * 60);
  });

  it('moves a deadline on a day off to the next working day; counts working days after a day', () => {
    assert.equal(onOrNextWorkingDay('2026-11-29'), '2026-11-30', 'a Sunday');
    assert.equal(onOrNextWorkingDay('2026-09-24'), '2026-09-28', '추석');
    assert.equal(addWorkingDays('2026-09-23', 1), '2026-09-28');
    assert.equal(addWorkingDays('2026-05-22', 1), '2026-05-26', '대체공휴일');
    assert.equal(addWorkingDays('2026-06-02', 1), '2026-06-04', '지방선거');
    assert.equal(addWorkingDays('2026-11-27', 7), '2026-12-08');
    assert.equal(addWorkingDays('2026-11-30', 0), '2026-11-30');
    assert.equal(isWorkingDay('2026-12-01', closed('2026-12-01')), false, 'an operator’s closure');
    assert.deepEqual(holidayNames('2026-06-03'), ['전국동시지방선거']);
    assert.equal(STANDARD_HOURS.end - STANDARD_HOURS.start, 9 * 60);
  });

  it('knows only the fixed-date holidays for years past the data, and says so', () => {
    assert.equal(holidaysKnown(2026), true);
    assert.equal(holidaysKnown(2031), false);
    assert.deepEqual(holidayNames('2031-03-01'), ['3ㆍ1절']);
    assert.equal(isWorkingDay('2031-07-15'), true);
  });
});
