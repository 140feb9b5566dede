import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { kstTimestamp, kstWallClock } from './dates.ts';
import { isProcessAlive } from './processes.ts';
import type { MessageKey, Translate } from './i18n/index.ts';
import { cleanText, xmlText } from './text.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv; charset=utf-8';

export type ColumnType = 'text' | 'number' | 'datetime';
export type Cell = string | number | Date | null;

export interface Column {
  /** The field's name in open data files: stable, English, snake_case. */
  key: string;
  type: ColumnType;
  /** A short Korean header for people (spreadsheets) and the description in the published schema. */
  label: MessageKey;
}

/** A table's rows: a list, or read page by page as a writer takes them (exports of 100,000 rows). */
export type Rows = Iterable<Cell[]> | AsyncIterable<Cell[]>;

/** One dataset: a sheet of a workbook, a CSV file, an array of JSON objects. */
export interface Table {
  name: string;
  columns: Column[];
  rows: Rows;
  /** Said in the file's name instead of the day it was made (a statistics period). */
  qualifier?: string;
}

function csvText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return kstTimestamp(cell);
  // No NUL or other control character (spreadsheets cut or refuse them); CR and LF are quoted below.
  const text = cleanText(String(cell));
  // A cell starting with = + - @ would run as a formula when a spreadsheet opens the file.
  const safe = typeof cell === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Lines of CSV per chunk: a few hundred kilobytes. */
const CSV_LINES_PER_CHUNK = 500;

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark, which Excel needs to read Korean correctly, and CRLF
 * line ends, as chunks of text made while the rows are read (only one chunk is held at a time). The
 * header is the field names (open data) or the Korean labels (operators' exports).
 */
export async function* csvChunks(table: Table, header: 'keys' | Translate): AsyncGenerator<string> {
  const line = (row: Cell[]) => `${row.map(csvText).join(',')}\r\n`;
  let chunk = `\uFEFF${line(table.columns.map((column) => (header === 'keys' ? column.key : header(column.label))))}`;
  let lines = 0;
  for await (const row of table.rows) {
    chunk += line(row);
    if (++lines % CSV_LINES_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

/** The whole CSV as one string: for files kept in memory (the public open-data files). */
export async function toCsv(table: Table, header: 'keys' | Translate): Promise<string> {
  let text = '';
  for await (const chunk of csvChunks(table, header)) text += chunk;
  return text;
}

/** The same rows as JSON objects keyed by field name, dates as KST timestamps. */
export async function toObjects(table: Table): Promise<Record<string, string | number | null>[]> {
  const objects: Record<string, string | number | null>[] = [];
  for await (const row of table.rows) {
    objects.push(Object.fromEntries(table.columns.map((column, i) => [column.key, row[i] instanceof Date ? kstTimestamp(row[i]) : (row[i] ?? null)])));
  }
  return objects;
}

const EXPORT_PREFIX = 'ieumteo-export-';
/**
 * Removes the workbooks' temporary folders of processes that no longer run: a server killed while
 * it wrote exports left them behind (~22 MB each for 100,000 demands). Looked for at each workbook.
 */
async function sweepAbandonedExports(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => []);
  for (const name of names) {
    if (!name.startsWith(EXPORT_PREFIX)) continue;
    const pid = Number(name.slice(EXPORT_PREFIX.length).split('-')[0]);
    if (pid && pid !== process.pid && !isProcessAlive(pid)) await rm(path.join(tmpdir(), name), { recursive: true, force: true });
  }
}

/**
 * An .xlsx workbook, one sheet per table, Korean headers in bold above a frozen pane, dates as real
 * dates (KST). ExcelJS's streaming writer puts each row into a temporary file as it is read, so a
 * workbook of 100,000 rows never sits in memory; the returned stream reads that file and removes it
 * once it has been read or abandoned.
 */
export async function xlsxStream(tables: Table[], t: Translate): Promise<Readable> {
  await sweepAbandonedExports();
  const dir = await mkdtemp(path.join(tmpdir(), `${EXPORT_PREFIX}${process.pid}-`));
  const filename = path.join(dir, 'export.xlsx');
  try {
    // Loaded on the first workbook, not at start: the library takes ~1 s and ~35 MB to load.
    const { default: excel } = await import('exceljs');
    const workbook = new excel.stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: false });
    for (const table of tables) await writeSheet(workbook, table, t);
    await workbook.commit();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return createReadStream(filename).once('close', () => void rm(dir, { recursive: true, force: true }));
}

async function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: Table, t: Translate): Promise<void> {
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow(table.columns.map((column) => t(column.label)));
  header.font = { bold: true };
  header.commit();
  for await (const cells of table.rows) {
    const row = sheet.addRow(
      cells.map((cell, i) => {
        if (cell === null || typeof cell === 'number') return cell;
        // A spreadsheet date has no time zone: write what a clock in Korea showed.
        if (cell instanceof Date) return table.columns[i]!.type === 'datetime' ? kstWallClock(cell) : kstTimestamp(cell);
        // The sheet is XML: what XML 1.0 cannot hold is dropped.
        return xmlText(cell);
      }),
    );
    table.columns.forEach((column, i) => {
      if (column.type === 'datetime') row.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm';
    });
    row.commit();
  }
  sheet.commit();
}

/** A person's download of one table: CSV streamed as it is read, or XLSX from its temporary file. */
export async function downloadOf(table: Table, format: 'csv' | 'xlsx', t: Translate): Promise<{ mime: string; data: Readable }> {
  if (format === 'csv') return { mime: CSV_MIME, data: Readable.from(csvChunks(table, t)) };
  return { mime: XLSX_MIME, data: await xlsxStream([table], t) };
}
