/**
 * The write the health probe commits (lib/health.ts): the one row of
 * health_checks rewritten and committed, with a short wait for another
 * connection's write lock. Here because it sets the connection's busy
 * timeout, which is the engine's own setting.
 */
import { BUSY_TIMEOUT_MS } from './client';
import { sqliteOf, type Db } from './handle';

/**
 * How long the probe waits for another connection's write lock. Short, so
 * that the probe answers "unavailable" quickly instead of hanging for the
 * normal busy timeout while the lock is held.
 */
const PROBE_BUSY_TIMEOUT_MS = 250;

/** Commits the probe's write; throws what the engine throws (a full disk, a read-only database, a lock held too long, an I/O error). */
export function commitHealthCheck(db: Db, now: number): void {
  const sqlite = sqliteOf(db);
  // better-sqlite3 is synchronous: nothing else runs on this connection
  // between lowering the timeout and restoring it.
  sqlite.pragma(`busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
  try {
    sqlite.prepare('insert into health_checks (id, checked_at) values (1, ?) on conflict (id) do update set checked_at = excluded.checked_at').run(now);
  } finally {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}
