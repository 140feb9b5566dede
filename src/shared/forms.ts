import Type, { type Static, type TObject, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { isAcceptedDate, isCalendarDate } from './dates.ts';
import { ValidationError } from './errors.ts';
import type { MessageKey } from './i18n/index.ts';
import { cleanText } from './text.ts';

/** Extra keyword on a property schema: the catalogue message for any failure other than "missing". */
export interface MessageAnnotation {
  messageKey?: MessageKey;
}

type Raw = Record<string, unknown>;

/** `cleanText` on every string of parsed input (query, form, JSON body, route parameters); files are left as they are. */
export function cleanInput(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanInput);
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanInput(item)]));
  }
  return value;
}

/**
 * A 'YYYY-MM-DD' field. `parseInput` also refuses days that do not exist (2026-02-30) and days
 * outside the one accepted range (FIRST_DAY … LAST_DAY), each with its message beside the field.
 */
export const calendarDate = () => Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', messageKey: 'field.dateInvalid', calendarDate: true });

const isCalendarDateSchema = (schema: TSchema | undefined) => (schema as { calendarDate?: boolean } | undefined)?.calendarDate === true;

function isArraySchema(schema: TSchema | undefined): boolean {
  return (schema as { type?: string } | undefined)?.type === 'array';
}

/**
 * Turns a submitted form (strings, or arrays for repeated names) into what the schema describes:
 * strings trimmed, empty optional fields dropped, single values of list fields wrapped.
 */
export function normaliseForm(schema: TObject, raw: unknown): Raw {
  // Cleaned here too, not only at the HTTP edge: services also read input decoded from stored text
  // (a saved search's query string).
  const input = (raw && typeof raw === 'object' ? cleanInput(raw) : {}) as Raw;
  const out: Raw = {};
  for (const [name, propSchema] of Object.entries(schema.properties)) {
    let value = input[name];
    if (isArraySchema(propSchema)) {
      value = value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => String(v).trim()).filter(Boolean);
    } else if (Array.isArray(value)) value = value[0];
    if (typeof value === 'string') value = value.trim();
    const required = schema.required?.includes(name) ?? false;
    if (value === '' && !required) continue;
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * Validates input against its schema and throws a ValidationError with one message per field.
 * Every `calendarDate()` field must also be a real day within the accepted range.
 */
export function parseInput<S extends TObject>(schema: S, raw: unknown): Static<S> {
  const value = normaliseForm(schema, raw);
  const fields: Record<string, MessageKey> = {};
  for (const error of Value.Errors(schema, value)) {
    if (error.keyword === 'required') {
      for (const name of (error.params as { requiredProperties: string[] }).requiredProperties) fields[name] ??= 'field.required';
      continue;
    }
    const name = error.instancePath.split('/')[1] ?? '';
    if (fields[name]) continue;
    const propSchema = schema.properties[name] as (TSchema & MessageAnnotation) | undefined;
    if (error.keyword === 'minLength' && value[name] === '') fields[name] = 'field.required';
    else if (error.keyword === 'maxLength') fields[name] = 'field.tooLong';
    else fields[name] = propSchema?.messageKey ?? 'field.choiceInvalid';
  }
  for (const [name, propSchema] of Object.entries(schema.properties)) {
    const date = value[name];
    if (fields[name] || typeof date !== 'string' || !isCalendarDateSchema(propSchema)) continue;
    if (!isCalendarDate(date)) fields[name] = 'field.dateInvalid';
    else if (!isAcceptedDate(date)) fields[name] = 'field.dateOutOfRange';
  }
  if (Object.keys(fields).length) throw new ValidationError(fields);
  return value as Static<S>;
}

/**
 * A list's query from the address bar: a parameter that does not read (a hand-edited or truncated
 * URL, a bad cursor) is left out and the rest still applies — the first page of the same list,
 * never an error.
 */
export function parseQuery<S extends TObject>(schema: S, raw: unknown): Static<S> {
  try {
    return parseInput(schema, raw);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const readable = Object.entries(normaliseForm(schema, raw)).filter(([name]) => !(name in error.fields));
    try {
      return parseInput(schema, Object.fromEntries(readable));
    } catch {
      return {} as Static<S>;
    }
  }
}

/**
 * The repeated rows of a form (`indicator.0.name`, `indicator.0.unit`…, up to `max` rows): a row whose
 * fields are all blank is skipped; each other row is parsed with `schema`, its failures recorded in
 * `errors` under the row's own names (`indicator.2.unit`) so they show beside the field.
 */
export function parseRows<S extends TObject>(raw: Raw, prefix: string, schema: S, max: number, errors: Record<string, MessageKey>): (Static<S> & { row: number })[] {
  const rows: (Static<S> & { row: number })[] = [];
  for (let i = 0; i < max; i++) {
    const row = Object.fromEntries(Object.keys(schema.properties).map((field) => [field, raw[`${prefix}.${i}.${field}`]]));
    if (Object.values(row).every((v) => v === undefined || (typeof v === 'string' && v.trim() === ''))) continue;
    try {
      rows.push({ ...parseInput(schema, row), row: i });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const [field, key] of Object.entries(error.fields)) errors[`${prefix}.${i}.${field}`] = key;
    }
  }
  return rows;
}

/** A field that must be one of `values` (a select, radio buttons), with `messageKey` beside it otherwise. */
export function oneOf<T extends string>(values: readonly T[], messageKey: MessageKey = 'field.choiceInvalid') {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    { messageKey },
  );
}
