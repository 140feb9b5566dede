import { randomUUID } from 'node:crypto';
import { type ComponentChildren, createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { FIRST_DAY, LAST_DAY } from '../../shared/dates.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import type { Ui } from './ui.ts';

export type FieldErrors = Record<string, MessageKey>;
export type FormValues = Record<string, unknown>;

/** The state a form is shown in: first empty, or again with what was typed and what was wrong. */
export interface FormState {
  values: FormValues;
  errors: FieldErrors;
  /** Keeps element ids unique when a page holds several forms with the same field names. */
  idPrefix?: string;
}

export const EMPTY_FORM: FormState = { values: {}, errors: {} };

const fieldId = (name: string, prefix = '') => `f-${prefix}${name}`;

/** The values of a refused form given back (see `Form`); they take the place of the page's own. */
const RestoredValues = createContext<FormValues | null>(null);

/** The values a field shows: those given back to its form, else the form state's (call while rendering). */
export function formValues(form: FormState): FormValues {
  return useContext(RestoredValues) ?? form.values;
}

export function textValue(values: FormValues, name: string): string {
  const v = values[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '';
}

export function listValue(values: FormValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
}

/**
 * How many of a form's repeated rows (`prefix.i.field`) to draw: the filled ones (also of a form given
 * back) and `spare` blank ones, at least `min`, at most `max` (call while rendering).
 */
export function rowCount(form: FormState, prefix: string, fields: readonly string[], max: number, { min = 3, spare = 2 } = {}): number {
  const values = formValues(form);
  let filled = 0;
  for (let i = 0; i < max; i++) if (fields.some((field) => textValue(values, `${prefix}.${i}.${field}`))) filled = i + 1;
  return Math.min(max, Math.max(min, filled + spare));
}

/**
 * Error summary at the top of the form; each entry names and links to its field. The page comes
 * back with the focus on it (`autofocus` on a focusable element, honoured without JavaScript), so a
 * keyboard or screen reader user starts from what went wrong rather than from the top of the page.
 */
export function ErrorSummary({ ui, form, labels = {} }: { ui: Ui; form: FormState; labels?: Record<string, string> }) {
  const entries = Object.entries(form.errors);
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} autofocus>
      <h2>{ui.t('form.errorSummary')}</h2>
      <ul>
        {entries.map(([name, key]) => (
          <li key={name}>
            <a href={`#${fieldId(name, form.idPrefix)}`}>{labels[name] ? `${labels[name]}: ${ui.t(key)}` : ui.t(key)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FormProps {
  ui: Ui;
  action: string;
  children: ComponentChildren;
  class?: string;
}

/**
 * A one-time key for the form: a service that creates something does so once per key
 * (`createOnce`), so a double click or a resent request lands on the first one's result.
 */
export function FormKey() {
  return <input type="hidden" name="_once" value={randomUUID()} />;
}

/**
 * A POST form that carries the CSRF token and a one-time key. When this browser's last post of it was
 * refused for its token (signed out elsewhere, session expired), it comes back filled in with what was
 * typed and says why, with the focus on that message.
 */
export function Form({ ui, action, children, class: className }: FormProps) {
  const restored = ui.restoredForm?.action === action ? ui.restoredForm.values : null;
  return (
    <form method="post" action={action} class={className} noValidate>
      <input type="hidden" name="_csrf" value={ui.csrfToken} />
      <FormKey />
      {restored && (
        <div class="error-summary" role="alert" tabindex={-1} autofocus>
          <p>{ui.t('form.restored')}</p>
        </div>
      )}
      <RestoredValues.Provider value={restored}>{children}</RestoredValues.Provider>
    </form>
  );
}

/** A single button that posts (logout, approve, verify…). */
export function PostButton({ ui, action, label, variant }: { ui: Ui; action: string; label: string; variant?: 'secondary' | 'tertiary' }) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={ui.csrfToken} />
      <button type="submit" class={`krds-btn small ${variant ?? ''}`.trim()}>
        {label}
      </button>
    </form>
  );
}

interface FieldFrameProps {
  ui: Ui;
  id: string;
  label: string;
  hint?: string | undefined;
  error?: MessageKey | undefined;
  required?: boolean | undefined;
  children: ComponentChildren;
}

function FieldFrame({ ui, id, label, hint, error, required, children }: FieldFrameProps) {
  return (
    <div class="form-group">
      <div class="form-tit">
        <label for={id}>
          {label}
          {required && <span class="required"> ({ui.t('form.required')})</span>}
        </label>
      </div>
      {hint && (
        <p class="form-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div class={error ? 'form-conts is-error' : 'form-conts'}>{children}</div>
      {error && (
        <p class="form-hint-invalid" id={`${id}-error`}>
          {ui.t(error)}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

interface InputProps {
  ui: Ui;
  form: FormState;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'search' | 'date' | 'tel';
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  maxLength?: number;
  inputMode?: 'numeric' | 'decimal';
}

export function TextField({ ui, form, name, label, type = 'text', hint, required, autocomplete, maxLength, inputMode }: InputProps) {
  const id = fieldId(name, form.idPrefix);
  const error = form.errors[name];
  return (
    <FieldFrame ui={ui} id={id} label={label} hint={hint} error={error} required={required}>
      <input
        id={id}
        name={name}
        // preact's types tie other attributes to each literal type; ours are all text-like.
        type={type as 'text'}
        class="krds-input"
        // Passwords are never sent back to the browser.
        value={type === 'password' ? '' : textValue(formValues(form), name)}
        required={required}
        autocomplete={autocomplete}
        maxLength={maxLength}
        inputMode={inputMode}
        // The browser's picker offers only the days the server accepts.
        min={type === 'date' ? FIRST_DAY : undefined}
        max={type === 'date' ? LAST_DAY : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

export function TextArea({ ui, form, name, label, hint, required, maxLength, rows = 6 }: Omit<InputProps, 'type' | 'autocomplete'> & { rows?: number }) {
  const id = fieldId(name, form.idPrefix);
  const error = form.errors[name];
  return (
    <FieldFrame ui={ui} id={id} label={label} hint={hint} error={error} required={required}>
      <textarea
        id={id}
        name={name}
        class="krds-input"
        rows={rows}
        required={required}
        maxLength={maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {textValue(formValues(form), name)}
      </textarea>
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
  group?: string;
}

/** Consecutive options of the same group go under one optgroup. */
function groupOptions(options: Option[]): [string | undefined, Option[]][] {
  const groups: [string | undefined, Option[]][] = [];
  for (const option of options) {
    const last = groups.at(-1);
    if (last && last[0] === option.group) last[1].push(option);
    else groups.push([option.group, [option]]);
  }
  return groups;
}

export function SelectField({
  ui,
  form,
  name,
  label,
  options,
  required,
  hint,
}: Omit<InputProps, 'type'> & { options: Option[] }) {
  const id = fieldId(name, form.idPrefix);
  const error = form.errors[name];
  const selected = textValue(formValues(form), name);
  return (
    <FieldFrame ui={ui} id={id} label={label} hint={hint} error={error} required={required}>
      <select
        id={id}
        name={name}
        class="krds-form-select"
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {groupOptions(options).map(([group, items]) => {
          const rendered = items.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === selected}>
              {o.label}
            </option>
          ));
          return group ? (
            <optgroup key={group} label={group}>
              {rendered}
            </optgroup>
          ) : (
            rendered
          );
        })}
      </select>
    </FieldFrame>
  );
}

/** Several checkboxes under one legend (e.g. capability tags). */
function ChoiceGroup({ ui, form, name, label, options, hint, type }: Omit<InputProps, 'type'> & { options: Option[]; type: 'checkbox' | 'radio' }) {
  const id = fieldId(name, form.idPrefix);
  const error = form.errors[name];
  const checked = new Set(listValue(formValues(form), name));
  return (
    <fieldset class={`form-group ${type}-group`} id={id} aria-describedby={describedBy(id, hint, error)}>
      <legend class="form-tit">{label}</legend>
      {hint && (
        <p class="form-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div class="checkbox-grid">
        {options.map((o) => (
          <div class="krds-form-check" key={o.value}>
            <input type={type} id={`${id}-${o.value}`} name={name} value={o.value} checked={checked.has(o.value)} />
            <label for={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
      {error && (
        <p class="form-hint-invalid" id={`${id}-error`}>
          {ui.t(error)}
        </p>
      )}
    </fieldset>
  );
}

export function CheckboxGroup(props: Omit<InputProps, 'type'> & { options: Option[] }) {
  return <ChoiceGroup {...props} type="checkbox" />;
}

/** One choice of a few, each visible (a score, a yes or no). */
export function RadioGroup(props: Omit<InputProps, 'type'> & { options: Option[] }) {
  return <ChoiceGroup {...props} type="radio" />;
}

export function SubmitButton({ label }: { label: string }) {
  return (
    <div class="form-actions">
      <button type="submit" class="krds-btn">
        {label}
      </button>
    </div>
  );
}
