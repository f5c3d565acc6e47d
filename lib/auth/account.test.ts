/**
 * A person's own account security against a migrated database: a password
 * change needs the current password and a strong new one, then ends every
 * session; signing out everywhere ends them too; both are audited.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { all, createTestDb, one } from '@/tests/helpers/db';
import { FIXTURE_PASSWORD, FIXTURE_USERS as U, fastPasswordHash, loadFixtures } from '@/tests/helpers/fixtures';
import { viewerOf } from '@/tests/helpers/viewers';
import { changePassword, signOutEverywhere } from './account';
import { verifyPassword } from './password';
import { countActiveSessions, startSession } from './sessions';

let db: Db;
const LIMITS = { idleMs: 3_600_000, absoluteMs: 86_400_000 };
const NOW = Date.parse('2026-11-24T10:00:00Z');
const STRONG = 'violet lantern orchestra 47';

beforeEach(async () => {
  db = await createTestDb();
  await loadFixtures(db);
});

const user = (email: string) => one<{ id: number; hash: string; version: number }>(db, 'select id, password_hash as hash, session_version as version from users where email = ?', email);
const change = async (current: string, next: string, confirmation = next) =>
  (await changePassword(db, (await user(U.alphaAdmin)).id, { current, next, confirmation }, { address: '192.0.2.4', now: NOW, hash: fastPasswordHash }));

describe('changePassword', () => {
  it('needs the current password, a long and strong new one, typed twice alike — and changes nothing otherwise', async () => {
    const before = await user(U.alphaAdmin);
    expect(await change('wrong', STRONG)).toEqual({ kind: 'invalid', field: 'current', message: 'currentWrong' });
    expect(await change(FIXTURE_PASSWORD, 'short-1')).toEqual({ kind: 'invalid', field: 'next', message: 'tooShort' });
    expect(await change(FIXTURE_PASSWORD, 'password1234')).toEqual({ kind: 'invalid', field: 'next', message: 'weak' });
    expect(await change(FIXTURE_PASSWORD, 'Alice.Admin.2026')).toEqual({ kind: 'invalid', field: 'next', message: 'weak' });
    expect(await change(FIXTURE_PASSWORD, STRONG, `${STRONG}!`)).toEqual({ kind: 'invalid', field: 'confirmation', message: 'confirmationDiffers' });
    expect(await user(U.alphaAdmin)).toEqual(before);
    expect(await one(db, 'select count(*) as n from audit_log')).toEqual({ n: 0 });
  });

  it('stores the new password’s hash, ends every session and writes the audit log', async () => {
    const { id, version } = await user(U.alphaAdmin);
    await startSession(db, id, NOW, LIMITS);
    await startSession(db, id, NOW, LIMITS);
    expect(await change(FIXTURE_PASSWORD, STRONG)).toEqual({ kind: 'changed' });
    const after = await user(U.alphaAdmin);
    expect(await verifyPassword(STRONG, after.hash)).toBe(true);
    expect(await verifyPassword(FIXTURE_PASSWORD, after.hash)).toBe(false);
    expect(after.version).toBe(version + 1);
    expect((await countActiveSessions(db, id, NOW, LIMITS))).toBe(0);
    expect(await all(db, 'select action, entity_id, address, details from audit_log')).toEqual([{ action: 'password_changed', entity_id: U.alphaAdmin, address: '192.0.2.4', details: null }]);
    // The password never reaches the log.
    expect(JSON.stringify(await all(db, 'select * from audit_log'))).not.toContain(STRONG);
  });
});

describe('signOutEverywhere', () => {
  it('ends every session of the person only, and says how many in the audit log', async () => {
    const alpha = (await viewerOf(db, U.alphaAdmin)).userId;
    const beta = (await viewerOf(db, U.betaAdmin)).userId;
    await startSession(db, alpha, NOW, LIMITS);
    await startSession(db, alpha, NOW, LIMITS);
    await startSession(db, beta, NOW, LIMITS);
    await signOutEverywhere(db, alpha, { address: '192.0.2.5', now: NOW });
    expect((await countActiveSessions(db, alpha, NOW, LIMITS))).toBe(0);
    expect((await countActiveSessions(db, beta, NOW, LIMITS))).toBe(1);
    expect(await all(db, 'select action, details from audit_log')).toEqual([{ action: 'sign_out_everywhere', details: JSON.stringify({ sessions: 2 }) }]);
  });
});
