/**
 * `npm run demo`, step one: the demo's sign-in secret, the migrated database
 * and its demo data. Run again, it keeps what is there.
 */
import { count } from 'drizzle-orm';
import { migrateDatabase, openDatabase, setDb } from '@/db/client';
import { customers } from '@/db/schema';
import { buildDemoDocument } from '@/fixtures/demo';
import { today } from '@/lib/clock';
import { env } from '@/lib/env';
import { importDocument } from '@/lib/import/apply';
import { ensureDemoSecret } from './demo-secret';

async function main() {
  ensureDemoSecret();
  // The demo creates its database on purpose (a production start would refuse a missing one).
  const db = openDatabase(env().DATABASE_PATH, { create: true });
  migrateDatabase(db);
  setDb(db);
  const loaded = ((await db.select({ n: count() }).from(customers).limit(1))[0]?.n ?? 0) > 0;
  if (loaded) {
    console.log(`Database ${env().DATABASE_PATH} already holds data; keeping it (npm run db:seed reloads the demo data).`);
    return;
  }
  const started = Date.now();
  await importDocument(db, buildDemoDocument(today()));
  console.log(`Demo data loaded into ${env().DATABASE_PATH} in ${Date.now() - started} ms.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
