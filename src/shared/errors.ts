import type { MessageKey } from './i18n/index.ts';

/** Base of every error a user may see; `status` is the HTTP answer, `message` a catalogue key. */
export class AppError extends Error {
  /** Headers the answer carries besides the message (an RFC 6750 challenge). */
  readonly headers: Record<string, string> = {};
  constructor(
    readonly status: number,
    readonly messageKey: MessageKey,
  ) {
    super(messageKey);
    this.name = new.target.name;
  }
}

/** Missing, or present but not visible to this actor: the two must look the same. */
export class NotFoundError extends AppError {
  constructor() {
    super(404, 'error.notFound');
  }
}

export class ForbiddenError extends AppError {
  constructor(messageKey: MessageKey = 'error.forbidden') {
    super(403, messageKey);
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super(401, 'error.unauthenticated');
  }
}

/** Too many requests: 429, and Retry-After (seconds) saying when to try again. */
export class RateLimitedError extends AppError {
  constructor(messageKey: MessageKey, retryAfterSeconds: number) {
    super(429, messageKey);
    this.headers['retry-after'] = String(retryAfterSeconds);
  }
}

/**
 * A form body that cannot be read at all (a multipart body without a boundary, cut short, or with
 * more parts than allowed): there are no typed values to show again, only what went wrong.
 */
export class UnreadableFormError extends AppError {
  constructor(tooLarge = false) {
    super(tooLarge ? 413 : 400, tooLarge ? 'error.formTooLarge' : 'error.formUnreadable');
  }
}

/** Business-rule failures, one message per field; forms re-render with them beside the fields. */
export class ValidationError extends AppError {
  constructor(readonly fields: Record<string, MessageKey>) {
    super(422, 'error.validation');
  }
}
