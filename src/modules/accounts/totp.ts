import { randomBytes } from 'node:crypto';
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from '@oslojs/otp';

const PERIOD = 30;
const DIGITS = 6;

export function newTotpSecret(): string {
  return encodeBase32NoPadding(randomBytes(20));
}

export function totpUri(secret: string, accountName: string): string {
  return createTOTPKeyURI('이음터', accountName, decodeBase32IgnorePadding(secret), PERIOD, DIGITS);
}

/** Accepts the current code and its neighbours, for clocks that drift by up to 30 s. */
export function verifyTotp(secret: string, code: string): boolean {
  const digits = code.replace(/\s/g, '');
  return /^\d{6}$/.test(digits) && verifyTOTPWithGracePeriod(decodeBase32IgnorePadding(secret), PERIOD, DIGITS, digits, PERIOD);
}
