/**
 * "Send to the customer": the order's link goes to each active administrator
 * of the customer, in their language, from a partner user working for that
 * customer only — and the sending is in the audit log.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { importDocument } from '@/lib/import/apply';
import type { MailContext } from '@/lib/mail/outbox';
import { all, createTestDb, run } from '@/tests/helpers/db';
import { sendOutbox } from '@/tests/helpers/mail';
import { FIXTURE_CUSTOMERS as C, FIXTURE_ORDERS as O, FIXTURE_TODAY, FIXTURE_USERS as U, fastPasswordHash, fixtureDocument } from '@/tests/helpers/fixtures';
import { smtpServerForEachFile, type TestSmtpServer } from '@/tests/helpers/smtp';
import { viewerOf } from '@/tests/helpers/viewers';
import { sendOrderLink } from './send';

let db: Db;
let smtp: TestSmtpServer;
let context: MailContext;
const server = smtpServerForEachFile();
const outboxRows = (db: Db) => all<{ kind: string; recipient: string }>(db, 'select kind, recipient from mail_outbox order by id');

beforeEach(async () => {
  db = await createTestDb();
  const doc = fixtureDocument();
  // A second administrator of alpha, in English, and an inactive one (already in the fixture).
  doc.users!.push({ email: 'second@alpha.example', name: 'Second Admin', locale: 'en', password: 'x'.repeat(12), grants: [{ role: 'customer_admin', customer: C.alpha }] });
  await importDocument(db, doc, { passwordHasher: fastPasswordHash, today: FIXTURE_TODAY });
  smtp = server();
  context = { appUrl: 'https://portal.example', from: 'License Desk <noreply@portal.example>', now: 1_700_000_000_000, address: '192.0.2.4' };
});

describe('sendOrderLink', () => {
  it('e-mails the order link to every active administrator of the customer, each in their language, and audits it', async () => {
    const partner = (await viewerOf(db, U.northPartner, C.alpha));
    expect((await sendOrderLink(db, partner, O.alphaNorth, context))).toEqual({ kind: 'sent', recipients: 2 });
    expect(smtp.received).toEqual([]);
    expect((await outboxRows(db)).map((row) => [row.kind, row.recipient])).toEqual([['order', U.alphaAdmin], ['order', 'second@alpha.example']]);
    await sendOutbox(db, smtp.url, context.now);
    expect(smtp.received.map((message) => message.to)).toEqual([[U.alphaAdmin], ['second@alpha.example']]);
    const [french, english] = smtp.received.map((message) => message.mail);
    expect(french!.subject).toBe('Votre commande FX-ORD-1001 passée par Partenaire Nord');
    expect(french!.text).toContain('Bonjour Alice Admin,');
    expect(english!.subject).toBe('Your order FX-ORD-1001 placed by Partenaire Nord');
    expect(english!.text).toContain('placed order FX-ORD-1001 for your purchase account 6000011 Alpha Montréal (PO PO-ALPHA-77)');
    for (const mail of [french!, english!]) {
      expect(mail.text).toContain('https://portal.example/orders/FX-ORD-1001');
      expect(mail.html).toContain('href="https://portal.example/orders/FX-ORD-1001"');
      expect(mail.text).toContain(`(${U.northPartner})`);
    }
    expect((await all(db, 'select action, entity_id, details, user_id from audit_log'))).toEqual([
      { action: 'order_link_sent', entity_id: O.alphaNorth, details: JSON.stringify({ recipients: 2 }), user_id: partner.userId },
    ]);
  });

  it('is not found for an order outside the partner’s view, and for anyone but a partner working for the customer', async () => {
    expect((await sendOrderLink(db, (await viewerOf(db, U.northPartner, C.alpha)), O.betaSouth, context))).toEqual({ kind: 'not-found' });
    expect((await sendOrderLink(db, (await viewerOf(db, U.southPartner, C.alpha)), O.alphaNorth, context))).toEqual({ kind: 'not-found' });
    expect((await sendOrderLink(db, (await viewerOf(db, U.northPartner)), O.alphaNorth, context))).toEqual({ kind: 'not-found' });
    expect((await sendOrderLink(db, (await viewerOf(db, U.alphaAdmin)), O.alphaNorth, context))).toEqual({ kind: 'not-found' });
    expect((await outboxRows(db))).toEqual([]);
  });

  it('says so when the customer has no active administrator', async () => {
    await run(db, "update users set active = false where email like '%@beta.example'");
    expect((await sendOrderLink(db, (await viewerOf(db, U.southPartner, C.beta)), O.betaSouth, context))).toEqual({ kind: 'no-recipients' });
    expect((await outboxRows(db))).toEqual([]);
  });
});
