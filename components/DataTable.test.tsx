// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { NextIntlClientProvider } from 'next-intl';
import { afterEach, describe, expect, it } from 'vitest';
import { messages } from '@/lib/i18n/messages';
import type { Column } from './columns';
import { DataTable, type DataTableProps } from './DataTable';

afterEach(cleanup);

type Row = { id: number; name: string; count: number };
const ROWS: Row[] = [
  { id: 1, name: 'Office Professionnel Plus', count: 1200 },
  { id: 2, name: 'Windows Server', count: 64 },
];
// Headings and tips from the inventory catalogue, as the inventory's lines use them.
const COLUMNS: Column<Row>[] = [
  { key: 'name', heading: 'columns.product', rowHeader: true, text: true, cell: (row) => row.name, csv: (row) => row.name },
  { key: 'count', heading: 'columns.licenseCount', help: 'help.licenseCount', numeric: true, cell: (row) => String(row.count), csv: (row) => row.count },
  { key: 'unpaid', heading: 'columns.unpaid', csv: () => 0 },
];

function show(props: Partial<DataTableProps<Row>> = {}) {
  const all = { namespace: 'inventory', columns: COLUMNS, rows: ROWS, rowKey: (row: Row) => row.id, caption: 'Lignes de test', empty: { title: 'Rien ici' }, ...props } as DataTableProps<Row>;
  return render(
    <NextIntlClientProvider locale="fr" messages={messages.fr} timeZone="UTC">
      <DataTable {...all} />
    </NextIntlClientProvider>,
  );
}

describe('DataTable', () => {
  it('shows the columns that have a cell, headings from the catalogue, with their help tips', () => {
    show();
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map((th) => th.firstChild?.textContent)).toEqual(['PRODUIT', 'NOMBRE DE LICENCES']);
    const help = within(headers[1]!).getByRole('button', { name: 'Aide\u00a0: NOMBRE DE LICENCES' });
    expect(help.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByRole('tooltip', { hidden: true }).textContent).toContain('licences acquises');
  });

  it('right-aligns counts in tabular figures and makes the naming cell a row header', () => {
    show();
    const [first] = screen.getAllByRole('row').slice(1);
    const name = within(first!).getByRole('rowheader', { name: 'Office Professionnel Plus' });
    const count = within(first!).getByRole('cell', { name: '1200' });
    // `num`: right-aligned tabular figures on one line (app/globals.css `.data-table .num`); its heading `end`.
    expect(count.className).toBe('num');
    expect(screen.getAllByRole('columnheader')[1]!.className).toBe('end');
    // The look is the table's (`.data-table`), not each cell's: the naming cell carries only its column's kind.
    // (That the first column stays in view while the table scrolls sideways: tests/e2e/narrow.spec.ts.)
    expect(name.className).toBe('text');
    expect(screen.getByRole('table').className).toBe('data-table');
  });

  it('scrolls inside a focusable region named like the table, never the page', () => {
    show();
    const region = screen.getByRole('region', { name: 'Lignes de test' });
    expect(region.tabIndex).toBe(0);
    expect(region.className).toMatch(/\boverflow-x-auto\b/);
    // Positioned, so that screen-reader text and help tips inside cannot widen the page.
    expect(region.className).toMatch(/\brelative\b/);
    expect(within(region).getByRole('table', { name: 'Lignes de test' })).toBeTruthy();
  });

  it('can be named by a visible heading instead of a caption', () => {
    render(
      <NextIntlClientProvider locale="fr" messages={messages.fr} timeZone="UTC">
        <h2 id="account-heading">Compte d&apos;achats 5100201</h2>
        <DataTable namespace="inventory" columns={COLUMNS} rows={ROWS} rowKey={(row) => row.id} labelledBy="account-heading" empty={{ title: 'Rien ici' }} />
      </NextIntlClientProvider>,
    );
    expect(screen.getByRole('region', { name: "Compte d'achats 5100201" })).toBeTruthy();
    expect(screen.getByRole('table', { name: "Compte d'achats 5100201" })).toBeTruthy();
    expect(document.querySelector('caption')).toBeNull();
  });

  it('says what is missing and offers the next step instead of an empty table', () => {
    show({ rows: [], empty: { title: 'Aucun produit', hint: 'Essayez un autre mot.', action: { href: '/inventory', label: 'Effacer la recherche' }, testId: 'empty' } });
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByTestId('empty').textContent).toContain('Aucun produit');
    expect(screen.getByText('Essayez un autre mot.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Effacer la recherche' }).getAttribute('href')).toBe('/inventory');
  });

  it('marks the row a link asked for, and writes a totals row under the counts', () => {
    show({
      rowAttributes: (row) => ({ id: `line-${row.id}`, highlighted: row.id === 2, data: { testid: 'line' } }),
      footer: { label: 'Total', cells: { count: '1264' }, testId: 'totals' },
    });
    const rows = screen.getAllByTestId('line');
    expect(rows.map((row) => row.getAttribute('aria-current'))).toEqual([null, 'true']);
    expect(rows[1]!.id).toBe('line-2');
    const totals = screen.getByTestId('totals');
    expect(within(totals).getByRole('rowheader', { name: 'Total' }).getAttribute('colspan')).toBe('1');
    expect(within(totals).getByRole('cell', { name: '1264' }).className).toBe('num');
  });

  it('reads a hidden heading to screen readers only', () => {
    show({ columns: [...COLUMNS, { key: 'action', heading: 'columns.actions', headingHidden: true, cell: () => '→' }] });
    const action = screen.getAllByRole('columnheader')[2]!;
    expect(action.textContent).toBe('ACTIONS');
    expect(action.firstElementChild?.className).toBe('sr-only');
  });
});
