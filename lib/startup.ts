import { DatabaseLocationError, prepareDatabase } from '@/db/client';
import { ConfigurationError, env, type Env } from '@/lib/env';

/**
 * Set by scripts/serve.ts on each server process it forks (WEB_CONCURRENCY
 * above 1): its slot, 1 to N. A restarted process keeps the slot of the one
 * it replaces. Absent: the server is a single process.
 */
export const SERVER_PROCESS_VARIABLE = 'LICENSE_DESK_SERVER_PROCESS';

/**
 * Whether this process runs the server's scheduled work (the daily notices):
 * a single server process does; of several, only the first slot, so that the
 * work runs once however many processes serve.
 */
export function runsScheduledWork(source: Record<string, string | undefined> = process.env): boolean {
  const slot = source[SERVER_PROCESS_VARIABLE];
  return slot === undefined || slot === '1';
}

/** Stops the process with a message a person can act on. */
function refuseToStart(message: string): never {
  // A portal that is misconfigured must not look alive: exit instead of serving errors.
  console.error(message);
  process.exit(1);
}

/**
 * The checks before serving: the configuration, the secrets a production
 * server needs, and the database (opened, proved writable, migrated). Stops
 * the process with a message on the first failure. scripts/serve.ts runs it
 * once in its primary process before forking server processes; each server
 * process runs it again through startUp() (the migrations are then done).
 */
export async function checkStartUp(): Promise<Env> {
  let config: Env;
  try {
    config = env();
  } catch (error) {
    if (error instanceof ConfigurationError) refuseToStart(error.message);
    throw error;
  }
  if (config.NODE_ENV === 'production' && !config.AUTH_SECRET) {
    refuseToStart('AUTH_SECRET is not set: sessions cannot be signed. Set AUTH_SECRET to a random string of at least 32 characters (openssl rand -base64 32).');
  }
  if (config.NODE_ENV === 'production' && !config.APP_URL) {
    refuseToStart('APP_URL is not set: links, sign-in redirects and the check of where forms come from need the public address. Set APP_URL to the URL people open, such as https://licenses.example.com.');
  }
  try {
    await prepareDatabase();
  } catch (error) {
    // A database that cannot be written, or a missing one in production, must stop the start, with the reason, rather than serve errors.
    if (error instanceof DatabaseLocationError) refuseToStart(error.message);
    throw error;
  }
  return config;
}

/**
 * Validates the configuration, then migrates the database (instrumentation.ts,
 * before the first request); starts the outbox worker (every server process:
 * a lease in the database makes one of them the sender) and the scheduled work.
 */
export async function startUp(): Promise<void> {
  const config = await checkStartUp();
  import('@/lib/mail/server')
    .then(({ startServerMailWorker }) => startServerMailWorker(config))
    .catch((error: unknown) => console.error('[mail] the outbox worker could not start:', error));
  if (config.NOTICES_DAILY_AT && runsScheduledWork()) {
    void import('@/lib/notices/schedule').then(({ startDailyNotices }) => startDailyNotices(config.NOTICES_DAILY_AT!, config.APP_TIME_ZONE));
  }
  if (config.LICENSE_DESK_TEST_TODAY) console.warn(`LICENSE_DESK_TEST_TODAY is set: "today" is ${config.LICENSE_DESK_TEST_TODAY} (a test-only setting).`);
}
