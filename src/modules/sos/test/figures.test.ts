import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STANDARD_CALENDAR } from '../../../shared/business-time.ts';
import { figuresOf } from '../figures.service.ts';

const kst = (text: string) => new Date(`${text}:00+09:00`);

describe('협업SOS figures', () => {
  it('counts targets met among those due, medians in business hours, breaches by month and category', () => {
    const base = { satisfaction: null };
    const rows = [
      // Answered in 2 working hours (lunch not counted), solved in two working days (16 hours), on time.
      { ...base, category: 'law' as const, created_at: kst('2026-11-02T10:00'), first_response_due_at: kst('2026-11-02T14:00'), first_responded_at: kst('2026-11-02T13:00'), resolution_due_at: kst('2026-11-05T10:00'), solved_at: kst('2026-11-04T10:00'), satisfaction: 5 },
      // Answered late, not solved, solution still due: its first answer breached.
      { ...base, category: 'law' as const, created_at: kst('2026-11-03T09:00'), first_response_due_at: kst('2026-11-03T12:00'), first_responded_at: kst('2026-11-03T15:00'), resolution_due_at: kst('2026-12-30T18:00'), solved_at: null },
      // Nothing yet, first answer overdue at `now`.
      { ...base, category: 'budget' as const, created_at: kst('2026-12-01T09:00'), first_response_due_at: kst('2026-12-01T12:00'), first_responded_at: null, resolution_due_at: kst('2026-12-10T18:00'), solved_at: null, satisfaction: 3 },
    ];
    const figures = figuresOf(rows, kst('2026-12-02T10:00'), STANDARD_CALENDAR);
    assert.deepEqual(
      { ...figures, byMonth: undefined },
      { opened: 3, firstDue: 3, firstMet: 1, resolutionDue: 1, resolutionMet: 1, medianFirstHours: 3.5, medianResolutionHours: 16, satisfaction: 4, byMonth: undefined },
    );
    assert.deepEqual(figures.byMonth, [
      { month: '2026-11', category: 'law', opened: 2, breached: 1 },
      { month: '2026-12', category: 'budget', opened: 1, breached: 1 },
    ]);
  });
});
