/**
 * Response targets in Korean business time: a first answer within the target's working hours, a
 * solution within its days as 민원처리법 시행령 제19조 counts them (hours up to five days, days from
 * six). A warning falls when 75 % of a target's business time is spent. Asking the requester for
 * information pauses the clock: when they answer, the due times move on by the business time that
 * passed meanwhile. Pure.
 */
import { addBusinessHours, businessMinutesBetween, type Calendar, deadlineOf } from '../../shared/business-time.ts';

export interface Target {
  first_response_hours: number;
  resolution_days: number;
}

export interface DueTimes {
  first_response_due_at: Date;
  first_response_warn_at: Date;
  resolution_due_at: Date;
  resolution_warn_at: Date;
}

/** The share of a target spent when its assignee is warned. */
const WARNING_SHARE = 0.75;

export function dueTimes(received: Date, target: Target, calendar: Calendar): DueTimes {
  const resolutionDue = deadlineOf(received, target.resolution_days, calendar);
  const resolutionMinutes = businessMinutesBetween(received, resolutionDue, calendar);
  return {
    first_response_due_at: addBusinessHours(received, target.first_response_hours, calendar),
    first_response_warn_at: addBusinessHours(received, target.first_response_hours * WARNING_SHARE, calendar),
    resolution_due_at: resolutionDue,
    resolution_warn_at: addBusinessHours(received, (resolutionMinutes * WARNING_SHARE) / 60, calendar),
  };
}

/** The due times after a pause from `pausedSince` to `now`: each moved on by the business time in between. */
export function afterPause(due: DueTimes, pausedSince: Date, now: Date, calendar: Calendar): DueTimes {
  const hours = businessMinutesBetween(pausedSince, now, calendar) / 60;
  const move = (at: Date) => (hours > 0 ? addBusinessHours(at, hours, calendar) : at);
  return {
    first_response_due_at: move(due.first_response_due_at),
    first_response_warn_at: move(due.first_response_warn_at),
    resolution_due_at: move(due.resolution_due_at),
    resolution_warn_at: move(due.resolution_warn_at),
  };
}
