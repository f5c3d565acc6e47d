/**
 * Runs once when the server starts, before it takes a request: validates the
 * configuration and applies the committed migrations.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { env } = await import('./lib/env');
  const config = env();
  if (process.env.NODE_ENV === 'production' && !process.env.AUTH_SECRET) {
    console.error('AUTH_SECRET is not set: sessions cannot be signed. Set AUTH_SECRET to a random string of at least 32 characters (openssl rand -base64 32).');
    process.exit(1);
  }
  const { getDb } = await import('./db/client');
  getDb();
  if (config.LICENSE_DESK_TEST_TODAY) console.warn(`LICENSE_DESK_TEST_TODAY is set: "today" is ${config.LICENSE_DESK_TEST_TODAY} (test-only setting).`);
}
