/**
 * "Send to the customer" (issue 12): a partner e-mails the link of an order
 * to the customer's administrators, each in their own language, through the
 * notices' mailer (the same SMTP_URL or OUTBOX_DIR). The link is the order's
 * plain address: it opens through sign-in, in the customer's context.
 * No Next.js here: lib/orders/actions.ts wraps it.
 */
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { createTranslator } from 'use-intl/core';
import type { DB } from '@/db/client';
import { grants, orders, purchaseAccounts, users, type Locale } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { accountScope, type Viewer } from '@/lib/auth/scope';
import { messages } from '@/lib/i18n/messages';
import { sendLinkMessage, type MailContext } from '@/lib/notices/mailer';
import { orderPath } from './paths';
import { mayRecordOrders } from './record';

export type SendOutcome = { kind: 'sent'; recipients: number } | { kind: 'no-recipients' } | { kind: 'not-found' };

/** E-mails the link of one of the orders in the partner's view to every active administrator of the customer. */
export async function sendOrderLink(db: DB, viewer: Viewer, number: string, context: MailContext): Promise<SendOutcome> {
  if (!mayRecordOrders(viewer)) return { kind: 'not-found' };
  const order = db
    .select({ number: orders.number, po: orders.customerPoNumber, accountNumber: purchaseAccounts.number, accountName: purchaseAccounts.name })
    .from(orders)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, orders.purchaseAccountId))
    .where(and(accountScope(viewer), eq(orders.number, number)))
    .get();
  if (!order) return { kind: 'not-found' };
  const recipients = db
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .innerJoin(grants, eq(grants.userId, users.id))
    .where(and(eq(grants.customerId, viewer.customer.id), eq(grants.role, 'customer_admin'), eq(users.active, true)))
    .orderBy(asc(users.email))
    .all();
  if (recipients.length === 0) return { kind: 'no-recipients' };

  const url = new URL(orderPath(order.number), context.appUrl).toString();
  for (const recipient of recipients) {
    const locale: Locale = recipient.locale ?? 'fr';
    const t = createTranslator({ locale, messages: messages[locale], namespace: 'orders.sendMail' });
    const facts = { number: order.number, partner: viewer.partner.name, account: `${order.accountNumber} ${order.accountName}`, po: order.po ?? '—' };
    await sendLinkMessage(context, {
      to: recipient.email,
      kind: 'order',
      subject: t('subject', facts),
      before: [t('greeting', { name: recipient.name }), t('body', facts)],
      link: { url, label: t('link', facts) },
      after: [t('sentBy', { name: viewer.name, email: viewer.email })],
    });
  }
  recordAudit(db, {
    action: 'order_link_sent',
    userId: viewer.userId,
    entity: 'order',
    entityId: order.number,
    details: { recipients: recipients.length },
    customerId: viewer.customer.id,
    partnerId: viewer.partner.id,
    address: context.address,
    at: context.now,
  });
  return { kind: 'sent', recipients: recipients.length };
}
