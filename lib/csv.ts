/**
 * CSV exports: UTF-8 with a BOM; headers in the reader's language;
 * `;` in French and `,` in English (what spreadsheet programs expect); plain
 * integers; ISO dates; cells starting with =, +, - or @ neutralised against
 * formula injection.
 */
import { stringify } from 'csv-stringify/sync';
import type { Locale } from '@/db/schema';

export type CsvCell = string | number | null | undefined;

const BOM = '\uFEFF';

/** A text cell that a spreadsheet would read as a formula gets a leading apostrophe. */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  // Numbers are written as plain integers (no grouping, no locale); they cannot be formulas.
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Math.round(cell));
  return neutraliseFormula(cell);
}

export function toCsv(locale: Locale, header: string[], rows: CsvCell[][]): string {
  return (
    BOM +
    stringify([header.map(cellText), ...rows.map((row) => row.map(cellText))], {
      delimiter: locale === 'fr' ? ';' : ',',
      record_delimiter: '\r\n',
      quoted_match: /[";,\r\n]/,
    })
  );
}

/** The HTTP response of a CSV export, offered as a download. */
export function csvResponse(filename: string, body: string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}

/** An export asked for something outside the viewer's scope (or that does not exist): answered exactly like a missing page. */
export function csvNotFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
