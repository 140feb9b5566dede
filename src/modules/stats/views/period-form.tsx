import type { FastifyRequest } from 'fastify';
import { ErrorSummary, type FormState, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { ValidationError } from '../../../shared/errors.ts';

/** The GET form of a period (two KST dates) for a page at `action`, with its messages. */
export function PeriodForm({ ui, form, action }: { ui: Ui; form: FormState; action: string }) {
  const { t } = ui;
  return (
    <>
      <ErrorSummary ui={ui} form={form} labels={{ from: t('stats.from'), to: t('stats.to') }} />
      <form method="get" action={action} class="filter-form" noValidate>
        <TextField ui={ui} form={form} name="from" type="date" label={t('stats.from')} />
        <TextField ui={ui} form={form} name="to" type="date" label={t('stats.to')} />
        <SubmitButton label={t('stats.show')} />
      </form>
    </>
  );
}

/**
 * Loads a page's figures for the period in the query. A period that cannot be read is given back
 * with its messages beside the fields (status 422), over the default period, never as an error page.
 */
export async function loadForPeriod<T>(request: FastifyRequest, load: (query: Record<string, string>) => Promise<T>): Promise<{ data: T; form: FormState; status: number }> {
  const query = request.query as Record<string, string>;
  const form: FormState = { values: { from: query.from ?? '', to: query.to ?? '' }, errors: {} };
  try {
    return { data: await load(query), form, status: 200 };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { data: await load({}), form: { ...form, errors: error.fields }, status: 422 };
  }
}
