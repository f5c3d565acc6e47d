/**
 * Purchase accounts as each kind of viewer sees them, against a migrated
 * database with two customers and two partners: what is seen, and what must
 * not be.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { loadViewer } from '@/lib/auth/scope';
import { createTestDb } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS as A, FIXTURE_CUSTOMERS as C, FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { accountIdOf, viewerOf } from '@/tests/helpers/viewers';
import { countAccounts, getAccountByNumber, resolveAccountSelection, searchAccounts, type AccountCriteria } from './queries';


let db: Db;

beforeEach(async () => {
  db = await createTestDb();
  await loadFixtures(db);
});

const numbers = async (email: string, criteria: AccountCriteria = {}, customer?: string) =>
  (await searchAccounts(db, (await viewerOf(db, email, customer)), criteria, 1)).rows.map((row) => row.number);

describe('the viewer', () => {
  it('is null for an inactive user or a raised session version', async () => {
    const inactive = (await db.select().from(users).where(eq(users.email, U.inactive)).limit(1))[0]!;
    expect((await loadViewer(db, inactive.id, inactive.sessionVersion))).toBeNull();
    const admin = (await db.select().from(users).where(eq(users.email, U.alphaAdmin)).limit(1))[0]!;
    expect((await loadViewer(db, admin.id, admin.sessionVersion))).not.toBeNull();
    await db.update(users).set({ sessionVersion: admin.sessionVersion + 1 }).where(eq(users.id, admin.id));
    expect((await loadViewer(db, admin.id, admin.sessionVersion))).toBeNull();
  });

  it('marks a customer a partner does not serve', async () => {
    const user = (await db.select().from(users).where(eq(users.email, U.northPartner)).limit(1))[0]!;
    expect((await loadViewer(db, user.id, user.sessionVersion, '9999999'))).toMatchObject({ customer: null, unknownCustomer: true });
    expect((await loadViewer(db, user.id, user.sessionVersion, C.alpha))?.customer?.number).toBe(C.alpha);
  });
});

describe('what each viewer sees', () => {
  it('a customer administrator: every account of the customer, none of another', async () => {
    expect((await numbers(U.alphaAdmin))).toEqual([A.alphaNorth, A.alphaNorth2, A.alphaSouth]);
    expect((await numbers(U.betaAdmin))).toEqual([A.betaNorth, A.betaSouth]);
    expect((await getAccountByNumber(db, (await viewerOf(db, U.alphaAdmin)), A.betaNorth))).toBeNull();
  });

  it('an account viewer: only the granted accounts', async () => {
    expect((await numbers(U.alphaViewer))).toEqual([A.alphaNorth]);
    expect((await getAccountByNumber(db, (await viewerOf(db, U.alphaViewer)), A.alphaNorth2))).toBeNull();
    expect((await numbers(U.betaViewer))).toEqual([A.betaSouth]);
  });

  it('a partner user: nothing until a customer is chosen, then only that customer’s accounts it serves', async () => {
    expect((await countAccounts(db, (await viewerOf(db, U.northPartner))))).toBe(0);
    expect((await numbers(U.northPartner, {}, C.alpha))).toEqual([A.alphaNorth, A.alphaNorth2]);
    expect((await numbers(U.northPartner, {}, C.beta))).toEqual([A.betaNorth]);
    expect((await numbers(U.southPartner, {}, C.alpha))).toEqual([A.alphaSouth]);
    expect((await getAccountByNumber(db, (await viewerOf(db, U.southPartner, C.alpha)), A.alphaNorth))).toBeNull();
  });
});

describe('the selector’s search', () => {
  it('matches the start of words without case or accents, in each of the five fields', async () => {
    expect((await numbers(U.alphaAdmin, { name: 'QUEB' }))).toEqual([A.alphaNorth2]);
    expect((await numbers(U.alphaAdmin, { name: 'ontreal' }))).toEqual([]); // not the middle of a word
    expect((await numbers(U.alphaAdmin, { location: 'montreal' }))).toEqual([A.alphaNorth]);
    expect((await numbers(U.alphaAdmin, { entity: 'équip' }))).toEqual([A.alphaNorth, A.alphaNorth2, A.alphaSouth]);
    expect((await numbers(U.alphaAdmin, { agreement: '8000' }))).toEqual([A.alphaNorth, A.alphaNorth2, A.alphaSouth]);
    expect((await numbers(U.alphaAdmin, { agreement: '0001' }))).toEqual([]); // numbers match from their start
    expect((await numbers(U.alphaAdmin, { number: '6000012' }))).toEqual([A.alphaNorth2]);
  });

  it('combines criteria', async () => {
    expect((await numbers(U.alphaAdmin, { name: 'alpha', location: 'lyon' }))).toEqual([A.alphaSouth]);
    expect((await numbers(U.alphaAdmin, { name: 'alpha', number: '60000' }))).toEqual([A.alphaNorth, A.alphaNorth2, A.alphaSouth]);
  });

  it('never finds another customer’s account, whatever the criteria', async () => {
    expect((await numbers(U.alphaAdmin, { entity: 'beta' }))).toEqual([]);
    expect((await numbers(U.alphaAdmin, { number: A.betaNorth }))).toEqual([]);
    expect((await numbers(U.alphaViewer, { location: 'québec' }))).toEqual([]);
  });

  it('treats LIKE wildcards as text', async () => {
    expect((await numbers(U.alphaAdmin, { number: '%' }))).toEqual([]);
    expect((await numbers(U.alphaAdmin, { name: '_' }))).toEqual([]);
  });
});

describe('resolveAccountSelection', () => {
  it('takes a number, all, the remembered account, the only one, or asks', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    expect((await resolveAccountSelection(db, admin, A.alphaSouth))).toMatchObject({ kind: 'account', account: { number: A.alphaSouth } });
    expect((await resolveAccountSelection(db, admin, 'all'))).toEqual({ kind: 'all', accountCount: 3 });
    expect((await resolveAccountSelection(db, admin, undefined))).toEqual({ kind: 'choose', accountCount: 3 });
    expect((await resolveAccountSelection(db, admin, A.betaSouth))).toEqual({ kind: 'not-found' });
    expect((await resolveAccountSelection(db, (await viewerOf(db, U.alphaViewer)), undefined))).toMatchObject({ kind: 'account', account: { number: A.alphaNorth } });

    await db.update(users).set({ rememberedAccountId: (await accountIdOf(db, A.alphaNorth2)) }).where(eq(users.email, U.alphaAdmin));
    expect((await resolveAccountSelection(db, (await viewerOf(db, U.alphaAdmin)), undefined))).toMatchObject({ kind: 'account', account: { number: A.alphaNorth2 } });
    // A remembered account no longer granted is ignored.
    await db.update(users).set({ rememberedAccountId: (await accountIdOf(db, A.betaNorth)) }).where(eq(users.email, U.alphaAdmin));
    expect((await resolveAccountSelection(db, (await viewerOf(db, U.alphaAdmin)), undefined))).toEqual({ kind: 'choose', accountCount: 3 });
  });
});
