/**
 * Expiry notices against a real SMTP server on 127.0.0.1 (smtp-server) and a
 * migrated database with two customers and two partners: who is told, in
 * which language, with which links; once only — across runs, after a
 * renewal, an SMTP failure, an interrupted run and two runs at once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { importDocument } from '@/lib/import/apply';
import { withTransaction } from '@/db/transaction';
import { secondConnection } from '@/tests/helpers/connections';
import { all, createTestDb, one, onPostgres, run } from '@/tests/helpers/db';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '@/tests/helpers/smtp';
import { FIXTURE_ACCOUNTS as A, FIXTURE_PRODUCTS as P, FIXTURE_TODAY, FIXTURE_USERS as U, fastPasswordHash, fixtureDocument } from '@/tests/helpers/fixtures';
import { smtpTransport, type NoticeTransport } from './mailer';
import { CLAIM_MS } from '@/lib/mail/outbox';
import { runNotices, type NoticeRunOptions } from './run';
import { turnNoticesOff } from './unsubscribe';

const APP_URL = 'https://portal.example';
const SECRET = 'test-secret-for-notices-0123456789abcdef';
const EXO = 'FX-EXO-P1';

let smtp: TestSmtpServer;
let received: ReceivedMail[] = [];
let refused: Set<string>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  refused = smtp.refused;
});

afterAll(async () => {
  await smtp.close();
});

let db: Db;
let transport: NoticeTransport;

beforeEach(async () => {
  smtp.received.length = 0;
  received = smtp.received;
  refused.clear();
  db = await createTestDb();
  const doc = fixtureDocument();
  doc.products!.push({ code: EXO, family: 'FX-O365', name: 'Exchange Online (Plan 1)', kind: 'online_service' });
  doc.subscriptions!.push(
    // Expired four days ago, on alpha's account served by south.
    { account: A.alphaSouth, product: EXO, available: 8, ordered: 8, nextExpiration: '2026-11-20' },
    // Sixty days ahead, on beta's account served by north.
    { account: A.betaNorth, product: EXO, available: 5, ordered: 5, nextExpiration: '2027-01-23' },
  );
  // The fixture's alphaNorth Office 365 expires on 2026-12-10 (16 days); betaSouth's on 2027-03-01 (97 days: nothing yet).
  await importDocument(db, doc, { passwordHasher: fastPasswordHash, today: FIXTURE_TODAY });
  transport = smtpTransport(smtp.url);
});

const options = (overrides: Partial<NoticeRunOptions> = {}): NoticeRunOptions => ({
  today: FIXTURE_TODAY,
  appUrl: APP_URL,
  secret: SECRET,
  thresholds: [90, 30],
  from: 'License Desk <notices@portal.example>',
  transport,
  now: () => Date.parse('2026-11-24T06:00:00Z'),
  ...overrides,
});

const to = (email: string) => received.filter((message) => message.to.includes(email));
const lineId = async (account: string, product: string) =>
  (
    await one<{ id: number }>(
      db,
      `select l.id from inventory_lines l join products p on p.id = l.product_id join purchase_accounts a on a.id = l.purchase_account_id
        where l.kind = 'subscription' and a.number = ? and p.code = ?`,
      account,
      product,
    )
  ).id;

/**
 * Two runs at once that both find the same notices due before either records
 * any, so that the second finds each one recorded by the first. SQLite's one
 * connection runs them so already (a transaction waits its turn); PostgreSQL
 * runs them side by side on two connections, where a run that looked later
 * would simply no longer find what the other recorded: there, another
 * connection keeps notices_sent from being written (reads go on) until both
 * runs wait to record.
 */
async function bothLookBeforeEitherRecords<T>(runs: () => Promise<T>): Promise<T> {
  if (!onPostgres()) return runs();
  let started: Promise<T> | undefined;
  await withTransaction(secondConnection(db), async (tx) => {
    await run(tx, 'lock table notices_sent in share mode');
    started = runs();
    const waiting = async () =>
      (await one<{ n: number }>(db, "select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")).n;
    await vi.waitFor(async () => expect(await waiting()).toBe(2), { timeout: 10_000, interval: 20 });
  });
  return started!;
}

describe('runNotices', () => {
  it('tells each person once about the lines they may see, in their language, with a link to each line', async () => {
    const summary = await runNotices(db, options());
    expect(summary).toMatchObject({ sent: 5, resent: 0, skipped: 0, failed: [] });
    expect(received.map((message) => message.to[0]).sort()).toEqual([U.alphaAdmin, U.alphaViewer, U.betaAdmin, U.northPartner, U.southPartner].sort());

    const o365 = await lineId(A.alphaNorth, P.o365);
    const [admin] = to(U.alphaAdmin);
    expect(admin!.mail.subject).toBe('2 services en ligne expirent bientôt ou ont expiré');
    expect(admin!.mail.text).toContain(`Voir la ligne\u00a0: ${APP_URL}/inventory?account=${A.alphaNorth}&line=${o365}#line-${o365}`);
    expect(admin!.mail.text).toContain('Office 365 E3 — compte d\'achats 6000011');
    expect(admin!.mail.text).toContain('expire dans 16 jours');
    expect(admin!.mail.text).toContain('expiré depuis 4 jours');
    expect(admin!.mail.html).toContain(`href="${APP_URL}/inventory?account=${A.alphaNorth}&amp;line=${o365}#line-${o365}"`);
    expect(admin!.mail.text).toContain(`${APP_URL}/inventory/expiring?account=all`);

    // The account viewer: only the granted account, in English.
    const [viewer] = to(U.alphaViewer);
    expect(viewer!.mail.subject).toBe('An online service expires soon');
    expect(viewer!.mail.text).toContain('expires in 16 days');
    expect(viewer!.mail.text).not.toContain(A.alphaSouth);

    // The partner's digest: per customer it serves, links into that customer's view.
    const [north] = to(U.northPartner);
    expect(north!.mail.text).toContain('Client Alpha');
    expect(north!.mail.text).toContain(`${APP_URL}/inventory?customer=2000001&account=${A.alphaNorth}&line=${o365}`);
    expect(north!.mail.text).toContain(`${APP_URL}/inventory?customer=2000002&account=${A.betaNorth}`);
    expect(north!.mail.text).not.toContain(A.alphaSouth);

    // Nobody reads what is not theirs; nobody inactive or without a due line is written to.
    expect(to(U.betaViewer)).toEqual([]);
    expect(to(U.inactive)).toEqual([]);
    expect(to(U.betaAdmin)[0]!.mail.text).not.toContain('6000011');
  });

  it('carries a one-click link to stop the notices, which works', async () => {
    await runNotices(db, options());
    const [viewer] = to(U.alphaViewer);
    // The header as sent (folded lines joined).
    const headers = viewer!.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
    const unsubscribe = { url: /^List-Unsubscribe: <([^>]+)>/im.exec(headers)?.[1] ?? '' };
    expect(unsubscribe.url).toMatch(/^https:\/\/portal\.example\/notices\/off\/one-click\?token=v1\.\d+\./);
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im);
    expect(viewer!.mail.text).toMatch(/Stop these notices: https:\/\/portal\.example\/notices\/off\?token=v1\./);
    const token = new URL(unsubscribe.url).searchParams.get('token')!;
    expect((await turnNoticesOff(db, SECRET, token))).toBe(true);
    expect((await turnNoticesOff(db, 'another-secret-0123456789abcdef0123', token))).toBe(false);
    expect((await turnNoticesOff(db, SECRET, token.replace(/\.\d+\./, '.1.')))).toBe(false);
    // Renewed and due again: the viewer, who stopped the notices, is not written to.
    await run(db, "update inventory_lines set next_expiration = '2026-12-20' where id = ?", await lineId(A.alphaNorth, P.o365));
    received.length = 0;
    await runNotices(db, options());
    expect(to(U.alphaViewer)).toEqual([]);
    expect(to(U.alphaAdmin)).toHaveLength(1);
  });

  it('never announces the same line, threshold and date twice; a renewal is announced again', async () => {
    await runNotices(db, options());
    received.length = 0;
    expect(await runNotices(db, options())).toMatchObject({ sent: 0, resent: 0 });
    expect(received).toEqual([]);
    // Later, beta's Exchange line (2027-01-23) crosses from the 90-day notice to the 30-day one: told again.
    await runNotices(db, options({ today: '2027-01-01' }));
    expect(to(U.betaAdmin).map((message) => message.mail.text).join()).toContain('Exchange Online (Plan 1) — purchase account 6000021 (Beta Genève) — expires on Jan 23, 2027: expires in 22 days');
    expect(await runNotices(db, options({ today: '2027-01-01' }))).toMatchObject({ sent: 0 });
    // A renewal (a new expiration date) of alpha's Office 365 is announced again, to its readers only.
    received.length = 0;
    await run(db, "update inventory_lines set next_expiration = '2027-01-20' where id = ?", await lineId(A.alphaNorth, P.o365));
    const renewed = await runNotices(db, options({ today: '2027-01-01' }));
    expect(renewed.sent).toBe(3);
    expect(received.map((message) => message.to[0]).sort()).toEqual([U.alphaAdmin, U.alphaViewer, U.northPartner].sort());
  });

  it('reports an SMTP failure for that person, sends the others, and retries it with the same Message-ID', async () => {
    refused.add(U.alphaViewer);
    const first = await runNotices(db, options());
    expect(first.sent).toBe(4);
    expect(first.failed).toEqual([{ email: U.alphaViewer, error: expect.stringContaining('mailbox unavailable') }]);
    const left = await all<{ message_id: string; next_attempt_at: number }>(db, "select message_id, status, next_attempt_at from mail_outbox where status = 'pending'");
    expect(left).toHaveLength(1);
    // Backed off: a run right away leaves it; one after the back-off sends it.
    expect(left[0]!.next_attempt_at).toBe(options().now!() + 30_000);
    refused.clear();
    received.length = 0;
    expect(await runNotices(db, options())).toMatchObject({ sent: 0, resent: 0 });
    expect(received).toEqual([]);
    const second = await runNotices(db, options({ now: () => Date.parse('2026-11-24T06:01:00Z') }));
    expect(second).toMatchObject({ sent: 0, resent: 1, failed: [] });
    expect(received.map((message) => message.to[0])).toEqual([U.alphaViewer]);
    expect(received[0]!.mail.messageId).toBe(left[0]!.message_id);
  });

  it('resends what an interrupted run left, as it was, once its claim has lapsed', async () => {
    await runNotices(db, options());
    // A run that died between the record and the hand-off: a message still `sending`, claimed just now.
    const interrupted = await one<{ id: number; message_id: string }>(db, 'select id, message_id from mail_outbox order by id limit 1');
    const claimedAt = options().now!();
    await run(db, "update mail_outbox set status = 'pending', sent_at = null, claimed_by = 'dead-run', claimed_at = ? where id = ?", claimedAt, interrupted.id);
    received.length = 0;
    // Within the lease, another run leaves it alone (the first one may still be sending it).
    expect(await runNotices(db, options({ now: () => claimedAt + CLAIM_MS - 1 }))).toMatchObject({ sent: 0, resent: 0 });
    expect(received).toEqual([]);
    const resumed = await runNotices(db, options({ now: () => claimedAt + CLAIM_MS + 1 }));
    expect(resumed).toMatchObject({ sent: 0, resent: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]!.mail.messageId).toBe(interrupted.message_id);
  });

  it('two runs at once send each notice once', async () => {
    const [one, two] = await bothLookBeforeEitherRecords(() => Promise.all([runNotices(db, options()), runNotices(db, options())]));
    expect(one.sent + two.sent).toBe(5);
    expect(one.skipped + two.skipped).toBe(5);
    expect(received).toHaveLength(5);
  });

  it('a dry run says what it would send and writes nothing', async () => {
    const summary = await runNotices(db, options({ dryRun: true }));
    expect(summary.planned.map((plan) => plan.email).sort()).toEqual([U.alphaAdmin, U.alphaViewer, U.betaAdmin, U.northPartner, U.southPartner].sort());
    expect(received).toEqual([]);
    expect(await one(db, 'select count(*) as n from notices_sent')).toEqual({ n: 0 });
  });
});
