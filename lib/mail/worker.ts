/**
 * The outbox worker: every server process runs one, and one of them at a
 * time sends — the holder of the `mail-sender` lease (a row of
 * worker_leases), whichever process or server that is. Each loop reads
 * whether anything is due (no write when nothing is), takes or renews the
 * lease, and sends what is due (lib/mail/outbox.ts), renewing the lease
 * between messages. A process that dies stops renewing; another takes the
 * lease over once it has expired (LEASE_MS), and the message it was sending
 * once its claim has (CLAIM_MS).
 *
 * Before sending, the holder runs the preparatory tasks it was given (the
 * waiting password-reset requests become links and messages): work that
 * must not happen in the request that asked for it.
 *
 * It polls every POLL_MS and also wakes shortly after this process queues a
 * message (or a task's work). Database faults are logged and the loop goes on.
 */
import 'server-only';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import type { NoticeTransport } from '@/lib/notices/mailer';
import { deliverMail, mailDue, onMailQueued } from './outbox';
import { statement } from '@/db/statements';

export const LEASE_NAME = 'mail-sender';
/** How long the sender's lease holds without renewal. */
export const LEASE_MS = 30_000;
/** How often an idle worker looks for mail due (a read). */
export const POLL_MS = 1_000;

/**
 * Takes the lease `name` for `holder` until now + ttl, or renews it; false
 * when another holder's lease has not expired. One statement (an upsert with
 * a condition), valid in SQLite and PostgreSQL.
 */
export async function takeLease(db: Db, name: string, holder: string, now: number, ttl: number): Promise<boolean> {
  return (
    (await statement(db, 
        `insert into worker_leases (name, holder, expires_at) values (?, ?, ?)
         on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
         where worker_leases.holder = excluded.holder or worker_leases.expires_at < ?`,
      )
      .run(name, holder, now + ttl, now)).rowsChanged === 1
  );
}

/** Gives the lease up (a process that stops), so that another takes it at once. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await statement(db, 'delete from worker_leases where name = ? and holder = ?').run(name, holder);
}

export interface MailWorker {
  holder: string;
  /** Looks for mail now rather than at the next poll. */
  wake(): void;
  /** Stops polling and gives the lease up; resolves once the current delivery has ended. */
  stop(): Promise<void>;
}

/** Work the sender does before sending: `waiting` is a read, `run` writes (and may queue mail). */
export interface PreparatoryTask {
  waiting(db: Db, now: number): Promise<boolean>;
  run(db: Db, now: number): Promise<unknown>;
  /** Wakes the worker when this process gives the task work; returns how to stop listening. */
  subscribe?(wake: () => void): () => void;
}

export interface MailWorkerOptions {
  db: () => Db;
  tasks?: readonly PreparatoryTask[];
  transport: NoticeTransport;
  /** The envelope's sender (MAIL_FROM). */
  from: string;
  pollMs?: number;
  leaseMs?: number;
  now?: () => number;
}

export function startMailWorker(options: MailWorkerOptions): MailWorker {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const pollMs = options.pollMs ?? POLL_MS;
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), pollMs);
    timer.unref();
  };

  const tick = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      // Never synchronous to the end: `running` must be set before the finally below clears it.
      await Promise.resolve();
      try {
        do {
          again = false;
          const db = options.db();
          const tasks: PreparatoryTask[] = [];
          for (const task of options.tasks ?? []) if (await task.waiting(db, now())) tasks.push(task);
          if (tasks.length === 0 && !(await mailDue(db, now()))) break;
          if (!(await takeLease(db, LEASE_NAME, holder, now(), leaseMs))) break;
          for (const task of tasks) await task.run(db, now());
          const report = await deliverMail(db, options.transport, {
            sender: holder,
            from: options.from,
            now,
            limit: 20,
            keepGoing: async () => !stopped && (await takeLease(db, LEASE_NAME, holder, now(), leaseMs)),
          });
          again ||= report.sent + report.failed.length > 0 && (await mailDue(db, now()));
        } while (again && !stopped);
      } catch (error) {
        console.error('[mail] the outbox worker failed; it tries again shortly:', error instanceof Error ? error.message : error);
      } finally {
        running = null;
        schedule();
      }
    })();
    return running;
  };

  const wakeUp = () => {
    if (!stopped) void tick();
  };
  const unsubscribers = [onMailQueued(wakeUp), ...(options.tasks ?? []).map((task) => task.subscribe?.(wakeUp) ?? (() => undefined))];
  schedule();

  return {
    holder,
    wake: () => void tick(),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      for (const unsubscribe of unsubscribers) unsubscribe();
      await running;
      try {
        await releaseLease(options.db(), LEASE_NAME, holder);
      } catch {
        // The lease expires by itself.
      }
    },
  };
}
