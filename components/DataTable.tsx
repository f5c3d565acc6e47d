import { useId, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { messageOf, pageColumns, type Column } from './columns';
import { EmptyState, type EmptyStateProps } from './EmptyState';
import { HelpTip } from './HelpTip';
import { stackedClassOf } from '@/lib/ui/stacked-labels';
import { StackedLabels } from './StackedLabels';

export type { Column } from './columns';

/** What a row carries besides its cells: its anchor, whether it is the one asked for, test hooks. */
export type RowAttributes = {
  id?: string;
  /** The row the URL points at (a `line` deep link): marked for the eye and for assistive technology. */
  highlighted?: boolean;
  /** The row that is the current choice (aria-current without the highlight). */
  current?: boolean;
  /** data-* attributes, without the prefix. */
  data?: Record<string, string | number>;
};

export type DataTableProps<Row> = {
  /** Catalogue namespace of the headings and help tips of `columns`. */
  namespace: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  rowAttributes?: (row: Row) => RowAttributes;
  /** Shown instead of the table when there is no row. */
  empty: EmptyStateProps;
  /** A totals row: its label spans the columns before the first one given a value. */
  footer?: { label: string; cells: Partial<Record<string, ReactNode>>; testId?: string };
  id?: string;
  testId?: string;
  className?: string;
  /**
   * On a phone (under 640 px) each row becomes a card — its first cell as the
   * card's title, every other cell under it with its heading — so that a
   * row's name and figures are all in view without scrolling sideways.
   */
  stacked?: boolean;
} & (
  | { /** Names the table for screen readers: a caption read, not shown … */ caption: string; labelledBy?: undefined }
  | { /** … or the id of a visible heading that already names it. */ labelledBy: string; caption?: undefined }
);

/**
 * A cell's classes: only what differs between columns. The look itself
 * (padding, alignment, the first column kept in view, the row borders) is in
 * app/globals.css under `.data-table`, written once rather than on every cell.
 */
function cellClass<Row>(column: Column<Row>): { className?: string } {
  return classProp([column.numeric ? 'num' : column.code ? 'code' : '', column.alignEnd ? 'end' : '', column.text ? 'text' : '', column.pinEnd ? 'pin-end' : '', column.control ? 'ctl' : '']);
}

function headingClass<Row>(column: Column<Row>): { className?: string } {
  return classProp([column.numeric || column.alignEnd ? 'end' : '', column.pinEnd ? 'pin-end' : '', column.control ? 'ctl' : '']);
}

/**
 * A `className` prop only when there is a class: a prop passed as undefined
 * still travels in the page's React payload ("className":"$undefined"), on
 * every cell of every row.
 */
function classProp(classes: string[]): { className?: string } {
  const className = classes.filter(Boolean).join(' ');
  return className ? { className } : {};
}

/** The row's own attributes, only those it has (see classProp). */
function rowProps(attributes: RowAttributes): Record<string, string | number> {
  const props: Record<string, string | number> = {};
  if (attributes.id) props.id = attributes.id;
  if (attributes.highlighted || attributes.current) props['aria-current'] = 'true';
  if (attributes.highlighted) props.className = 'asked';
  for (const [name, value] of Object.entries(attributes.data ?? {})) props[`data-${name}`] = value;
  return props;
}

/**
 * Every list of the portal: headings from the catalogue with their
 * help tips, numbers right-aligned in tabular figures, an empty state that
 * offers the next step, and a totals row when the list has one. On a narrow
 * screen the page itself never scrolls sideways: the table scrolls inside its
 * own region, which is focusable and named so that a keyboard can scroll it,
 * and its first column stays in view.
 */
export function DataTable<Row>({ namespace, columns, rows, rowKey, rowAttributes, caption, labelledBy, empty, footer, id, testId, className = 'mt-3', stacked = false }: DataTableProps<Row>) {
  const t = useTranslations(namespace);
  const tt = useTranslations('common.table');
  const captionId = useId();
  if (rows.length === 0) return <EmptyState {...empty} className={empty.className ?? className} />;

  const shown = pageColumns(columns);
  const labelId = labelledBy ?? captionId;
  const firstTotal = footer ? shown.findIndex((column) => column.key in footer.cells) : -1;
  const headings = shown.map((column) => messageOf(t, column.heading));
  const footerHeadings = footer && firstTotal > 0 ? headings.slice(firstTotal) : undefined;
  const stackedClass = stacked ? stackedClassOf(headings, footerHeadings) : null;

  // `relative`: what is positioned inside (screen-reader text, help tips) stays inside the scrolling box.
  // On paper nothing scrolls: the whole table is printed (for auditors).
  return (
    <>
      {stackedClass && <StackedLabels className={stackedClass} body={headings} footer={footerHeadings} />}
      <div role="region" aria-labelledby={labelId} tabIndex={0} className={`${className} data-table-region relative overflow-x-auto rounded border border-slate-200 bg-white print:overflow-visible`}>
        {/* Said only while the table is wider than its box (app/globals.css, a scroll-state container query). */}
        <p className="scroll-hint" aria-hidden="true">
          {tt('scrolls')}
        </p>
        <table id={id} className={stackedClass ? `data-table stacked ${stackedClass}` : 'data-table'} data-testid={testId} aria-labelledby={labelledBy}>
          {caption !== undefined && (
            <caption id={captionId} className="sr-only">
              {caption}
            </caption>
          )}
          <thead>
            <tr>
              {shown.map((column, index) => {
                const heading = headings[index]!;
                return (
                  <th key={column.key} scope="col" {...headingClass(column)}>
                    {column.headingHidden ? <span className="sr-only">{heading}</span> : heading}
                    {column.help && <HelpTip label={tt('help', { term: heading })} text={t(column.help)} />}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              return (
                <tr key={rowKey(row)} {...rowProps(rowAttributes?.(row) ?? {})}>
                  {shown.map((column) =>
                    column.rowHeader ? (
                      <th key={column.key} scope="row" {...cellClass(column)}>
                        {column.cell!(row)}
                      </th>
                    ) : (
                      <td key={column.key} {...cellClass(column)}>
                        {column.cell!(row)}
                      </td>
                    ),
                  )}
                </tr>
              );
            })}
          </tbody>
          {footer && firstTotal > 0 && (
            <tfoot data-testid={footer.testId}>
              <tr>
                <th scope="row" colSpan={firstTotal} className="text-left">
                  {footer.label}
                </th>
                {shown.slice(firstTotal).map((column) => (
                  <td key={column.key} {...(column.key in footer.cells ? cellClass(column) : {})}>
                    {footer.cells[column.key]}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </>
  );
}
