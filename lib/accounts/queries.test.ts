/**
 * Purchase accounts as each kind of viewer sees them, against a migrated
 * database with two customers and two partners: what is seen, and what must
 * not be.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { setDb, type DB } from '@/db/client';
import { users } from '@/db/schema';
import { loadViewer } from '@/lib/auth/scope';
import { createTestDb } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS as A, FIXTURE_CUSTOMERS as C, FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { accountIdOf, viewerOf } from '@/tests/helpers/viewers';
import { countAccounts, getAccountByNumber, resolveAccountSelection, searchAccounts, type AccountCriteria } from './queries';


let db: DB;

beforeEach(async () => {
  db = createTestDb();
  await loadFixtures(db);
  setDb(db);
});

const numbers = (email: string, criteria: AccountCriteria = {}, customer?: string) =>
  searchAccounts(viewerOf(db, email, customer), criteria, 1).rows.map((row) => row.number);

describe('the viewer', () => {
  it('is null for an inactive user or a raised session version', () => {
    const inactive = db.select().from(users).where(eq(users.email, U.inactive)).get()!;
    expect(loadViewer(db, inactive.id, inactive.sessionVersion)).toBeNull();
    const admin = db.select().from(users).where(eq(users.email, U.alphaAdmin)).get()!;
    expect(loadViewer(db, admin.id, admin.sessionVersion)).not.toBeNull();
    db.update(users).set({ sessionVersion: admin.sessionVersion + 1 }).where(eq(users.id, admin.id)).run();
    expect(loadViewer(db, admin.id, admin.sessionVersion)).toBeNull();
  });

  it('marks a customer a partner does not serve', () => {
    const user = db.select().from(users).where(eq(users.email, U.northPartner)).get()!;
    expect(loadViewer(db, user.id, user.sessionVersion, '9999999')).toMatchObject({ customer: null, unknownCustomer: true });
    expect(loadViewer(db, user.id, user.sessionVersion, C.alpha)?.customer?.number).toBe(C.alpha);
  });
});

describe('what each viewer sees', () => {
  it('a customer administrator: every account of the customer, none of another', () => {
    expect(numbers(U.alphaAdmin)).toEqual([A.alphaNorth, A.alphaNorth2, A.alphaSouth]);
    expect(numbers(U.betaAdmin)).toEqual([A.betaNorth, A.betaSouth]);
    expect(getAccountByNumber(viewerOf(db, U.alphaAdmin), A.betaNorth)).toBeNull();
  });

  it('an account viewer: only the granted accounts', () => {
    expect(numbers(U.alphaViewer)).toEqual([A.alphaNorth]);
    expect(getAccountByNumber(viewerOf(db, U.alphaViewer), A.alphaNorth2)).toBeNull();
    expect(numbers(U.betaViewer)).toEqual([A.betaSouth]);
  });

  it('a partner user: nothing until a customer is chosen, then only that customer’s accounts it serves', () => {
    expect(countAccounts(viewerOf(db, U.northPartner))).toBe(0);
    expect(numbers(U.northPartner, {}, C.alpha)).toEqual([A.alphaNorth, A.alphaNorth2]);
    expect(numbers(U.northPartner, {}, C.beta)).toEqual([A.betaNorth]);
    expect(numbers(U.southPartner, {}, C.alpha)).toEqual([A.alphaSouth]);
    expect(getAccountByNumber(viewerOf(db, U.southPartner, C.alpha), A.alphaNorth)).toBeNull();
  });
});

describe('the selector’s search', () => {
  it('matches the start of words without case or accents, in each of the five fields', () => {
    expect(numbers(U.alphaAdmin, { name: 'QUEB' })).toEqual([A.alphaNorth2]);
    expect(numbers(U.alphaAdmin, { name: 'ontreal' })).toEqual([]); // not the middle of a word
    expect(numbers(U.alphaAdmin, { location: 'montreal' })).toEqual([A.alphaNorth]);
    expect(numbers(U.alphaAdmin, { entity: 'équip' })).toEqual([A.alphaNorth, A.alphaNorth2, A.alphaSouth]);
    expect(numbers(U.alphaAdmin, { agreement: '8000' })).toEqual([A.alphaNorth, A.alphaNorth2, A.alphaSouth]);
    expect(numbers(U.alphaAdmin, { agreement: '0001' })).toEqual([]); // numbers match from their start
    expect(numbers(U.alphaAdmin, { number: '6000012' })).toEqual([A.alphaNorth2]);
  });

  it('combines criteria', () => {
    expect(numbers(U.alphaAdmin, { name: 'alpha', location: 'lyon' })).toEqual([A.alphaSouth]);
    expect(numbers(U.alphaAdmin, { name: 'alpha', number: '60000' })).toEqual([A.alphaNorth, A.alphaNorth2, A.alphaSouth]);
  });

  it('never finds another customer’s account, whatever the criteria', () => {
    expect(numbers(U.alphaAdmin, { entity: 'beta' })).toEqual([]);
    expect(numbers(U.alphaAdmin, { number: A.betaNorth })).toEqual([]);
    expect(numbers(U.alphaViewer, { location: 'québec' })).toEqual([]);
  });

  it('treats LIKE wildcards as text', () => {
    expect(numbers(U.alphaAdmin, { number: '%' })).toEqual([]);
    expect(numbers(U.alphaAdmin, { name: '_' })).toEqual([]);
  });
});

describe('resolveAccountSelection', () => {
  it('takes a number, all, the remembered account, the only one, or asks', () => {
    const admin = viewerOf(db, U.alphaAdmin);
    expect(resolveAccountSelection(admin, A.alphaSouth)).toMatchObject({ kind: 'account', account: { number: A.alphaSouth } });
    expect(resolveAccountSelection(admin, 'all')).toEqual({ kind: 'all', accountCount: 3 });
    expect(resolveAccountSelection(admin, undefined)).toEqual({ kind: 'choose', accountCount: 3 });
    expect(resolveAccountSelection(admin, A.betaSouth)).toEqual({ kind: 'not-found' });
    expect(resolveAccountSelection(viewerOf(db, U.alphaViewer), undefined)).toMatchObject({ kind: 'account', account: { number: A.alphaNorth } });

    db.update(users).set({ rememberedAccountId: accountIdOf(db, A.alphaNorth2) }).where(eq(users.email, U.alphaAdmin)).run();
    expect(resolveAccountSelection(viewerOf(db, U.alphaAdmin), undefined)).toMatchObject({ kind: 'account', account: { number: A.alphaNorth2 } });
    // A remembered account no longer granted is ignored.
    db.update(users).set({ rememberedAccountId: accountIdOf(db, A.betaNorth) }).where(eq(users.email, U.alphaAdmin)).run();
    expect(resolveAccountSelection(viewerOf(db, U.alphaAdmin), undefined)).toEqual({ kind: 'choose', accountCount: 3 });
  });
});
