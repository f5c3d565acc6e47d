import { describe, expect, it } from 'vitest';
import { columnsCsv, csvColumns, pageColumns, type Column, type Translate } from './columns';

type Row = { name: string; count: number; expires: string | null };
const COLUMNS: Column<Row>[] = [
  { key: 'family', heading: 'family', csv: () => 'Office' },
  { key: 'name', heading: 'name', cell: (row) => row.name, csv: (row) => row.name },
  { key: 'count', heading: { key: 'countOf', values: { unit: 'licences' } }, numeric: true, cell: (row) => String(row.count), csv: (row) => row.count },
  { key: 'expires', heading: 'expires', cell: (row) => row.expires, csv: (row) => row.expires },
  { key: 'actions', heading: 'actions', cell: () => 'link' },
];
const t: Translate = (key, values) => (values ? `${key.toUpperCase()} (${Object.values(values).join(', ')})` : key.toUpperCase());

describe('column definitions', () => {
  it('tell the page’s columns from the export’s', () => {
    expect(pageColumns(COLUMNS).map((column) => column.key)).toEqual(['name', 'count', 'expires', 'actions']);
    expect(csvColumns(COLUMNS).map((column) => column.key)).toEqual(['family', 'name', 'count', 'expires']);
  });

  it('write the CSV from the definitions with the rules of lib/csv (BOM, separator, plain integers, ISO dates, formulas neutralised)', () => {
    const rows: Row[] = [
      { name: '=HYPERLINK("x")', count: 12500, expires: '2026-12-06' },
      { name: 'Office; Pro', count: 3, expires: null },
    ];
    expect(columnsCsv('fr', t, COLUMNS, rows)).toBe(
      '\uFEFFFAMILY;NAME;COUNTOF (licences);EXPIRES\r\n' + 'Office;"\'=HYPERLINK(""x"")";12500;2026-12-06\r\n' + 'Office;"Office; Pro";3;\r\n',
    );
    expect(columnsCsv('en', t, COLUMNS, rows.slice(1))).toBe('\uFEFFFAMILY,NAME,COUNTOF (licences),EXPIRES\r\nOffice,"Office; Pro",3,\r\n');
  });
});
