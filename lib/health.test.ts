/**
 * /api/health tells the truth about writes: a database that still answers
 * reads but cannot be written — opened read-only (on PostgreSQL, closed to
 * writes), its write lock held by another connection (on PostgreSQL, the
 * probe's row locked), on a full filesystem, or a server out of reach — is
 * "unavailable" (503), and the probe answers quickly instead of waiting out
 * the normal lock wait.
 *
 * The full filesystem is a real one: a 16 MB tmpfs mounted for the test (it
 * needs root, as the test machines run; elsewhere the test is skipped and
 * says so). A database limit (max_page_count) would not do: the probe's
 * commit rewrites one existing row, so it only needs room in the write-ahead
 * log, which no page limit governs — only the disk does.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, setDb, type DB, type Db } from '@/db/client';
import { withTransaction } from '@/db/transaction';
import { GET } from '@/app/api/health/route';
import { holdSqliteWriteLock, readOnlyHandle, secondConnection, sqliteConnectionState, unreachableHandle } from '@/tests/helpers/connections';
import { createTestDb, one, onPostgres } from '@/tests/helpers/db';

let db: Db;

beforeEach(async () => {
  db = await createTestDb();
  setDb(db);
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  setDb(undefined);
});

async function health() {
  const started = Date.now();
  const response = await GET();
  return { status: response.status, body: (await response.json()) as { status: string }, ms: Date.now() - started };
}

describe('GET /api/health', () => {
  it('is 200 when a committed write reaches the database, which keeps one row for it however often it is asked', async () => {
    for (let check = 0; check < 3; check++) {
      const result = await health();
      expect(result.status).toBe(200);
      expect(result.body.status).toBe('ok');
    }
    expect(await one(db, 'select count(*) as n from health_checks')).toEqual({ n: 1 });
    // Committed: another connection reads it.
    expect((await one<{ checked_at: number }>(secondConnection(db), 'select checked_at from health_checks')).checked_at).toBeGreaterThan(0);
  });
});

// SQLite only: a read-only file, a second connection holding SQLite's one write lock, the busy timeout, a full filesystem under the file.
describe.skipIf(onPostgres())('GET /api/health on SQLite', () => {
  const sqlite = () => db as DB;

  it('leaves no transaction open on the connection', async () => {
    expect((await health()).status).toBe(200);
    expect(sqliteConnectionState(db).inTransaction).toBe(false);
  });

  it('is 503 when the database is read-only', async () => {
    setDb(await readOnlyHandle(db));
    const result = await health();
    expect(result.status).toBe(503);
    expect(result.body.status).toBe('unavailable');
  });

  it('is 503, within a second, while another connection holds the write lock; 200 again once it is released', async () => {
    // The probe's own short wait is under test: the test database keeps its normal busy timeout meanwhile.
    const lock = await holdSqliteWriteLock(db, 5000);
    try {
      const result = await health();
      expect(result.status).toBe(503);
      expect(result.ms).toBeLessThan(1000);
    } finally {
      await lock.release();
    }
    expect((await health()).status).toBe(200);
    // The normal busy timeout is back for the requests that follow.
    expect(sqliteConnectionState(db).busyTimeoutMs).toBe(5000);
  });

  const mountable = (() => {
    if (process.getuid?.() !== 0) return false;
    try {
      execFileSync('mount', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!mountable)('is 503 on a full filesystem, as every other write is, and 200 again once there is room', async () => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'license-desk-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint]);
    let full: DB | undefined;
    const db = sqlite();
    try {
      const path = join(mountPoint, 'full.db');
      db.$client.pragma('wal_checkpoint(TRUNCATE)');
      copyFileSync(db.$client.name, path);
      full = openDatabase(path);
      setDb(full);
      expect((await health()).status).toBe(200);
      full.$client.pragma('wal_checkpoint(TRUNCATE)');
      // Fill the filesystem to the last byte.
      const filler = openSync(join(mountPoint, 'filler'), 'w');
      const block = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(filler, block);
      } catch {
        try {
          for (;;) writeSync(filler, block.subarray(0, 512));
        } catch {
          // ENOSPC: full.
        }
      } finally {
        closeSync(filler);
      }
      // An ordinary write fails with SQLITE_FULL…
      expect(() => full!.$client.prepare("insert into audit_log (occurred_at, action, entity) values (1, 'x', 'y')").run()).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
      // …and health says so, quickly.
      const result = await health();
      expect(result.status).toBe(503);
      expect(result.body.status).toBe('unavailable');
      expect(result.ms).toBeLessThan(1000);
      rmSync(join(mountPoint, 'filler'));
      expect((await health()).status).toBe(200);
    } finally {
      setDb(db);
      full?.$client.close();
      execFileSync('umount', [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!onPostgres())('GET /api/health on PostgreSQL', () => {
  it('is 503 when the database is closed to writes (default_transaction_read_only), though it still answers reads', async () => {
    const readOnly = await readOnlyHandle(db);
    setDb(readOnly);
    expect(await one(readOnly, 'select count(*) as n from health_checks')).toEqual({ n: 0 });
    const result = await health();
    expect(result.status).toBe(503);
    expect(result.body.status).toBe('unavailable');
  });

  it('is 503, quickly, when no PostgreSQL answers at DATABASE_URL (a stopped server, a wrong port)', async () => {
    setDb(unreachableHandle(db));
    const result = await health();
    expect(result.status).toBe(503);
    expect(result.body.status).toBe('unavailable');
    expect(result.ms).toBeLessThan(1000);
  });

  it('is 503, within a second, while another connection holds the probe’s row locked; 200 again once it is released', async () => {
    expect((await health()).status).toBe(200);
    await withTransaction(secondConnection(db), async (tx) => {
      await one(tx, 'select checked_at from health_checks where id = 1 for update');
      const result = await health();
      expect(result.status).toBe(503);
      expect(result.ms).toBeLessThan(1000);
    });
    expect((await health()).status).toBe(200);
  });
});
