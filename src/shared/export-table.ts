import writeExcelFile, { type Row, type Sheet } from 'write-excel-file/node';
import { kstTimestamp, kstWallClock } from './dates.ts';
import type { MessageKey, Translate } from './i18n/index.ts';
import { cleanText } from './text.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ColumnType = 'text' | 'number' | 'datetime';
export type Cell = string | number | Date | null;

export interface Column {
  /** The field's name in open data files: stable, English, snake_case. */
  key: string;
  type: ColumnType;
  /** A short Korean header for people (spreadsheets) and the description in the published schema. */
  label: MessageKey;
}

/** One dataset: a sheet of a workbook, a CSV file, an array of JSON objects. */
export interface Table {
  name: string;
  columns: Column[];
  rows: Cell[][];
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

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark, which Excel needs to read Korean correctly, and CRLF
 * line ends. The header is the field names (open data) or the Korean labels (operators' exports).
 */
export function toCsv(table: Table, header: 'keys' | Translate): string {
  const names = table.columns.map((column) => (header === 'keys' ? column.key : header(column.label)));
  const lines = [names, ...table.rows].map((row) => row.map(csvText).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same rows as JSON objects keyed by field name, dates as KST timestamps. */
export function toObjects(table: Table): Record<string, string | number | null>[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column.key, row[i] instanceof Date ? kstTimestamp(row[i]) : (row[i] ?? null)])));
}

/** An .xlsx workbook, one sheet per table, Korean headers in bold, dates as real dates (KST). */
export function toXlsx(tables: Table[], t: Translate): Promise<Buffer> {
  const sheets: Sheet<Buffer>[] = tables.map((table) => {
    const header: Row = table.columns.map((column) => ({ value: t(column.label), fontWeight: 'bold' }));
    const rows: Row[] = table.rows.map((row) =>
      row.map((cell, i) => {
        if (cell === null) return null;
        if (table.columns[i]!.type === 'datetime' && cell instanceof Date) {
          // A spreadsheet date has no time zone: write what a clock in Korea showed.
          return { value: kstWallClock(cell), type: Date, format: 'yyyy-mm-dd hh:mm' };
        }
        // The sheet is XML: write-excel-file itself drops what XML 1.0 cannot hold (tested).
        return typeof cell === 'number' ? { value: cell, type: Number } : { value: String(cell), type: String };
      }),
    );
    return { sheet: table.name, data: [header, ...rows], stickyRowsCount: 1 };
  });
  return writeExcelFile(sheets).toBuffer();
}
