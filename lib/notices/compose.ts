/**
 * The expiry e-mail of one person, in their language, as plain
 * text and HTML: each service with its purchase account, expiration date and
 * days left — in the words of the inventory's expiry rule — a deep link to
 * that exact line, a link to the expiring view, and a link to turn notices
 * off. A partner user's digest groups the lines per customer and its links
 * open that customer's view (`customer=`).
 */
import 'server-only';
// The core of next-intl, without React: the notices are composed outside a request (the command, the daily run).
import { createTranslator } from 'use-intl/core';
import type { Locale } from '@/db/schema';
import { daysBetween } from '@/lib/clock';
import { formatDate } from '@/lib/i18n/format';
import { messages } from '@/lib/i18n/messages';
import { expiryStatus } from '@/lib/inventory/rules';
import { hrefWith } from '@/lib/url';
import { escapeHtml } from './mailer';
import type { NoticeItem, NoticeRecipient } from './recipients';

export interface ComposedNotice {
  subject: string;
  text: string;
  html: string;
}

export interface ComposeContext {
  /** APP_URL: every link is absolute. */
  appUrl: string;
  today: string;
  /** The one-click address that turns this person's notices off. */
  offUrl: string;
}

const DEFAULT_LOCALE: Locale = 'fr';


/** The deep link to a line, as the inventory's own `line=` links: an e-mail links straight to the item. */
export function lineUrl(appUrl: string, item: NoticeItem, partner: boolean): string {
  const path = hrefWith('/inventory', { customer: partner ? item.customerNumber : undefined, account: item.accountNumber, line: item.lineId });
  return `${new URL(path, appUrl).toString()}#line-${item.lineId}`;
}

export function expiringUrl(appUrl: string, customerNumber?: string): string {
  return new URL(hrefWith('/inventory/expiring', { customer: customerNumber, account: 'all' }), appUrl).toString();
}

export function composeNotice(recipient: NoticeRecipient, context: ComposeContext): ComposedNotice {
  const locale = recipient.locale ?? DEFAULT_LOCALE;
  const t = createTranslator({ locale, messages: messages[locale], namespace: 'notices' });
  const partner = recipient.role === 'partner_user';

  const status = (item: NoticeItem) => {
    // The inventory's rule decides; the e-mail says it with the number of days.
    const marker = expiryStatus(context.today, item.expiresOn);
    if (marker.kind === 'expired') return t('status.expired', { days: -marker.days });
    if (marker.kind !== 'none' && marker.days === 0) return t('status.today');
    return t('status.days', { days: marker.kind === 'none' ? daysBetween(context.today, item.expiresOn) : marker.days });
  };
  const describe = (item: NoticeItem) =>
    t('item', { product: item.productName, account: item.accountNumber, accountName: item.accountName, date: formatDate(locale, item.expiresOn), status: status(item) });

  // A partner's digest: one block per customer; a customer's people: one block.
  const blocks: { title: string | null; customerNumber?: string; items: NoticeItem[] }[] = [];
  for (const item of recipient.items) {
    const key = partner ? item.customerNumber : '';
    let block = blocks.find((candidate) => (candidate.customerNumber ?? '') === key);
    if (!block) {
      block = { title: partner ? t('customer', { name: item.customerName, number: item.customerNumber }) : null, customerNumber: partner ? item.customerNumber : undefined, items: [] };
      blocks.push(block);
    }
    block.items.push(item);
  }

  const subject = partner ? t('partnerSubject', { count: recipient.items.length }) : t('subject', { count: recipient.items.length });
  const intro = partner ? t('partnerIntro') : t('intro');

  const text = [
    t('greeting', { name: recipient.name }),
    '',
    intro,
    ...blocks.flatMap((block) => [
      '',
      ...(block.title ? [block.title, ''] : []),
      ...block.items.flatMap((item) => [`- ${describe(item)}`, `  ${t('openLineText', { url: lineUrl(context.appUrl, item, partner) })}`]),
      '',
      t('expiringText', { url: expiringUrl(context.appUrl, block.customerNumber) }),
    ]),
    '',
    '--',
    t('footer'),
    t('offText', { url: context.offUrl }),
    '',
  ].join('\n');

  const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; color: #0f172a; line-height: 1.5">',
    `<p>${escapeHtml(t('greeting', { name: recipient.name }))}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...blocks.flatMap((block) => [
      ...(block.title ? [`<h2 style="font-size: 1.1em">${escapeHtml(block.title)}</h2>`] : []),
      '<ul>',
      ...block.items.map((item) => `<li>${escapeHtml(describe(item))}<br>${link(lineUrl(context.appUrl, item, partner), t('openLine'))}</li>`),
      '</ul>',
      `<p>${link(expiringUrl(context.appUrl, block.customerNumber), t('expiring'))}</p>`,
    ]),
    `<hr><p style="font-size: 0.9em; color: #475569">${escapeHtml(t('footer'))} ${link(context.offUrl, t('off'))}</p>`,
    '</body></html>',
  ].join('\n');

  return { subject, text, html };
}
