/**
 * Who is told about which expiration. For every online service
 * line whose next expiration is due a notice today (./thresholds.ts):
 * - the customer's administrators and the account viewers granted its
 *   purchase account — each gets one e-mail with their own lines;
 * - the users of the account's partner of record — one digest of all the
 *   customers they serve;
 * only active users who have not turned notices off, and only what is not yet
 * recorded as announced (notices_sent: person, line, threshold, date).
 */
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { dialectOf } from '@/db/dialect';
import type { GrantRole, Locale } from '@/db/schema';
import { addDays } from '@/lib/clock';
import { DEFAULT_LOCALE } from '@/lib/i18n/locale';
import { localName } from '@/lib/i18n/names';
import { dueThreshold, noticeWindow, type NoticeThreshold } from './thresholds';
import { rows, statement } from '@/db/statements';

export interface NoticeItem {
  lineId: number;
  productName: string;
  accountNumber: string;
  accountName: string;
  customerNumber: string;
  customerName: string;
  expiresOn: string;
  threshold: NoticeThreshold;
}

export interface NoticeRecipient {
  userId: number;
  email: string;
  name: string;
  locale: Locale | null;
  role: GrantRole;
  /** Soonest first, then by product and account. */
  items: NoticeItem[];
}

interface DueLine {
  line_id: number;
  product_name: string;
  product_name_en: string | null;
  account_id: number;
  account_number: string;
  account_name: string;
  customer_id: number;
  customer_number: string;
  customer_name: string;
  partner_id: number;
  expires_on: string;
}

interface Reader {
  user_id: number;
  email: string;
  name: string;
  locale: Locale | null;
  role: GrantRole;
  customer_id: number | null;
  partner_id: number | null;
  /** Comma-separated granted account ids of an account viewer. */
  account_ids: string | null;
}

/** Every notice due today that is not recorded yet, grouped by the person to tell. */
export async function dueNotices(db: Db, today: string, thresholds: readonly number[]): Promise<NoticeRecipient[]> {
  const window = noticeWindow(thresholds);
  const lines = (await statement<DueLine>(db, 
      `select l.id as line_id, p.name as product_name, p.name_en as product_name_en, a.id as account_id, a.number as account_number, a.name as account_name,
              c.id as customer_id, c.number as customer_number, c.legal_name as customer_name, a.partner_id, l.next_expiration as expires_on
         from inventory_lines l
         join purchase_accounts a on a.id = l.purchase_account_id
         join customers c on c.id = a.customer_id
         join products p on p.id = l.product_id
        where l.kind = 'subscription' and l.next_expiration between ? and ?
        order by l.next_expiration, p.name, a.number, l.id`,
    )
    .all(addDays(today, -window.pastDays), addDays(today, window.aheadDays)));
  if (lines.length === 0) return [];

  const readers = await rows<Reader>(
    db,
    sql`select u.id as user_id, u.email, u.name, u.locale, g.role, g.customer_id, g.partner_id,
              (select ${dialectOf(db).joinedText(sql`ga.purchase_account_id`, ',')} from grant_accounts ga where ga.grant_id = g.id) as account_ids
         from users u join grants g on g.user_id = u.id
        where u.active = true and u.receives_notices = true
          -- The grant the viewer rule reads (lib/auth/scope.ts: the first one).
          and g.id = (select min(id) from grants where user_id = u.id)
        order by u.id`,
  );
  const announced = statement<{ one: number }>(db, 
    'select 1 as one from notices_sent where user_id = ? and line_id = ? and threshold = ? and expires_on = ?',
  );

  const recipients = new Map<number, NoticeRecipient>();
  for (const line of lines) {
    const threshold = dueThreshold(today, line.expires_on, thresholds);
    if (!threshold) continue;
    for (const reader of readers) {
      if (!reads(reader, line)) continue;
      if ((await announced.get(reader.user_id, line.line_id, threshold, line.expires_on))) continue;
      let recipient = recipients.get(reader.user_id);
      if (!recipient) {
        recipient = { userId: reader.user_id, email: reader.email, name: reader.name, locale: reader.locale, role: reader.role, items: [] };
        recipients.set(reader.user_id, recipient);
      }
      recipient.items.push({
        lineId: line.line_id,
        // The product in the recipient's language (French when they chose none, as the whole e-mail).
        productName: localName(line.product_name, line.product_name_en, reader.locale ?? DEFAULT_LOCALE),
        accountNumber: line.account_number,
        accountName: line.account_name,
        customerNumber: line.customer_number,
        customerName: line.customer_name,
        expiresOn: line.expires_on,
        threshold,
      });
    }
  }
  return [...recipients.values()];
}

/** Whether a reader's grant covers a line: the viewer rule of lib/auth/scope.ts, for one line. */
function reads(reader: Reader, line: DueLine): boolean {
  switch (reader.role) {
    case 'customer_admin':
      return reader.customer_id === line.customer_id;
    case 'account_viewer':
      return reader.customer_id === line.customer_id && (reader.account_ids ?? '').split(',').map(Number).includes(line.account_id);
    case 'partner_user':
      return reader.partner_id === line.partner_id;
  }
}
