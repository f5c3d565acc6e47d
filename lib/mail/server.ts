/**
 * The outbox worker of a server process (started by lib/startup.ts in every
 * server process; the lease makes one of them the sender). It sends through
 * the configured transport (SMTP_URL, or OUTBOX_DIR) from MAIL_FROM, turns
 * the waiting password-reset requests into links and messages first, and
 * gives its lease up when the process exits, so that another process takes
 * over at once.
 */
import 'server-only';
import { database } from '@/db/client';
import type { Env } from '@/lib/env';
import { configuredTransport } from '@/lib/notices/mailer';
import { handleResetRequests, onResetRequested, resetRequestsWaiting } from '@/lib/people/reset';
import { releaseLease, LEASE_NAME, startMailWorker, type MailWorker } from './worker';

const globalForWorker = globalThis as unknown as { licenseDeskMailWorker?: MailWorker };

export function startServerMailWorker(config: Pick<Env, 'SMTP_URL' | 'OUTBOX_DIR' | 'MAIL_FROM' | 'APP_URL'>): MailWorker {
  if (globalForWorker.licenseDeskMailWorker) return globalForWorker.licenseDeskMailWorker;
  const appUrl = config.APP_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  const worker = startMailWorker({
    db: database,
    transport: configuredTransport(config),
    from: config.MAIL_FROM,
    tasks: [
      {
        waiting: async (db) => (await resetRequestsWaiting(db)),
        run: async (db, now) => (await handleResetRequests(db, { appUrl, from: config.MAIL_FROM, now })),
        subscribe: onResetRequested,
      },
    ],
  });
  globalForWorker.licenseDeskMailWorker = worker;
  console.log(`[mail] outbox worker started (${config.SMTP_URL ? 'SMTP' : `.eml files in ${config.OUTBOX_DIR}`})`);
  // Best effort: an exiting process runs no more asynchronous work, so the release may not reach the database; the lease expires by itself.
  process.once('exit', () => {
    releaseLease(database(), LEASE_NAME, worker.holder).catch(() => undefined);
  });
  return worker;
}
