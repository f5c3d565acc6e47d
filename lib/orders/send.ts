/**
 * "Send to the customer": a partner e-mails the link of an order to the
 * customer's administrators, each in their own language: the messages are
 * queued in the mail outbox with the audit entry, in one transaction, and
 * the outbox worker sends them. The link is the order's
 * plain address: it opens through sign-in, in the customer's context.
 * No Next.js here: lib/orders/actions.ts wraps it.
 */
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { createTranslator } from 'use-intl/core';
import type { Db } from '@/db/client';
import { grants, orders, purchaseAccounts, users, type Locale } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { accountScope, type Viewer } from '@/lib/auth/scope';
import { messages } from '@/lib/i18n/messages';
import { queueLinkMessage, type MailContext } from '@/lib/mail/outbox';
import { orderPath } from './paths';
import { mayRecordOrders } from './record';
import { withTransaction } from '@/db/transaction';

export type SendOutcome = { kind: 'sent'; recipients: number } | { kind: 'no-recipients' } | { kind: 'not-found' };

/** E-mails the link of one of the orders in the partner's view to every active administrator of the customer. */
export async function sendOrderLink(db: Db, viewer: Viewer, number: string, context: MailContext): Promise<SendOutcome> {
  if (!mayRecordOrders(viewer)) return { kind: 'not-found' };
  const order = (await db
    .select({ number: orders.number, po: orders.customerPoNumber, accountNumber: purchaseAccounts.number, accountName: purchaseAccounts.name })
    .from(orders)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, orders.purchaseAccountId))
    .where(and(accountScope(viewer), eq(orders.number, number)))
    .limit(1))[0];
  if (!order) return { kind: 'not-found' };
  const recipients = (await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .innerJoin(grants, eq(grants.userId, users.id))
    .where(and(eq(grants.customerId, viewer.customer.id), eq(grants.role, 'customer_admin'), eq(users.active, true)))
    .orderBy(asc(users.email))
    );
  if (recipients.length === 0) return { kind: 'no-recipients' };

  const url = new URL(orderPath(order.number), context.appUrl).toString();
  await withTransaction(db, async (tx) => {
    for (const recipient of recipients) {
      const locale: Locale = recipient.locale ?? 'fr';
      const t = createTranslator({ locale, messages: messages[locale], namespace: 'orders.sendMail' });
      const facts = { number: order.number, partner: viewer.partner.name, account: `${order.accountNumber} ${order.accountName}`, po: order.po ?? '—' };
      await queueLinkMessage(tx, context, {
        kind: 'order',
        userId: recipient.id,
        to: recipient.email,
        subject: t('subject', facts),
        before: [t('greeting', { name: recipient.name }), t('body', facts)],
        link: { url, label: t('link', facts) },
        after: [t('sentBy', { name: viewer.name, email: viewer.email })],
      });
    }
    await recordAudit(tx, {
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
  });
  return { kind: 'sent', recipients: recipients.length };
}
