/**
 * /api/health tells the truth about writes (issue 7, defect 4): a database
 * that still answers reads but cannot be written — opened read-only, or its
 * write lock held by another connection — is "unavailable" (503), and the
 * probe answers quickly instead of waiting out the 5 s busy timeout.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setDb, type DB } from '@/db/client';
import * as schema from '@/db/schema';
import { GET } from '@/app/api/health/route';
import { createTestDb } from '@/tests/helpers/db';

let db: DB;

beforeEach(() => {
  db = createTestDb();
  setDb(db);
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  setDb(undefined);
  db.$client.close();
});

async function health() {
  const started = Date.now();
  const response = await GET();
  return { status: response.status, body: (await response.json()) as { status: string }, ms: Date.now() - started };
}

describe('GET /api/health', () => {
  it('is 200 when the database can be written, and leaves no trace', async () => {
    const before = db.$client.pragma('user_version', { simple: true });
    const result = await health();
    expect(result.status).toBe(200);
    expect(result.body.status).toBe('ok');
    expect(db.$client.pragma('user_version', { simple: true })).toBe(before);
    expect(db.$client.inTransaction).toBe(false);
  });

  it('is 503 when the database is read-only', async () => {
    const readOnly = new Database(db.$client.name, { readonly: true });
    setDb(drizzle(readOnly, { schema }) as DB);
    try {
      const result = await health();
      expect(result.status).toBe(503);
      expect(result.body.status).toBe('unavailable');
    } finally {
      readOnly.close();
    }
  });

  it('is 503, within a second, while another connection holds the write lock; 200 again once it is released', async () => {
    const other = new Database(db.$client.name);
    other.exec('BEGIN IMMEDIATE');
    try {
      const result = await health();
      expect(result.status).toBe(503);
      expect(result.ms).toBeLessThan(1000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await health()).status).toBe(200);
    // The normal busy timeout is back for the requests that follow.
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
  });
});
