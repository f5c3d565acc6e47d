import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from './csv';

describe('toCsv', () => {
  it('writes a BOM, the language’s separator and CRLF rows', () => {
    expect(toCsv('fr', ['Produit', 'Nombre'], [['Office', 12500]])).toBe('\uFEFFProduit;Nombre\r\nOffice;12500\r\n');
    expect(toCsv('en', ['Product', 'Count'], [['Office', 12500]])).toBe('\uFEFFProduct,Count\r\nOffice,12500\r\n');
  });

  it('quotes cells holding separators, quotes or line breaks', () => {
    expect(toCsv('fr', ['a'], [['x;y'], ['say "hi"'], ['two\nlines']])).toBe('\uFEFFa\r\n"x;y"\r\n"say ""hi"""\r\n"two\nlines"\r\n');
    expect(toCsv('en', ['a'], [['Montréal, QC']])).toBe('\uFEFFa\r\n"Montréal, QC"\r\n');
  });

  it('neutralises formulas but not numbers', () => {
    expect(neutraliseFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutraliseFormula('+33 1 23')).toBe("'+33 1 23");
    expect(neutraliseFormula('-1')).toBe("'-1");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('Office')).toBe('Office');
    expect(toCsv('en', ['n'], [[-3]])).toBe('\uFEFFn\r\n-3\r\n');
    expect(toCsv('en', ['n'], [[null], [undefined]])).toBe('\uFEFFn\r\n\r\n\r\n');
  });
});
