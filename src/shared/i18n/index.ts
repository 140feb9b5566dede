import { en } from './en.ts';
import { ko } from './ko.ts';

export type MessageKey = keyof typeof ko;
export type Locale = 'ko' | 'en';

const catalogues: Record<Locale, Record<MessageKey, string>> = { ko, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function isLocale(value: unknown): value is Locale {
  return value === 'ko' || value === 'en';
}

export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, params) => {
    const text = catalogue[key] ?? ko[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : text;
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

export function formatDate(locale: Locale, date: Date): string {
  return dateFormats[locale].format(date);
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
