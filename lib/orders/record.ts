/**
 * A partner records an order, or cancels one it recorded: the
 * writes that close the loop of the unpaid online services report inside the
 * product. Partners used to reach the portal's data only by import.
 *
 * Recording, in one immediate SQLite transaction with the form's key
 * (lib/forms/once.ts, so a submission is applied once):
 * - the order, with a new order number, and its items;
 * - per item, one dated `order` transaction through the ledger, with the
 *   order as its source: a licence raises the licence count by the quantity
 *   (and the SA count when SA is chosen); an online service raises the
 *   ordered subscriptions by the quantity, the available ones to at least the
 *   ordered, and moves the next expiration to the later of the current one
 *   and the order date + the term — so the report's gap closes;
 * - an entry in the audit log, under the customer and the partner.
 *
 * Cancelling (within CANCEL_WINDOW_DAYS of the order date) writes the
 * opposite `cancellation` transactions (the history keeps both), puts back
 * an expiration the order moved, and marks the order cancelled.
 *
 * No Next.js here: lib/orders/actions.ts asks for the viewer and turns the
 * outcomes into pages; integration tests call these functions directly.
 */
import 'server-only';
import { and, desc, eq, isNotNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { inventoryLines, inventoryTransactions, orderItems, orders, products, purchaseAccounts, type Locale } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { accountScope, isPartnerCustomerViewer, type PartnerCustomerViewer, type Viewer } from '@/lib/auth/scope';
import { addDays, addMonths } from '@/lib/clock';
import { wholeNumberField } from '@/lib/forms/numbers';
import { applyOnce, idempotencyKeySchema, type OnceOutcome } from '@/lib/forms/once';
import { localName, resourceUsageCode, resourceUsageName, resourceUsageNames } from '@/lib/i18n/names';
import { createLedgerWriter, LedgerError, recordTransaction } from '@/lib/inventory/ledger';
import { foldForSearch, searchTerms } from '@/lib/search/normalize';
import { wordsMatch } from '@/lib/search/sql';
import { MAX_ITEM_QUANTITY, MAX_ORDER_ITEMS, MAX_PARTY_ADDRESS, MAX_PARTY_NAME, MAX_TERM_MONTHS, type ItemField, type LineChoices } from './form';
import { DEFAULT_CURRENCY, fractionDigitsOf, ORDER_CURRENCIES, orderTotalMinor, parsePrice } from './money';
import { withTransaction } from '@/db/transaction';
import { lockRow, lockUntilCommit } from '@/db/locks';

/** A partner may cancel an order it recorded up to this many days after its date. */
export const CANCEL_WINDOW_DAYS = 14;
/** Product suggestions given beside an unknown product. */
const SUGGESTIONS = 5;

/** Whether a viewer may record and cancel orders: a partner user working for a customer it serves. */
export function mayRecordOrders(viewer: Viewer): viewer is PartnerCustomerViewer {
  return isPartnerCustomerViewer(viewer);
}

const line = (max: number) => z.string().trim().max(max, 'tooLong');

/** One item of the form, as typed; messages are catalogue keys of orders.record.errors. */
export const orderItemSchema = z.object({
  product: z.string().trim().min(1, 'productRequired').max(64, 'productUnknown'),
  edition: line(100),
  version: line(100),
  // Resource usage is a fixed vocabulary: typed as its name in either language (any case, accents or not) or its code, stored as the code (usageOf).
  usage: line(100).refine((typed) => resourceUsageCode(typed) !== null, 'usageUnknown'),
  quantity: wholeNumberField({ required: 'quantityRequired', whole: 'whole', range: 'quantityRange' }, MAX_ITEM_QUANTITY),
  sa: z.boolean(),
  term: wholeNumberField({ required: 'termRequired', whole: 'whole', range: 'termRange' }, MAX_TERM_MONTHS),
  /** The unit price as typed, optional; read into minor units of the order's currency (./money.ts). */
  price: z.string().trim().max(20, 'priceFormat').optional(),
});
export type OrderItemForm = z.infer<typeof orderItemSchema>;

/** A bill-to or ship-to name or address: free text, optional, '' when left empty. */
const party = (max: number) => z.string().trim().max(max, 'tooLong').optional();

export const orderFormSchema = z
  .object({
    key: idempotencyKeySchema,
    account: z.string().trim().min(1, 'accountRequired').max(64, 'accountUnknown'),
    po: z.string().trim().min(1, 'poRequired').max(64, 'tooLong'),
    /** Optional for callers that record no prices; the form always sends one (EUR unless chosen). */
    currency: z.enum(ORDER_CURRENCIES, 'currencyUnknown').optional(),
    billToName: party(MAX_PARTY_NAME),
    billToAddress: party(MAX_PARTY_ADDRESS),
    shipToName: party(MAX_PARTY_NAME),
    shipToAddress: party(MAX_PARTY_ADDRESS),
    items: z.array(orderItemSchema).min(1, 'itemsRequired').max(MAX_ORDER_ITEMS, 'itemsTooMany'),
  })
  .superRefine((form, context) => {
    // A price is read in the order's currency: its digits decide how many decimals it may have.
    const digits = fractionDigitsOf(form.currency ?? DEFAULT_CURRENCY);
    form.items.forEach((item, index) => {
      if (!item.price) return;
      const parsed = parsePrice(item.price, digits);
      if (!parsed.ok) context.addIssue({ code: 'custom', path: ['items', index, 'price'], message: parsed.error });
    });
  });
export type OrderForm = z.infer<typeof orderFormSchema>;

/** An item's unit price in minor units of the order's currency, null when none was typed (the schema has checked it). */
export function unitPriceMinorOf(form: Pick<OrderForm, 'currency'>, item: Pick<OrderItemForm, 'price'>): number | null {
  if (!item.price) return null;
  const parsed = parsePrice(item.price, fractionDigitsOf(form.currency ?? DEFAULT_CURRENCY));
  if (!parsed.ok) throw new Error(`unchecked price ${item.price}`);
  return parsed.minor;
}

/** A message to show: its catalogue key and the values it names. */
export interface FieldMessage {
  message: string;
  values?: Record<string, string | number>;
}

export type RecordOutcome =
  | { kind: 'recorded'; orderId: number; number: string }
  | { kind: 'not-found' }
  /** Fields to correct: the order's (`account`, `po`, `items`) and each item's, by its index in the form. */
  | { kind: 'invalid'; errors: Partial<Record<'account' | 'po' | 'items', FieldMessage>>; itemErrors: Record<number, Partial<Record<ItemField, FieldMessage>>> };

interface WriteOptions {
  /** YYYY-MM-DD: the order date and the date of its transactions. */
  today: string;
  now?: () => number;
  /** Where the result is shown, stored with the key so that a repeat is sent there too. */
  resultPath: (order: { number: string }) => string;
  /** The client address, for the audit log. */
  address?: string;
}

interface CatalogueProduct {
  id: number;
  code: string;
  name: string;
  kind: string;
}

/** Products whose names may be the one typed, compared whole in JavaScript: a bound on the work. */
const NAME_CANDIDATES = 20;

/** The product a person typed: its code, or its name — any case, with or without accents (folded, lib/search/). */
async function findProduct(db: Db, typed: string): Promise<CatalogueProduct | null> {
  const columns = { id: products.id, code: products.code, name: products.name, kind: products.kind };
  const folded = foldForSearch(typed);
  if (!folded) return null;
  return (
    (await db.select(columns).from(products).where(eq(products.code, typed)).limit(1))[0] ??
    (await db.select(columns).from(products).where(eq(products.codeSearch, folded)).orderBy(products.code).limit(1))[0] ??
    (await db
      .select(columns)
      .from(products)
      .where(wordsMatch(products.search, typed))
      .orderBy(products.name, products.code)
      .limit(NAME_CANDIDATES)
      )
      .find((product) => foldForSearch(product.name) === folded) ??
    null
  );
}

/** Products whose names hold every word typed, for the message beside an unknown product (bounded). */
export async function suggestProducts(db: Db, typed: string): Promise<{ code: string; name: string }[]> {
  if (searchTerms(typed).length === 0) return [];
  return (await db
    .select({ code: products.code, name: products.name })
    .from(products)
    .where(wordsMatch(products.search, typed))
    .orderBy(products.name)
    .limit(SUGGESTIONS)
    );
}

/** The most values of each field offered for a product: the choice lists stay short whatever the inventory holds. */
export const MAX_LINE_CHOICES = 25;

/**
 * The editions, versions and resource usages a licence product already has
 * in the inventory of the customer in view (the accounts the viewer may see),
 * to pick from in the order form, so a new line is not made by a different
 * spelling of an existing one. Null when the product is unknown or is an
 * online service (which has none of them). Bounded: one distinct read of the
 * product's lines in scope, at most MAX_LINE_CHOICES × 3 combinations.
 */
export async function lineChoices(db: Db, viewer: Viewer, typed: string, locale: Locale): Promise<LineChoices | null> {
  const product = typed.trim() ? await findProduct(db, typed.trim()) : null;
  if (!product || isOnlineService(product)) return null;
  const rows = await db
    .selectDistinct({ edition: inventoryLines.edition, editionEn: inventoryLines.editionEn, version: inventoryLines.version, usage: inventoryLines.resourceUsage })
    .from(inventoryLines)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
    .where(and(accountScope(viewer), eq(inventoryLines.productId, product.id), eq(inventoryLines.kind, 'license')))
    .limit(MAX_LINE_CHOICES * 3);
  // Offered as the reader reads them: the edition's form and the usage's name in the reader's language (the form accepts either language back).
  const named = rows.map((row) => ({ edition: localName(row.edition, row.editionEn, locale), version: row.version, usage: row.usage && resourceUsageName(row.usage, locale) }));
  const values = (field: keyof LineChoices) =>
    [...new Set(named.map((row) => row[field]).filter(Boolean))].sort((a, b) => a.localeCompare(b, locale, { numeric: true })).slice(0, MAX_LINE_CHOICES);
  return { edition: values('edition'), version: values('version'), usage: values('usage') };
}

/** An online service is a subscription line; every other kind of product is a licence position (as the importer files them). */
const isOnlineService = (product: CatalogueProduct) => product.kind === 'online_service';

/**
 * A new order number: the partner's code and a sequence of its own
 * (`NWP-000042`), the next after the highest recorded so far. Runs inside
 * the immediate transaction, so two partners' users cannot take the same one;
 * the unique index would refuse it anyway.
 */
export async function nextOrderNumber(db: Db, partnerCode: string): Promise<string> {
  const prefix = `${partnerCode}-`;
  const last = (await db
    .select({ number: orders.number })
    .from(orders)
    .where(and(sql`${orders.number} like ${`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`, sql`substr(${orders.number}, ${prefix.length + 1}, 1) in ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9')`))
    .orderBy(desc(sql`length(${orders.number})`), desc(orders.number))
    .limit(1)
    )[0];
  let sequence = last ? Number(last.number.slice(prefix.length)) + 1 : 1;
  for (;;) {
    const number = `${prefix}${String(sequence).padStart(6, '0')}`;
    if (!(await db.select({ id: orders.id }).from(orders).where(eq(orders.number, number)).limit(1))[0]) return number;
    sequence += 1;
  }
}

/** The served account an order is for, or null (not served, or no such account: alike). */
async function servedAccount(db: Db, viewer: PartnerCustomerViewer, number: string) {
  return (
    (await db
      .select({ id: purchaseAccounts.id, number: purchaseAccounts.number, agreementId: purchaseAccounts.agreementId, customerId: purchaseAccounts.customerId })
      .from(purchaseAccounts)
      .where(and(accountScope(viewer), eq(purchaseAccounts.number, number)))
      .limit(1))[0] ?? null
  );
}

/** What the catalogue checks of an item: the product typed, and what only a licence has. */
type ItemAsTyped = Pick<OrderItemForm, 'product' | 'edition' | 'version' | 'usage' | 'sa'>;

/**
 * Checks every item against the catalogue; the products found, or the
 * messages to show. Also called on a form that has other mistakes, so that
 * one answer says everything to correct.
 */
export async function checkItems(db: Db, items: ItemAsTyped[]): Promise<{ products: CatalogueProduct[] } | { itemErrors: Record<number, Partial<Record<ItemField, FieldMessage>>> }> {
  const found: CatalogueProduct[] = [];
  const itemErrors: Record<number, Partial<Record<ItemField, FieldMessage>>> = {};
  for (const [index, item] of items.entries()) {
    if (!item.product.trim()) continue;
    const product = (await findProduct(db, item.product.trim()));
    const errors: Partial<Record<ItemField, FieldMessage>> = {};
    if (!product) {
      const suggestions = (await suggestProducts(db, item.product.trim()));
      errors.product = suggestions.length
        ? { message: 'productSuggestions', values: { suggestions: suggestions.map((s) => `${s.code} (${s.name})`).join(' ; ') } }
        : { message: 'productUnknown' };
    } else if (isOnlineService(product)) {
      // What only a licence has would be lost on a subscription line: say so rather than drop it.
      if (item.sa) errors.sa = { message: 'saLicencesOnly' };
      for (const field of ['edition', 'version', 'usage'] as const) if (item[field].trim()) errors[field] = { message: 'licencesOnly' };
    }
    if (Object.keys(errors).length) itemErrors[index] = errors;
    if (product) found.push(product);
  }
  return Object.keys(itemErrors).length ? { itemErrors } : { products: found };
}

/**
 * Records an order of the viewer's partner on one of the accounts it serves
 * for the customer in view, once per key.
 */
export async function recordOrder(db: Db, viewer: Viewer, form: OrderForm, options: WriteOptions): Promise<OnceOutcome<RecordOutcome>> {
  if (!mayRecordOrders(viewer)) return { kind: 'not-found' };
  const now = options.now ?? Date.now;
  // Inside applyOnce's transaction: every statement goes through its handle.
  const write = async (db: Db): Promise<RecordOutcome> => {
    const account = (await servedAccount(db, viewer, form.account));
    if (!account) return { kind: 'not-found' };
    const checked = await checkItems(db, form.items);
    if ('itemErrors' in checked) return { kind: 'invalid', errors: {}, itemErrors: checked.itemErrors };
    // One customer's inventory is written by one transaction at a time (taken first, so that writers of one
    // customer never wait for each other in a circle), and the partner's orders are numbered one at a time:
    // the next number is read and taken with nothing in between.
    await lockRow(db, 'customers', account.customerId);
    await lockRow(db, 'partners', viewer.partner.id);

    const number = (await nextOrderNumber(db, viewer.partner.code));
    const prices = form.items.map((item) => unitPriceMinorOf(form, item));
    const orEmpty = (text: string | undefined) => text?.trim() || null;
    const { id: orderId } = (await db
        .insert(orders)
        .values({
          number,
          orderedOn: options.today,
          // Its effects are applied as it is recorded: nothing is left to process.
          status: 'completed',
          partnerId: viewer.partner.id,
          purchaseAccountId: account.id,
          customerId: account.customerId,
          agreementId: account.agreementId,
          customerPoNumber: form.po,
          currency: form.currency ?? null,
          billToName: orEmpty(form.billToName),
          billToAddress: orEmpty(form.billToAddress),
          shipToName: orEmpty(form.shipToName),
          shipToAddress: orEmpty(form.shipToAddress),
          // Kept on write (db/schema.ts): the page, its CSV and its printout read it.
          totalMinor: orderTotalMinor(form.items.map((item, index) => ({ quantity: item.quantity, unitPriceMinor: prices[index] ?? null }))),
          numberSearch: foldForSearch(number),
          customerPoSearch: foldForSearch(form.po),
          createdByUserId: viewer.userId,
          createdAt: now(),
        })
        .returning({ id: orders.id }))[0]!;
    // The account's order count is kept on write (./figures.ts).
    await db.update(purchaseAccounts).set({ orderCount: sql`${purchaseAccounts.orderCount} + 1` }).where(eq(purchaseAccounts.id, account.id));
    const ledger = createLedgerWriter(db, { now });
    for (const [index, item] of form.items.entries()) {
      const product = checked.products[index]!;
      const online = isOnlineService(product);
      await db.insert(orderItems)
        .values({
          orderId,
          position: index + 1,
          productId: product.id,
          edition: online ? '' : item.edition,
          version: online ? '' : item.version,
          resourceUsage: online ? '' : usageOf(item.usage),
          quantity: item.quantity,
          withSoftwareAssurance: !online && item.sa,
          termMonths: online ? item.term : null,
          unitPriceMinor: prices[index] ?? null,
        })
        ;
      const source = { occurredOn: options.today, kind: 'order' as const, orderId, authorUserId: viewer.userId };
      if (online) {
        const line = (await subscriptionLine(db, ledger, account.id, product.id));
        const ordered = line.ordered + item.quantity;
        const termEnds = addMonths(options.today, item.term);
        await recordTransaction(
          db,
          {
            ...source,
            lineId: line.id,
            orderedDelta: item.quantity,
            availableDelta: Math.max(0, ordered - line.available),
            nextExpiration: line.nextExpiration && line.nextExpiration > termEnds ? line.nextExpiration : termEnds,
          },
          { now },
        );
      } else {
        const lineId = (await licenceLine(db, ledger, account.id, product.id, item));
        await recordTransaction(db, { ...source, lineId, licenseDelta: item.quantity, saDelta: item.sa ? item.quantity : 0 }, { now });
      }
    }
    await recordAudit(db, {
      action: 'order_recorded',
      userId: viewer.userId,
      entity: 'order',
      entityId: number,
      details: { account: account.number, po: form.po, items: form.items.length },
      customerId: viewer.customer.id,
      partnerId: viewer.partner.id,
      address: options.address ?? null,
      at: now(),
    });
    return { kind: 'recorded', orderId, number };
  };
  return (await applyOnce(db, viewer.userId, form.key, write, (outcome) => (outcome.kind === 'recorded' ? options.resultPath(outcome) : null), now));
}

/** The account's subscription line of a product, created empty (its counts come from its transactions) when it has none. */
async function subscriptionLine(db: Db, ledger: ReturnType<typeof createLedgerWriter>, accountId: number, productId: number) {
  // Looked for and created by one writer at a time: never two lines for one account and product.
  await lockUntilCommit(db, 'account-product-lines', [accountId, productId]);
  const columns = { id: inventoryLines.id, available: inventoryLines.availableCount, ordered: inventoryLines.orderedCount, nextExpiration: inventoryLines.nextExpiration };
  const where = and(eq(inventoryLines.purchaseAccountId, accountId), eq(inventoryLines.productId, productId), eq(inventoryLines.kind, 'subscription'));
  const existing = (await db.select(columns).from(inventoryLines).where(where).limit(1))[0];
  if (existing) return existing;
  const id = await ledger.insertLine(
    { kind: 'subscription', purchaseAccountId: accountId, productId, edition: '', version: '', resourceUsage: '', packageId: null, nextExpiration: null, search: foldForSearch('') },
    [],
  );
  return { id, available: 0, ordered: 0, nextExpiration: null };
}

/** The stored code of a resource usage as typed (validated by orderItemSchema). */
const usageOf = (typed: string): string => resourceUsageCode(typed) ?? typed;

/** The account's licence position of a product, edition, version and resource usage bought separately; created empty when new. */
async function licenceLine(db: Db, ledger: ReturnType<typeof createLedgerWriter>, accountId: number, productId: number, item: OrderItemForm): Promise<number> {
  await lockUntilCommit(db, 'account-product-lines', [accountId, productId]);
  const existing = (await db
    .select({ id: inventoryLines.id })
    .from(inventoryLines)
    .where(
      and(
        eq(inventoryLines.purchaseAccountId, accountId),
        eq(inventoryLines.productId, productId),
        eq(inventoryLines.kind, 'license'),
        // The edition as typed, in either of its languages.
        or(eq(inventoryLines.edition, item.edition), eq(inventoryLines.editionEn, item.edition)),
        eq(inventoryLines.version, item.version),
        eq(inventoryLines.resourceUsage, usageOf(item.usage)),
        sql`${inventoryLines.packageId} is null`,
      ),
    )
    .limit(1))[0];
  if (existing) return existing.id;
  return ledger.insertLine(
    {
      kind: 'license',
      purchaseAccountId: accountId,
      productId,
      edition: item.edition,
      version: item.version,
      resourceUsage: usageOf(item.usage),
      packageId: null,
      nextExpiration: null,
      search: foldForSearch(item.edition, item.version, ...resourceUsageNames(usageOf(item.usage))),
    },
    [],
  );
}

/** An order of the viewer's partner that it recorded in the portal, on an account it serves for the customer in view. */
async function recordedOrder(db: Db, viewer: PartnerCustomerViewer, number: string) {
  return (
    (await db
      .select({ id: orders.id, number: orders.number, orderedOn: orders.orderedOn, status: orders.status, accountNumber: purchaseAccounts.number })
      .from(orders)
      .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, orders.purchaseAccountId))
      .where(and(accountScope(viewer), eq(orders.number, number), eq(orders.partnerId, viewer.partner.id), isNotNull(orders.createdByUserId)))
      .limit(1))[0] ?? null
  );
}

/** The last day an order of `orderedOn` may be cancelled. */
export const lastDayToCancel = (orderedOn: string) => addDays(orderedOn, CANCEL_WINDOW_DAYS);

/** Whether the viewer may cancel this order today (the order page shows the button only then). */
export async function mayCancelOrder(db: Db, viewer: Viewer, number: string, today: string): Promise<boolean> {
  if (!mayRecordOrders(viewer)) return false;
  const order = (await recordedOrder(db, viewer, number));
  return order !== null && order.status !== 'cancelled' && today <= lastDayToCancel(order.orderedOn);
}

export const cancelFormSchema = z.object({ key: idempotencyKeySchema, number: z.string().min(1).max(64) });
export type CancelForm = z.infer<typeof cancelFormSchema>;

export type CancelOutcome =
  | { kind: 'cancelled'; number: string }
  | { kind: 'not-found' }
  /** Why it cannot be cancelled (catalogue key of orders.cancel.errors). */
  | { kind: 'refused'; message: 'alreadyCancelled' | 'tooLate' | 'cannotReverse'; values?: Record<string, string> };

/** Cancels an order the viewer's partner recorded, within the window, once per key. */
export async function cancelOrder(db: Db, viewer: Viewer, form: CancelForm, options: WriteOptions): Promise<OnceOutcome<CancelOutcome>> {
  if (!mayRecordOrders(viewer)) return { kind: 'not-found' };
  const now = options.now ?? Date.now;
  // Inside applyOnce's transaction: every statement goes through its handle.
  const write = async (db: Db): Promise<CancelOutcome> => {
    const found = (await recordedOrder(db, viewer, form.number));
    if (!found) return { kind: 'not-found' };
    // The customer's inventory first (as every inventory write), then the order: two cancellations of one
    // order (two forms, two tabs) take turns, and the second reads the status the first left.
    await lockRow(db, 'customers', viewer.customer.id);
    await lockRow(db, 'orders', found.id);
    const order = (await recordedOrder(db, viewer, form.number))!;
    if (order.status === 'cancelled') return { kind: 'refused', message: 'alreadyCancelled' };
    if (options.today > lastDayToCancel(order.orderedOn)) return { kind: 'refused', message: 'tooLate', values: { date: lastDayToCancel(order.orderedOn) } };
    const effects = (await db
      .select({
        lineId: inventoryTransactions.lineId,
        licenseDelta: inventoryTransactions.licenseDelta,
        saDelta: inventoryTransactions.saDelta,
        availableDelta: inventoryTransactions.availableDelta,
        orderedDelta: inventoryTransactions.orderedDelta,
        expirationBefore: inventoryTransactions.expirationBefore,
        expirationAfter: inventoryTransactions.expirationAfter,
      })
      .from(inventoryTransactions)
      .where(and(eq(inventoryTransactions.orderId, order.id), eq(inventoryTransactions.kind, 'order')))
      .orderBy(desc(inventoryTransactions.id))
      );
    try {
      // A savepoint: a reversal that does not fit (a count that fell since, below what the order added) leaves nothing behind.
      (await withTransaction(db, async (tx) => {
        for (const effect of effects) {
          const expiration = (await tx.select({ next: inventoryLines.nextExpiration }).from(inventoryLines).where(eq(inventoryLines.id, effect.lineId)).limit(1))[0]!.next;
          await recordTransaction(
            tx,
            {
              lineId: effect.lineId,
              occurredOn: options.today,
              kind: 'cancellation',
              licenseDelta: -effect.licenseDelta,
              saDelta: -effect.saDelta,
              availableDelta: -effect.availableDelta,
              orderedDelta: -effect.orderedDelta,
              orderId: order.id,
              authorUserId: viewer.userId,
              // The expiration goes back only if nothing moved it since the order did.
              ...(effect.expirationAfter !== null && expiration === effect.expirationAfter ? { nextExpiration: effect.expirationBefore } : {}),
            },
            { now },
          );
        }
      }));
    } catch (error) {
      if (error instanceof LedgerError) return { kind: 'refused', message: 'cannotReverse' };
      throw error;
    }
    await db.update(orders).set({ status: 'cancelled', cancelledOn: options.today }).where(eq(orders.id, order.id));
    await recordAudit(db, {
      action: 'order_cancelled',
      userId: viewer.userId,
      entity: 'order',
      entityId: order.number,
      details: { account: order.accountNumber },
      customerId: viewer.customer.id,
      partnerId: viewer.partner.id,
      address: options.address ?? null,
      at: now(),
    });
    return { kind: 'cancelled', number: order.number };
  };
  return (await applyOnce(db, viewer.userId, form.key, write, (outcome) => (outcome.kind === 'cancelled' ? options.resultPath(outcome) : null), now));
}
