import 'server-only';
import { getDb } from '@/db/client';

/** Asks the database one trivial question; never throws. */
export function checkDatabase(): { ok: boolean } {
  try {
    const row = getDb().$client.prepare('select 1 as one').get() as { one: number } | undefined;
    return { ok: row?.one === 1 };
  } catch (error) {
    console.warn('health check: database unavailable:', error instanceof Error ? error.message : error);
    return { ok: false };
  }
}
