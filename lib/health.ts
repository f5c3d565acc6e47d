import 'server-only';
import { BUSY_TIMEOUT_MS, getDb } from '@/db/client';

/**
 * How long the probe waits for another connection's write lock. Short, so
 * that the probe answers "unavailable" quickly instead of hanging for the
 * normal busy timeout while the lock is held.
 */
const PROBE_BUSY_TIMEOUT_MS = 250;

/**
 * Can a committed write reach the disk? The probe rewrites the one row of
 * health_checks and commits it — a real, durable write, like any page's, that
 * fails the way theirs do: when the disk is full, on a read-only database,
 * while another connection holds the write lock (after a short wait), on an
 * I/O error. A rolled-back write would
 * not touch the disk and would pass on a full one. The table never holds more
 * than one row. Never throws.
 */
export function checkDatabase(now = Date.now()): { ok: boolean } {
  try {
    const sqlite = getDb().$client;
    // better-sqlite3 is synchronous: nothing else runs on this connection
    // between lowering the timeout and restoring it.
    sqlite.pragma(`busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
    try {
      sqlite
        .prepare('insert into health_checks (id, checked_at) values (1, ?) on conflict (id) do update set checked_at = excluded.checked_at')
        .run(now);
    } finally {
      sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
    return { ok: true };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    console.warn('health check: database unavailable:', typeof code === 'string' ? `${code}:` : '', error instanceof Error ? error.message : error);
    return { ok: false };
  }
}
