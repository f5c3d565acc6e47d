/**
 * NOTICES_DAILY_AT: the server runs the notices itself once a day at that time
 * of day in APP_TIME_ZONE (off by default; a scheduler calling `npm run
 * notices` is the other way). A server of several processes runs it in one
 * of them only (lib/startup.ts, runsScheduledWork); several servers sharing
 * one PostgreSQL database each schedule it, and the first to start a day's
 * run claims that day (`scheduled_runs`), so the others skip it. Even two
 * runs at once would send nothing twice: the once-only record of
 * lib/notices/run.ts keeps every notice to one e-mail.
 */
import 'server-only';
import { hostname } from 'node:os';
import type { Db } from '@/db/client';
import { scheduledRuns } from '@/db/schema';

/**
 * Claims the run of `job` on `day` for this server: true for the first
 * caller, false for every later one (on any server sharing the database).
 */
export async function claimScheduledRun(db: Db, job: string, day: string, now = Date.now()): Promise<boolean> {
  const claimed = await db
    .insert(scheduledRuns)
    .values({ job, day, startedAt: now, startedBy: `${hostname()}:${process.pid}` })
    .onConflictDoNothing()
    .returning({ job: scheduledRuns.job });
  return claimed.length === 1;
}

/** Milliseconds from `now` to the next `HH:MM` in `timeZone` (at least one minute ahead). */
export function msUntilNext(now: Date, timeZone: string, at: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  const nowMinutes = Number(parts.hour) * 60 + Number(parts.minute);
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  let minutes = (hour * 60 + minute - nowMinutes + 1440) % 1440;
  if (minutes === 0) minutes = 1440;
  return minutes * 60_000 - Number(parts.second) * 1000 - now.getMilliseconds();
}

let timer: NodeJS.Timeout | undefined;

/** Schedules the daily run (once per process); each run logs its report. */
export function startDailyNotices(at: string, timeZone: string): void {
  if (timer) return;
  const schedule = () => {
    timer = setTimeout(() => void runOnce(), msUntilNext(new Date(), timeZone, at));
    // The daily run never keeps the process alive on its own.
    timer.unref();
  };
  const runOnce = async () => {
    try {
      const [{ describeRun, runConfiguredNotices }, { database }, { today }] = await Promise.all([import('./command'), import('@/db/client'), import('@/lib/clock')]);
      const day = today();
      if (await claimScheduledRun(database(), 'notices', day)) {
        for (const line of describeRun(await runConfiguredNotices(), false)) console.log(`[notices] ${line}`);
      } else console.log(`[notices] the run of ${day} was started by another server`);
    } catch (error) {
      console.error(`[notices] ${error instanceof Error ? error.message : String(error)}`);
    }
    schedule();
  };
  schedule();
  console.log(`[notices] expiry notices run every day at ${at} (${timeZone})`);
}
