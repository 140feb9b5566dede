import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { MessageKey } from '../../shared/i18n/index.ts';

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 200;

/** Leaked-password list (zxcvbn's top 49k) plus patterns common on Korean sites. */
const COMMON = new Set(
  [
    ...dictionary['passwords-common'],
    'qwer1234!@',
    'qwer1234!!',
    '1q2w3e4r5t',
    '1q2w3e4r!@',
    'a123456789',
    'asdf1234!@',
    'zxcv1234!@',
    'sarang1234',
    'iloveyou12',
    'password12',
  ]
    .filter((p) => p.length >= MIN_PASSWORD_LENGTH)
    .map((p) => p.toLowerCase()),
);

/** The reason a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): MessageKey | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'account.passwordTooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'account.passwordTooLong';
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password) || /^(0123456789|1234567890|9876543210)+$/.test(password)) {
    return 'account.passwordCommon';
  }
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Checked against when the email is unknown, so both answers take the same time.
const DUMMY_HASH = hash('이음터-dummy-password-for-timing');

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  return verify(passwordHash ?? (await DUMMY_HASH), password).catch(() => false);
}
