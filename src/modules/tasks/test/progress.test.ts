import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { periodBounds, periodOf, progressOf, reportSchedule, targetMet } from '../progress.ts';

describe('reporting periods', () => {
  it('names and bounds months and quarters', () => {
    assert.equal(periodOf('monthly', '2026-11-30'), '2026-11');
    assert.equal(periodOf('quarterly', '2026-11-30'), '2026-Q4');
    assert.deepEqual(periodBounds('2028-02'), { first: '2028-02-01', last: '2028-02-29' });
    assert.deepEqual(periodBounds('2026-Q4'), { first: '2026-10-01', last: '2026-12-31' });
  });

  it('owes one report a period from the selection to the end, due in working days after the period', () => {
    const schedule = reportSchedule('monthly', '2026-08-20', '2026-10-05', 7);
    assert.deepEqual(schedule, [
      { period: '2026-08', dueOn: '2026-09-09' },
      // After September: 개천절 on a Saturday, its 대체공휴일 on Monday 5 October, and 한글날 on the 9th.
      { period: '2026-09', dueOn: '2026-10-13' },
      { period: '2026-10', dueOn: '2026-11-10' },
    ]);
    assert.deepEqual(
      reportSchedule('quarterly', '2026-11-22', '2027-06-30', 7).map((s) => s.period),
      ['2026-Q4', '2027-Q1', '2027-Q2'],
    );
  });
});

describe('progress from evidence', () => {
  it('counts milestones, indicators at target in either direction, and reports on time', () => {
    const progress = progressOf({
      today: '2026-11-20',
      milestones: [
        { due_on: '2026-09-30', done_on: '2026-09-28' },
        { due_on: '2026-10-31', done_on: '2026-11-03' },
        { due_on: '2026-11-10', done_on: null },
        { due_on: '2027-03-31', done_on: null },
      ],
      indicators: [
        { baseline: 10, target: 80, latest: 85 },
        { baseline: 30, target: 5, latest: 4 },
        { baseline: 30, target: 5, latest: 12 },
        { baseline: 0, target: 100, latest: null },
      ],
      schedule: [
        { period: '2026-08', dueOn: '2026-09-09' },
        { period: '2026-09', dueOn: '2026-10-12' },
        { period: '2026-10', dueOn: '2026-11-10' },
        { period: '2026-11', dueOn: '2026-12-09' },
      ],
      reports: [
        { period: '2026-08', submittedOn: '2026-09-08' },
        { period: '2026-09', submittedOn: '2026-10-14' },
      ],
    });
    assert.deepEqual(progress, {
      milestones: { total: 4, done: 2, doneOnTime: 1, due: 3, slipping: 1 },
      indicators: { total: 4, met: 2, reported: 3 },
      reports: { due: 3, onTime: 1, late: 1, missing: 1 },
      reportOverdue: true,
    });
    assert.equal(targetMet({ baseline: 5, target: 5, latest: 5 }), true);
  });
});
