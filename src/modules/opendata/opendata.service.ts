import { audit } from '../../shared/audit.ts';
import type { Ctx } from '../../shared/context.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { requireOperator } from '../../shared/actors.ts';
import type { Dataset, Reader } from './datasets.ts';
import type { Table } from '../../shared/export-table.ts';

function find(datasets: Dataset[], name: string): Dataset {
  const dataset = datasets.find((d) => d.name === name);
  if (!dataset) throw new NotFoundError();
  return dataset;
}

/** A public dataset (of those `offered`) as it stands now; anyone may read it. */
export async function publicTable(ctx: Ctx, offered: Dataset[], name: string, reader: Reader): Promise<Table> {
  const dataset = find(offered, name);
  return { name, columns: dataset.columns, ...(await dataset.load(ctx, {}, reader)) };
}

/**
 * An operator's export (contact persons included): operators only — anyone else is told it does not
 * exist — and written to the audit log, since it carries personal data out of the platform.
 */
export async function operatorTable(ctx: Ctx, offered: Dataset[], name: string, format: string, query: unknown, reader: Reader): Promise<Table> {
  requireOperator(ctx);
  const dataset = find(offered, name);
  const loaded = await dataset.load(ctx, query, reader);
  await audit(ctx, ctx.db, 'export.download', { type: 'dataset', id: name }, { format, ...(loaded.qualifier ? { period: loaded.qualifier } : {}) });
  return { name, columns: dataset.columns, ...loaded };
}
