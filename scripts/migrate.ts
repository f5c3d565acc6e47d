/** `npm run db:migrate`: creates DATABASE_PATH if needed and applies the committed migrations. */
import { getDb } from '@/db/client';
import { env } from '@/lib/env';

try {
  getDb();
  console.log(`Database ${env().DATABASE_PATH} is migrated.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
