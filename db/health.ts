/**
 * The write the health probe commits (lib/health.ts): the one row of
 * health_checks rewritten and committed, with a short wait for a lock another
 * connection holds. Here because the wait is the engine's own setting (SQLite's
 * busy timeout, PostgreSQL's lock timeout).
 */
import { BUSY_TIMEOUT_MS } from './client';
import { connectionOf, outsideTransactions, type Db } from './handle';
import { commitPostgresHealthCheck } from './postgres';

/**
 * How long the probe waits for another connection's lock. Short, so that the
 * probe answers "unavailable" quickly instead of hanging for the normal busy
 * timeout while the lock is held.
 */
const PROBE_LOCK_TIMEOUT_MS = 250;

/** Commits the probe's write; throws what the engine throws (a full disk, a read-only database, a lock held too long, an I/O error, no server). */
export async function commitHealthCheck(db: Db, now: number): Promise<void> {
  const connection = connectionOf(db);
  if (connection.engine === 'postgres') return commitPostgresHealthCheck(connection, now, PROBE_LOCK_TIMEOUT_MS);
  const { sqlite } = connection;
  // In turn behind any open transaction of this process, so that the write is
  // committed on its own rather than joining (and perhaps rolled back with) another's.
  await outsideTransactions(db, async () => {
    // better-sqlite3 is synchronous: nothing else runs on this connection
    // between lowering the timeout and restoring it.
    sqlite.pragma(`busy_timeout = ${PROBE_LOCK_TIMEOUT_MS}`);
    try {
      sqlite.prepare('insert into health_checks (id, checked_at) values (1, ?) on conflict (id) do update set checked_at = excluded.checked_at').run(now);
    } finally {
      sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  });
}
