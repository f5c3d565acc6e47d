import 'server-only';
import { BUSY_TIMEOUT_MS, getDb, probeWrite } from '@/db/client';

/**
 * How long the probe waits for another connection's write lock. Short, so
 * that the probe answers "unavailable" quickly instead of hanging for the
 * normal busy timeout while the lock is held.
 */
const PROBE_BUSY_TIMEOUT_MS = 250;

/**
 * Can the database be written? A short write transaction, rolled back
 * (issue 7, defect 4: a read-only database or a write lock held too long must
 * not look healthy just because reads still work). Never throws.
 */
export function checkDatabase(): { ok: boolean } {
  try {
    const sqlite = getDb().$client;
    // better-sqlite3 is synchronous: nothing else runs on this connection
    // between lowering the timeout and restoring it.
    sqlite.pragma(`busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
    try {
      const row = sqlite.prepare('select 1 as one').get() as { one: number } | undefined;
      if (row?.one !== 1) return { ok: false };
      probeWrite(sqlite);
    } finally {
      sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
    return { ok: true };
  } catch (error) {
    console.warn('health check: database unavailable:', error instanceof Error ? error.message : error);
    return { ok: false };
  }
}
