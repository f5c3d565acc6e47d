/**
 * Exporter (CSV) of the order history: one row per item with its order's
 * fields, headings in the reader's language, the same search as the page.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Locale } from '@/db/schema';
import { FIXTURE_ORDERS as O, FIXTURE_USERS as U } from '@/tests/helpers/fixtures';
import { exportedHeader, fixturesForEachTest, setRequestContext } from '@/tests/helpers/request';
import { viewerOf } from '@/tests/helpers/viewers';
import { GET } from './export/route';

vi.mock('next-intl/server', () => import('@/tests/helpers/request'));
vi.mock('@/lib/auth/viewer', () => import('@/tests/helpers/request'));

const db = fixturesForEachTest();

describe.each(['fr', 'en'] as const)('the order export in %s', (locale: Locale) => {
  it('has the order’s fields then the item’s, in the reader’s language', async () => {
    const header = await exportedHeader(GET, '/orders/export?account=all', { locale, viewer: (await viewerOf(db(), U.alphaAdmin)) });
    const names = header.replace(/^\uFEFF/, '').trim().split(locale === 'fr' ? ';' : ',');
    expect(names).toHaveLength(22);
    expect(names.slice(0, 3)).toEqual(locale === 'fr' ? ['NUMÉRO DE COMMANDE', 'DATE', 'STATUT'] : ['ORDER NUMBER', 'DATE', 'STATUS']);
    expect(names).toContain(locale === 'fr' ? 'NUMÉRO DU BON DE COMMANDE DU CLIENT' : 'CUSTOMER PO NUMBER');
  });
});

describe('the order export', () => {
  it('writes prices, amounts and the order’s total exactly, with the decimal separator of the reader’s spreadsheet', async () => {
    for (const locale of ['fr', 'en'] as const) {
      setRequestContext({ locale, viewer: await viewerOf(db(), U.alphaAdmin) });
      const body = await (await GET(new Request('http://localhost/orders/export?account=all&po=alpha'))).text();
      const [header, ...rows] = body.replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(locale === 'fr' ? ';' : ',').map((cell) => cell.replace(/^"(.*)"$/, '$1')));
      const column = (name: string) => rows.map((row) => row[header!.indexOf(name)]);
      const fr = locale === 'fr';
      // 10 × 512.50 CAD; the service has no price, so no amount; the order's total counts the priced item only.
      expect(column(fr ? 'PRIX UNITAIRE' : 'UNIT PRICE')).toEqual([fr ? '512,50' : '512.50', '']);
      expect(column(fr ? 'MONTANT' : 'AMOUNT')).toEqual([fr ? '5125,00' : '5125.00', '']);
      expect(column(fr ? 'TOTAL DE LA COMMANDE' : 'ORDER TOTAL')).toEqual(fr ? ['5125,00', '5125,00'] : ['5125.00', '5125.00']);
      expect(column(fr ? 'FACTURER À' : 'BILL TO')).toEqual(['Alpha Équipements Ltée', 'Alpha Équipements Ltée']);
      expect(column(fr ? 'LIVRER À' : 'SHIP TO')).toEqual(['Alpha Montréal', 'Alpha Montréal']);
    }
  });

  it('holds one row per item of the searched orders, and nothing of another customer', async () => {
    setRequestContext({ locale: 'en', viewer: (await viewerOf(db(), U.alphaAdmin)) });
    const body = await (await GET(new Request('http://localhost/orders/export?account=all&po=alpha'))).text();
    const lines = body.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((line) => line.startsWith(`${O.alphaNorth},2026-09-15,`))).toBe(true);
    expect(body).not.toContain(O.betaSouth);
  });
});
