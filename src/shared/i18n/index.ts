import { kstDate } from '../dates.ts';
import { en } from './en.ts';
import { ko } from './ko.ts';
import { isParticle, withParticle } from './particles.ts';

export type MessageKey = keyof typeof ko;
export type Locale = 'ko' | 'en';

const catalogues: Record<Locale, Record<MessageKey, string>> = { ko, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function isLocale(value: unknown): value is Locale {
  return value === 'ko' || value === 'en';
}

/**
 * A placeholder: `{name}`, optionally quoted inside the braces (`{'title'}`), optionally followed by
 * a form after `|`:
 * - a Korean particle pair, `{org|이/가}`, `{'capability'|을/를}`: the value, then the particle that
 *   fits how it ends (국립공원공단과, 함께걷는길이, '물품 기증'을), chosen by `withParticle`;
 * - plural forms, `{count|one=# reply|other=# replies}`: the form `Intl.PluralRules` picks for the
 *   number, `#` standing for the value as given (already formatted, "1,234").
 */
const PLACEHOLDER = /\{(['‘"“]?)(\w+)(['’"”]?)(?:\|([^{}]*))?\}/g;

type Params = Record<string, string | number>;

const pluralRules: Record<Locale, Intl.PluralRules> = { ko: new Intl.PluralRules('ko'), en: new Intl.PluralRules('en') };

/** A count given as text ("1,234") is read back as a number for the plural rules. */
function countOf(value: string | number): number {
  return typeof value === 'number' ? value : Number(value.replace(/[^\d.-]/g, ''));
}

function pluralForm(locale: Locale, value: string | number, forms: string): string {
  const choices = new Map(forms.split('|').map((form) => [form.slice(0, form.indexOf('=')), form.slice(form.indexOf('=') + 1)]));
  const chosen = choices.get(pluralRules[locale].select(countOf(value))) ?? choices.get('other') ?? '';
  return chosen.replaceAll('#', String(value));
}

function fill(locale: Locale, text: string, params: Params): string {
  return text.replace(PLACEHOLDER, (whole, open: string, name: string, close: string, form: string | undefined) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (form?.includes('=')) return pluralForm(locale, value, form);
    const shown = `${open}${value}${close}`;
    return form && isParticle(form) ? withParticle(shown, form) : shown;
  });
}

export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, params) => {
    const text = catalogue[key] ?? ko[key] ?? key;
    return params ? fill(locale, text, params) : text;
  };
}

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  ko: new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', dateStyle: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', dateStyle: 'long' }),
};
const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  ko: new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', dateStyle: 'medium', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', dateStyle: 'medium', timeStyle: 'short' }),
};

// A day is written the same at any hour, and pages write the same few hundred days again and again
// (a list's deadlines): each is formatted once, not per card.
const writtenDays = new Map<string, string>();

/** A KST calendar day in words: "2026년 12월 21일", "21 December 2026". */
export function formatDate(locale: Locale, date: Date): string {
  const key = `${locale}${kstDate(date)}`;
  let written = writtenDays.get(key);
  if (written === undefined) {
    if (writtenDays.size >= 5_000) writtenDays.clear();
    written = dateFormats[locale].format(date);
    writtenDays.set(key, written);
  }
  return written;
}

export function formatDateTime(locale: Locale, date: Date): string {
  return dateTimeFormats[locale].format(date);
}

// toLocaleString builds a new formatter on every call; pages format dozens of numbers.
const numberFormats: Record<Locale, Intl.NumberFormat> = {
  ko: new Intl.NumberFormat('ko-KR'),
  en: new Intl.NumberFormat('en-GB'),
};

export function formatNumber(locale: Locale, n: number): string {
  return numberFormats[locale].format(n);
}

const HOUR_MS = 3600 * 1000;
const unitFormat = (locale: Locale, unit: 'hour' | 'day') => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' });
const durationFormats: Record<Locale, Record<'hour' | 'day', Intl.NumberFormat>> = {
  ko: { hour: unitFormat('ko', 'hour'), day: unitFormat('ko', 'day') },
  en: { hour: unitFormat('en', 'hour'), day: unitFormat('en', 'day') },
};

/** A wait in words, rounded up: hours under two days ("5시간", "1 hour"), whole days beyond ("3일", "3 days"). */
export function formatDuration(locale: Locale, ms: number): string {
  const hours = Math.max(1, Math.ceil(ms / HOUR_MS));
  return hours < 48 ? durationFormats[locale].hour.format(hours) : durationFormats[locale].day.format(Math.ceil(hours / 24));
}
