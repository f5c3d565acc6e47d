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
    expect(names).toHaveLength(18);
    expect(names.slice(0, 3)).toEqual(locale === 'fr' ? ['NUMÉRO DE COMMANDE', 'DATE', 'STATUT'] : ['ORDER NUMBER', 'DATE', 'STATUS']);
    expect(names).toContain(locale === 'fr' ? 'NUMÉRO DU BON DE COMMANDE DU CLIENT' : 'CUSTOMER PO NUMBER');
  });
});

describe('the order export', () => {
  it('holds one row per item of the searched orders, and nothing of another customer', async () => {
    setRequestContext({ locale: 'en', viewer: (await viewerOf(db(), U.alphaAdmin)) });
    const body = await (await GET(new Request('http://localhost/orders/export?account=all&po=alpha'))).text();
    const lines = body.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((line) => line.startsWith(`${O.alphaNorth},2026-09-15,`))).toBe(true);
    expect(body).not.toContain(O.betaSouth);
  });
});
