/**
 * The column definitions every list is written from: one array per list, read
 * by <DataTable> for the page and by columnsCsv() for its export, so that a
 * page and its CSV cannot drift apart: every view shows the same rows and figures.
 * A column with `cell` is on the page, one with `csv` is in the export; the
 * few that are only on one side say why beside them.
 */
import type { ReactNode } from 'react';
import type { Locale } from '@/db/schema';
import { toCsv, type CsvCell } from '@/lib/csv';

/** A catalogue key in the table's namespace, with its values when the message has placeholders. */
export type MessageRef = string | { key: string; values: Record<string, string | number> };

/** A catalogue lookup of one namespace (what next-intl's `useTranslations` / `getTranslations` return). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export type Column<Row> = {
  /** Names the column for tests, footers and React keys. */
  key: string;
  /** The heading, on the page and in the CSV header. */
  heading: MessageRef;
  /** The heading is read to screen readers only (a column of buttons needs no visible title). */
  headingHidden?: boolean;
  /** Catalogue key of a help tip shown beside the heading (the term's definition). */
  help?: string;
  /** Counts: right-aligned with tabular figures, never wrapped, so that a column of counts lines up. */
  numeric?: boolean;
  /** Right-aligned without being a count (a column of buttons). */
  alignEnd?: boolean;
  /** Codes and dates: tabular figures, kept on one line. */
  code?: boolean;
  /** Names and other long text: wrapped between words, but never down to one word a line on a phone. */
  text?: boolean;
  /** Kept in view at the right edge while the table scrolls sideways (the row's action). */
  pinEnd?: boolean;
  /** Only controls (links to act, buttons): left off the printout. */
  control?: boolean;
  /** The cell names its row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** How the cell is shown; none: the page shows this value elsewhere (a heading above the table). */
  cell?: (row: Row) => ReactNode;
  /** How the cell is written to CSV: plain integers, ISO dates, text; none: not exported (links, buttons). */
  csv?: (row: Row) => CsvCell;
};

export function messageOf(t: Translate, ref: MessageRef): string {
  return typeof ref === 'string' ? t(ref) : t(ref.key, ref.values);
}

/** The columns a page shows, in order. */
export function pageColumns<Row>(columns: readonly Column<Row>[]): Column<Row>[] {
  return columns.filter((column) => column.cell);
}

/** The columns an export writes, in order. */
export function csvColumns<Row>(columns: readonly Column<Row>[]): Column<Row>[] {
  return columns.filter((column) => column.csv);
}

/**
 * The CSV of a list, written from its column definitions with the rules of
 * lib/csv.ts (BOM, the language's separator, plain integers, formulas
 * neutralised). `t` reads the same namespace the page's table reads.
 */
export function columnsCsv<Row>(locale: Locale, t: Translate, columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const exported = csvColumns(columns);
  return toCsv(
    locale,
    exported.map((column) => messageOf(t, column.heading)),
    rows.map((row) => exported.map((column) => column.csv!(row))),
  );
}
