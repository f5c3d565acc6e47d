/**
 * Reading the audit log: each customer's administrators read their
 * customer's entries, each partner's users their partner's, account viewers
 * none; the filters and the paging.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { createTestDb } from '@/tests/helpers/db';
import { FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { viewerOf } from '@/tests/helpers/viewers';
import { recordAudit, recordExport } from './log';
import { ACTIVITY_PAGE_SIZE, listActivity, listActivityForExport } from './queries';

let db: Db;
const at = (day: string) => Date.parse(`${day}T10:00:00Z`);

beforeEach(async () => {
  db = await createTestDb();
  await loadFixtures(db);
  const alphaAdmin = (await viewerOf(db, U.alphaAdmin));
  const betaAdmin = (await viewerOf(db, U.betaAdmin));
  const north = (await viewerOf(db, U.northPartner, '2000001'));
  await recordAudit(db, { action: 'sign_in', userId: alphaAdmin.userId, entity: 'user', entityId: U.alphaAdmin, address: '192.0.2.1', at: at('2026-11-20') });
  await recordAudit(db, { action: 'sign_in_failed', userId: (await viewerOf(db, U.alphaViewer)).userId, entity: 'user', entityId: U.alphaViewer, at: at('2026-11-21') });
  await recordAudit(db, { action: 'sign_in', userId: betaAdmin.userId, entity: 'user', entityId: U.betaAdmin, at: at('2026-11-21') });
  await recordAudit(db, { action: 'sign_in_failed', userId: null, entity: 'user', entityId: 'nobody@example.com', at: at('2026-11-22') });
  await recordExport(db, north, new Request('http://localhost/reports/export?customer=2000001'), 3, '198.51.100.9');
});

const actions = (entries: { action: string; entityId: string | null }[] | undefined) => entries?.map((entry) => `${entry.action} ${entry.entityId}`);

describe('listActivity', () => {
  it('a customer administrator reads the customer’s entries, newest first — its people’s and the partners’ work on its data', async () => {
    expect(actions((await listActivity(db, (await viewerOf(db, U.alphaAdmin)), {}))?.entries)).toEqual([
      'export /reports/export?customer=2000001',
      `sign_in_failed ${U.alphaViewer}`,
      `sign_in ${U.alphaAdmin}`,
    ]);
    expect(actions((await listActivity(db, (await viewerOf(db, U.betaAdmin)), {}))?.entries)).toEqual([`sign_in ${U.betaAdmin}`]);
  });

  it('a partner user reads its partner’s entries, whatever customer it is working for', async () => {
    const entries = (await listActivity(db, (await viewerOf(db, U.northPartner)), {}))!.entries;
    expect(actions(entries)).toEqual(['export /reports/export?customer=2000001']);
    expect(entries[0]).toMatchObject({ userEmail: U.northPartner, details: { rows: 3 }, address: '198.51.100.9' });
    expect((await listActivity(db, (await viewerOf(db, U.southPartner)), {}))!.entries).toEqual([]);
  });

  it('an account viewer reads none (the page answers 404)', async () => {
    expect((await listActivity(db, (await viewerOf(db, U.alphaViewer)), {}))).toBeNull();
    expect((await listActivityForExport(db, (await viewerOf(db, U.alphaViewer)), {}))).toBeNull();
  });

  it('filters by action and by days, both ends included', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    expect(actions((await listActivity(db, admin, { action: 'sign_in' }))?.entries)).toEqual([`sign_in ${U.alphaAdmin}`]);
    expect(actions((await listActivity(db, admin, { from: '2026-11-21', to: '2026-11-21' }))?.entries)).toEqual([`sign_in_failed ${U.alphaViewer}`]);
    expect((await listActivity(db, admin, { to: '2026-11-19' }))?.total).toBe(0);
  });

  it('pages newest first with the total', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    for (let index = 0; index < ACTIVITY_PAGE_SIZE + 5; index++) {
      await recordAudit(db, { action: 'sign_in', userId: admin.userId, entity: 'user', entityId: U.alphaAdmin, at: at('2026-10-01') + index });
    }
    const first = (await listActivity(db, admin, {}))!;
    expect(first).toMatchObject({ total: ACTIVITY_PAGE_SIZE + 8, page: 1, pages: 2 });
    expect((await listActivity(db, admin, { page: 2 }))!.entries).toHaveLength(8);
  });
});
