/**
 * The viewer is one of four shapes, told apart by its role and whether a
 * customer is chosen; code that needs a customer or a partner narrows with a
 * guard instead of asserting that a field is there.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { createTestDb } from '@/tests/helpers/db';
import { FIXTURE_CUSTOMERS as C, FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { viewerOf } from '@/tests/helpers/viewers';
import { hasCustomer, isCustomerAdmin, isPartnerCustomerViewer, isPartnerViewer } from './scope';

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
  await loadFixtures(db);
});

describe('the viewer', () => {
  it('is a customer administrator with the customer, no partner and no account list', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    expect(viewer).toMatchObject({ role: 'customer_admin', customer: { number: C.alpha }, partner: null, grantedAccountIds: null });
    expect([hasCustomer(viewer), isCustomerAdmin(viewer), isPartnerViewer(viewer), isPartnerCustomerViewer(viewer)]).toEqual([true, true, false, false]);
  });

  it('is an account viewer with the accounts granted', async () => {
    const viewer = (await viewerOf(db, U.alphaViewer));
    expect(viewer).toMatchObject({ role: 'account_viewer', customer: { number: C.alpha }, partner: null });
    expect(viewer.grantedAccountIds).toHaveLength(1);
    expect([hasCustomer(viewer), isCustomerAdmin(viewer), isPartnerViewer(viewer)]).toEqual([true, false, false]);
  });

  it('is a partner user without a customer until one it serves is chosen', async () => {
    const home = (await viewerOf(db, U.northPartner));
    expect(home).toMatchObject({ role: 'partner_user', customer: null, partner: { code: 'PN' } });
    expect([hasCustomer(home), isPartnerViewer(home), isPartnerCustomerViewer(home)]).toEqual([false, true, false]);
    const working = (await viewerOf(db, U.northPartner, C.beta));
    expect(working).toMatchObject({ role: 'partner_user', customer: { number: C.beta }, partner: { code: 'PN' } });
    expect([hasCustomer(working), isPartnerViewer(working), isPartnerCustomerViewer(working)]).toEqual([true, true, true]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry) ? [path] : [];
  });
}

describe('code that needs a customer or a partner', () => {
  it('narrows the viewer with a guard, never asserts (viewer.customer!, viewer.partner!)', () => {
    const found = ['lib', 'app', 'components'].flatMap((root) =>
      sourceFiles(join(process.cwd(), root))
        .filter((file) => !file.endsWith('.test.ts') && /\b(viewer|scope)\.(customer|partner)!/.test(readFileSync(file, 'utf8')))
        .map((file) => relative(process.cwd(), file)),
    );
    expect(found).toEqual([]);
  });
});
