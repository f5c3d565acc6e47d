import { beforeEach, describe, expect, it } from 'vitest';
import { setDb, type DB } from '@/db/client';
import { createTestDb } from '@/tests/helpers/db';
import { FIXTURE_CUSTOMERS as C, FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { viewerOf } from '@/tests/helpers/viewers';
import { listServedCustomers } from './queries';

let db: DB;

beforeEach(async () => {
  db = createTestDb();
  await loadFixtures(db);
  setDb(db);
});

describe('listServedCustomers', () => {
  it('lists the customers a partner is partner of record for, with the accounts it serves', () => {
    expect(listServedCustomers(viewerOf(db, U.northPartner))).toEqual([
      { number: C.alpha, legalName: 'Alpha Équipements Ltée', accountCount: 2 },
      { number: C.beta, legalName: 'Beta Industries SA', accountCount: 1 },
    ]);
    expect(listServedCustomers(viewerOf(db, U.southPartner)).map((c) => [c.number, c.accountCount])).toEqual([
      [C.alpha, 1],
      [C.beta, 1],
    ]);
  });

  it('is empty for customer users', () => {
    expect(listServedCustomers(viewerOf(db, U.alphaAdmin))).toEqual([]);
    expect(listServedCustomers(viewerOf(db, U.betaViewer))).toEqual([]);
  });
});
