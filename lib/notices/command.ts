/**
 * One run of the notices as configured (`npm run notices`, and the server's
 * own daily run at NOTICES_DAILY_AT): APP_URL for the links, AUTH_SECRET for
 * the stop links, SMTP_URL or OUTBOX_DIR for delivery, NOTICE_THRESHOLDS.
 */
import 'server-only';
import { existsSync, readFileSync } from 'node:fs';
import { database } from '@/db/client';
import { today } from '@/lib/clock';
import { env } from '@/lib/env';
import { configuredTransport } from './mailer';
import { runNotices, type NoticeRunSummary } from './run';

/** Where `npm run demo` keeps its generated AUTH_SECRET (scripts/demo-secret.ts). */
const DEMO_SECRET_PATH = 'data/auth-secret';

export class NoticesConfigurationError extends Error {}

export interface ConfiguredRun {
  summary: NoticeRunSummary;
  /** Where the messages went: an SMTP host or the outbox folder. */
  destination: string;
  outbox: boolean;
}

export async function runConfiguredNotices({ dryRun = false }: { dryRun?: boolean } = {}): Promise<ConfiguredRun> {
  const config = env();
  if (!config.APP_URL) {
    throw new NoticesConfigurationError('APP_URL is not set: every notice links into the portal, so nothing is sent without its public address. Set APP_URL, such as https://licenses.example.com.');
  }
  // The demo's generated secret signs the demo's links; a production install sets AUTH_SECRET.
  const secret = config.AUTH_SECRET ?? (existsSync(DEMO_SECRET_PATH) ? readFileSync(DEMO_SECRET_PATH, 'utf8').trim() : undefined);
  if (!secret) throw new NoticesConfigurationError('AUTH_SECRET is not set: it signs the "stop these notices" links. Set it to the same value as the server’s.');
  const transport = configuredTransport(config);
  try {
    const summary = await runNotices(database(), {
      today: today(),
      appUrl: config.APP_URL,
      secret,
      thresholds: config.NOTICE_THRESHOLDS,
      from: config.MAIL_FROM,
      transport,
      dryRun,
    });
    return { summary, destination: transport.describe, outbox: !config.SMTP_URL };
  } finally {
    transport.close();
  }
}

/** The command's report, a line each. */
export function describeRun({ summary, destination, outbox }: ConfiguredRun, dryRun: boolean): string[] {
  if (dryRun) {
    return [
      `Dry run: nothing written, nothing sent. ${summary.planned.length} e-mail(s) would be sent:`,
      ...summary.planned.map((plan) => `  ${plan.email} (${plan.locale}): ${plan.subject} — ${plan.lines} line(s)`),
    ];
  }
  return [
    `${summary.sent} e-mail(s) sent to ${summary.recipients} person(s); ${summary.resent} left by an earlier run sent again; ${summary.skipped} skipped (another run recorded them first)${summary.handedOver > 0 ? `; ${summary.handedOver} sent by the server's outbox worker` : ''}.`,
    outbox ? `No SMTP_URL: messages written as .eml files to ${destination}` : `Sent through ${destination}.`,
    ...summary.failed.map((failure) => `  not sent to ${failure.email}: ${failure.error} (kept in the mail outbox and retried later)`),
  ];
}
