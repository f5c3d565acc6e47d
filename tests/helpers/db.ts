/**
 * A freshly migrated SQLite database for integration tests. The migrations
 * run once per worker into a template file; each test gets a copy (fast, and
 * every test starts clean).
 */
import { copyFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, type DB } from '@/db/client';

let template: string | undefined;

export function createTestDb(): DB {
  if (!template || !existsSync(template)) {
    const dir = mkdtempSync(join(tmpdir(), 'license-desk-template-'));
    template = join(dir, 'template.db');
    const db = openDatabase(template);
    migrateDatabase(db);
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    db.$client.pragma('journal_mode = DELETE');
    db.$client.close();
  }
  const dir = mkdtempSync(join(tmpdir(), 'license-desk-test-'));
  const path = join(dir, 'test.db');
  copyFileSync(template, path);
  return openDatabase(path);
}

/** One row of raw SQL on a test database: for tests that check what was stored, column by column. */
export const one = <T>(db: DB, sql: string, ...params: unknown[]): T => db.$client.prepare(sql).get(...params) as T;
