/**
 * listBenefits() against a migrated database with the fixtures (two customers,
 * two partners): what each kind of viewer sees, and what they must not see.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { softwareAssuranceBenefits } from '@/db/schema';
import type { Viewer } from '@/lib/auth/scope';
import { createTestDb, one } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS as A, FIXTURE_CUSTOMERS as C, FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { accountIdOf, viewerOf as viewerOfIn } from '@/tests/helpers/viewers';
import { BENEFITS_ROW_LIMIT, listBenefits, parseBenefitsParams, remainingBenefit, type BenefitsList } from './benefits';

let db: Db;

const viewerOf = async (email: string, customerNumber?: string): Promise<Viewer> => (await viewerOfIn(db, email, customerNumber));
const accountId = async (number: string): Promise<number> => (await accountIdOf(db, number));

/** Account number → [benefit, entitled, used, remaining, expiry] per row: what a reader compares. */
function summary(list: BenefitsList) {
  return list.accounts.map((group) => ({
    account: `${group.accountNumber} ${group.accountName}`,
    rows: group.benefits.map((b) => [b.name, b.entitled, b.used, b.remaining, b.expiresOn]),
  }));
}

const accountsOf = (list: BenefitsList) => list.accounts.map((group) => group.accountNumber);

beforeEach(async () => {
  db = await createTestDb();
  await loadFixtures(db);
  // Beyond the two fixture benefits (alphaNorth, betaSouth): one on every
  // other account, a second expiry of the same benefit (ordering), and one
  // used beyond its entitlement (remaining never negative).
  await db.insert(softwareAssuranceBenefits)
    .values([
      { purchaseAccountId: (await accountId(A.alphaNorth)), benefit: 'Bons de formation', entitled: 3, used: 5, expiresOn: '2026-12-01' },
      { purchaseAccountId: (await accountId(A.alphaNorth)), benefit: 'Jours de planification du déploiement', entitled: 2, used: 0, expiresOn: '2027-01-15' },
      { purchaseAccountId: (await accountId(A.alphaNorth2)), benefit: 'Support 24x7', entitled: 1, used: 0, expiresOn: '2027-02-01' },
      { purchaseAccountId: (await accountId(A.alphaSouth)), benefit: 'Home Use Program', entitled: 40, used: 12, expiresOn: '2026-10-01' },
      { purchaseAccountId: (await accountId(A.betaNorth)), benefit: 'E-learning', entitled: 25, used: 25, expiresOn: '2027-05-31' },
    ])
    ;
});

const alphaNorthRows = [
  ['Bons de formation', 3, 5, 0, '2026-12-01'],
  ['Jours de planification du déploiement', 2, 0, 2, '2027-01-15'],
  ['Jours de planification du déploiement', 5, 2, 3, '2027-06-30'],
];

describe('listBenefits', () => {
  it("gives a customer administrator every account of the customer, ordered by account, benefit and expiry, and nothing of the other customer's", async () => {
    const list = (await listBenefits(db, (await viewerOf(U.alphaAdmin)), 'all'));
    expect(summary(list)).toEqual([
      { account: `${A.alphaNorth} Alpha Montréal`, rows: alphaNorthRows },
      { account: `${A.alphaNorth2} Alpha Québec`, rows: [['Support 24x7', 1, 0, 1, '2027-02-01']] },
      { account: `${A.alphaSouth} Alpha Lyon`, rows: [['Home Use Program', 40, 12, 28, '2026-10-01']] },
    ]);
    expect(list).toMatchObject({ shown: 5, total: 5, capped: false });
    const names = list.accounts.flatMap((group) => group.benefits.map((b) => b.name));
    expect(names).not.toContain('Formation');
    expect(names).not.toContain('E-learning');
  });

  it('narrows to one account with the account filter', async () => {
    const list = (await listBenefits(db, (await viewerOf(U.alphaAdmin)), { accountId: (await accountId(A.alphaNorth)) }));
    expect(summary(list)).toEqual([{ account: `${A.alphaNorth} Alpha Montréal`, rows: alphaNorthRows }]);
  });

  it("returns nothing for another customer's account even when its id is passed in the filter", async () => {
    const list = (await listBenefits(db, (await viewerOf(U.alphaAdmin)), { accountId: (await accountId(A.betaSouth)) }));
    expect(list).toEqual({ accounts: [], shown: 0, total: 0, capped: false, page: 1, pages: 1 });
  });

  it('gives an account viewer only the granted accounts', async () => {
    const viewer = (await viewerOf(U.alphaViewer));
    expect(accountsOf((await listBenefits(db, viewer, 'all')))).toEqual([A.alphaNorth]);
    expect((await listBenefits(db, viewer, { accountId: (await accountId(A.alphaNorth2)) })).accounts).toEqual([]);
    expect((await listBenefits(db, viewer, { accountId: (await accountId(A.alphaSouth)) })).accounts).toEqual([]);

    const beta = (await viewerOf(U.betaViewer));
    expect(summary((await listBenefits(db, beta, 'all')))).toEqual([{ account: `${A.betaSouth} Beta Besançon`, rows: [['Formation', 10, 0, 10, '2027-01-31']] }]);
  });

  it('gives a partner user only the accounts it is partner of record for, one customer at a time', async () => {
    expect(accountsOf((await listBenefits(db, (await viewerOf(U.northPartner, C.alpha)), 'all')))).toEqual([A.alphaNorth, A.alphaNorth2]);
    expect((await listBenefits(db, (await viewerOf(U.northPartner, C.alpha)), { accountId: (await accountId(A.alphaSouth)) })).accounts).toEqual([]);
    expect(accountsOf((await listBenefits(db, (await viewerOf(U.northPartner, C.beta)), 'all')))).toEqual([A.betaNorth]);
    expect(summary((await listBenefits(db, (await viewerOf(U.northPartner, C.beta)), 'all')))[0]?.rows).toEqual([['E-learning', 25, 25, 0, '2027-05-31']]);
    expect(accountsOf((await listBenefits(db, (await viewerOf(U.southPartner, C.alpha)), 'all')))).toEqual([A.alphaSouth]);
    expect(accountsOf((await listBenefits(db, (await viewerOf(U.southPartner, C.beta)), 'all')))).toEqual([A.betaSouth]);
    // Before choosing a customer a partner user sees no account at all.
    expect((await listBenefits(db, (await viewerOf(U.northPartner)), 'all')).accounts).toEqual([]);
  });

  it("gives the other customer's administrator its own accounts only", async () => {
    expect(accountsOf((await listBenefits(db, (await viewerOf(U.betaAdmin)), 'all')))).toEqual([A.betaNorth, A.betaSouth]);
  });

  it('stops at the row limit and says how many rows there are', async () => {
    const betaNorth = (await accountId(A.betaNorth));
    const extra = Array.from({ length: BENEFITS_ROW_LIMIT }, (_, i) => ({
      purchaseAccountId: betaNorth,
      benefit: `Benefit ${String(i).padStart(5, '0')}`,
      entitled: 1,
      used: 0,
      expiresOn: '2027-01-01',
    }));
    for (let i = 0; i < extra.length; i += 500) await db.insert(softwareAssuranceBenefits).values(extra.slice(i, i + 500));

    const list = (await listBenefits(db, (await viewerOf(U.betaAdmin)), 'all'));
    expect(list).toMatchObject({ shown: BENEFITS_ROW_LIMIT, total: BENEFITS_ROW_LIMIT + 2, capped: true });
    expect(list.accounts.reduce((sum, group) => sum + group.benefits.length, 0)).toBe(BENEFITS_ROW_LIMIT);
    // Ordered by account number: betaSouth (after betaNorth) is what the cap leaves out.
    expect(accountsOf(list)).toEqual([A.betaNorth]);
    // The other customer's administrator is not affected.
    expect((await listBenefits(db, (await viewerOf(U.alphaAdmin)), 'all'))).toMatchObject({ shown: 5, capped: false });
  });
});

describe('listBenefits, a page at a time', () => {
  it('shows 20 accounts with benefits a page, each with all its benefits, and counts every benefit', async () => {
    const alpha = await one<{ c: number; g: number; p: number }>(db, 'select customer_id as c, agreement_id as g, partner_id as p from purchase_accounts where number = ?', A.alphaNorth);
    for (let i = 0; i < 25; i++) {
      const { id } = await one<{ id: number }>(
        db,
        "insert into purchase_accounts (number, name, name_search, city, country, location_search, customer_id, agreement_id, partner_id) values (?, ?, '', 'Lyon', 'FR', '', ?, ?, ?) returning id",
        `7${String(i).padStart(6, '0')}`,
        `Compte ${i}`,
        alpha.c,
        alpha.g,
        alpha.p,
      );
      await db.insert(softwareAssuranceBenefits).values({ purchaseAccountId: id, benefit: 'Formation', entitled: 1, used: 0, expiresOn: '2027-06-30' });
    }
    const admin = (await viewerOf(U.alphaAdmin));
    const all = (await listBenefits(db, admin, 'all'));
    const first = (await listBenefits(db, admin, 'all', 1));
    const second = (await listBenefits(db, admin, 'all', 2));
    expect([first.page, first.pages, first.accounts.length, second.page, second.accounts.length]).toEqual([1, 2, 20, 2, all.accounts.length - 20]);
    // Together the pages are the whole list, in the same order; each says how many benefits there are in all.
    expect([...first.accounts, ...second.accounts]).toEqual(all.accounts);
    expect(first.total).toBe(all.total);
    // A page past the end is the last one.
    expect((await listBenefits(db, admin, 'all', 99))).toEqual(second);
    // The account viewer's page holds only its accounts.
    expect(accountsOf((await listBenefits(db, (await viewerOf(U.alphaViewer)), 'all', 1)))).toEqual([A.alphaNorth]);
  });
});

describe('remainingBenefit', () => {
  it('is entitled minus used, never below zero', () => {
    expect(remainingBenefit(5, 2)).toBe(3);
    expect(remainingBenefit(5, 5)).toBe(0);
    expect(remainingBenefit(3, 5)).toBe(0);
    expect(remainingBenefit(0, 0)).toBe(0);
  });
});

describe('parseBenefitsParams', () => {
  it('keeps a well-formed scope and drops a malformed one', () => {
    expect(parseBenefitsParams({ account: '6000011', customer: '2000001', page: '2' })).toEqual({ params: { account: '6000011', customer: '2000001', page: 2 }, ignored: false });
    expect(parseBenefitsParams({ account: 'all' })).toEqual({ params: { account: 'all', customer: undefined, page: undefined }, ignored: false });
    expect(parseBenefitsParams({ account: ['6000011', '6000012'] }).params.account).toBe('6000011');
    expect(parseBenefitsParams({ account: 'x'.repeat(65) })).toEqual({ params: { account: undefined, customer: undefined, page: undefined }, ignored: true });
    expect(parseBenefitsParams({ page: '-1' })).toEqual({ params: { account: undefined, customer: undefined, page: undefined }, ignored: true });
    expect(parseBenefitsParams({})).toEqual({ params: { account: undefined, customer: undefined, page: undefined }, ignored: false });
    // Parameters of the other tab are not this page's business.
    expect(parseBenefitsParams({ open: 'zzz', q: 'office' }).ignored).toBe(false);
  });
});
