/** Renders a <DataTable> as a page does (jsdom environment) and reads back what a reader sees. */
import { cleanup, render } from '@testing-library/react';
import { NextIntlClientProvider } from 'next-intl';
import type { Column } from '@/components/columns';
import { DataTable } from '@/components/DataTable';
import type { Locale } from '@/db/schema';
import { messages } from '@/lib/i18n/messages';

/** The column headings of the table, in order (a help tip's button and text left out). */
export function pageHeadings<Row>(locale: Locale, namespace: string, columns: readonly Column<Row>[], rows: readonly Row[]): string[] {
  const { container } = render(
    <NextIntlClientProvider locale={locale} messages={messages[locale]} timeZone="UTC">
      <DataTable namespace={namespace} columns={columns} rows={rows} rowKey={(row) => rows.indexOf(row)} caption="table" empty={{ title: 'empty' }} />
    </NextIntlClientProvider>,
  );
  const headings = [...container.querySelectorAll('thead th')].map((th) => th.firstChild?.textContent ?? '');
  cleanup();
  return headings;
}
