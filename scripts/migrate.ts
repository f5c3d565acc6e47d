/**
 * `npm run db:migrate`: applies the committed migrations to DATABASE_PATH,
 * creating the database when it does not exist yet (this is the command that
 * creates one on purpose; a production server start refuses a missing
 * database unless DATABASE_CREATE=1).
 */
import { existsSync, statSync } from 'node:fs';
import { migrateDatabase, openDatabase, setDb } from '@/db/client';
import { env } from '@/lib/env';

try {
  const path = env().DATABASE_PATH;
  const isNew = path !== ':memory:' && (!existsSync(path) || statSync(path).size === 0);
  const db = openDatabase(path, { create: true });
  migrateDatabase(db);
  setDb(db);
  console.log(isNew ? `Created a new database at ${path} and migrated it.` : `Database ${path} is migrated.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
