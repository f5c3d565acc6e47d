import 'server-only';
import { database } from '@/db/client';
import { commitHealthCheck } from '@/db/health';

/**
 * Can a committed write reach the disk? The probe rewrites the one row of
 * health_checks and commits it — a real, durable write, like any page's, that
 * fails the way theirs do: when the disk is full, on a read-only database,
 * while another connection holds the write lock (after a short wait), on an
 * I/O error. A rolled-back write would
 * not touch the disk and would pass on a full one. The table never holds more
 * than one row. Never throws.
 */
export async function checkDatabase(now = Date.now()): Promise<{ ok: boolean }> {
  try {
    await commitHealthCheck(database(), now);
    return { ok: true };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    console.warn('health check: database unavailable:', typeof code === 'string' ? `${code}:` : '', error instanceof Error ? error.message : error);
    return { ok: false };
  }
}
