import { getDb } from '@/db/client';
import { env } from '@/lib/env';

/** Fails the start with a message a person can act on, then migrates the database. */
export function startUp(): void {
  const config = env();
  if (config.NODE_ENV === 'production' && !config.AUTH_SECRET) {
    throw new Error('AUTH_SECRET is not set: sessions cannot be signed. Set AUTH_SECRET to a random string of at least 32 characters (openssl rand -base64 32).');
  }
  getDb();
  if (config.LICENSE_DESK_TEST_TODAY) console.warn(`LICENSE_DESK_TEST_TODAY is set: "today" is ${config.LICENSE_DESK_TEST_TODAY} (a test-only setting).`);
}
