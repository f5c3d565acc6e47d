/**
 * The orders of an import, with their items.
 * Each writer updates by natural key and counts what it did in the summary.
 * Rows are written many a statement (db/batch.ts): new orders, then the items
 * of every order (a new order's items need its id), then the changes of
 * stored orders and items — on PostgreSQL each statement is a round trip.
 */
import 'server-only';
import { updateMany } from '@/db/batch';
import type { Param } from '@/db/statements';
import { englishOf, frenchOf, toMinorUnits, usageCodeOf, type ImportDocument } from '../schema';
import { orderTotalMinor } from '@/lib/orders/money';
import { foldForSearch } from '@/lib/search/normalize';
import type { WriteContext } from './context';

const ORDER_COLUMNS = [
  'ordered_on',
  'status',
  'partner_id',
  'purchase_account_id',
  'agreement_id',
  'customer_po_number',
  'bill_to_name',
  'bill_to_address',
  'ship_to_name',
  'ship_to_address',
  'currency',
] as const;
const ITEM_COLUMNS = [
  'product_id',
  'edition',
  'edition_en',
  'version',
  'resource_usage',
  'quantity',
  'with_software_assurance',
  'term_months',
  'unit_price_minor',
] as const;

/** Orders and their items (by position, part of the order). */
export async function writeOrders(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { db, prepare, newRows, at, progress, touchAccount, count, id, state } = context;
  const newOrders = newRows('orders', ['number', ...ORDER_COLUMNS, 'total_minor', 'created_at', 'number_search', 'customer_po_search']);
  const newItems = newRows('order_items', ['order_id', 'position', ...ITEM_COLUMNS]);
  /** Items of orders not yet written: queued once their order has its id. */
  const itemsAwaitingOrder: { order: { id: number }; values: Param[] }[] = [];
  const orderUpdates: Param[][] = [];
  const itemUpdates: Param[][] = [];
  // The order's total is kept on write (db/schema.ts), from the items as imported.
  const totalUpdates: Param[][] = [];
  const deleteItem = prepare('delete from order_items where id = ?');
  const leftovers: number[] = [];

  for (const o of doc.orders ?? []) {
    const account = state.accounts.byKey.get(o.account)!;
    const row = {
      orderedOn: o.date,
      status: o.status,
      partnerId: id(state.partners, o.partner),
      purchaseAccountId: account.id,
      agreementId: account.agreementId,
      customerPoNumber: o.customerPoNumber ?? null,
      billToName: o.billTo?.name ?? null,
      billToAddress: o.billTo?.address ?? null,
      shipToName: o.shipTo?.name ?? null,
      shipToAddress: o.shipTo?.address ?? null,
      currency: o.currency ?? null,
    };
    const values: Param[] = Object.values(row);
    const items = o.items.map((item) => ({
      productId: id(state.products, item.product),
      edition: frenchOf(item.edition),
      editionEn: englishOf(item.edition),
      version: item.version ?? '',
      resourceUsage: usageCodeOf(item.resourceUsage),
      quantity: item.quantity,
      withSoftwareAssurance: item.softwareAssurance ? 1 : 0,
      termMonths: item.termMonths ?? null,
      unitPriceMinor: item.unitPrice === undefined ? null : toMinorUnits(item.unitPrice, o.currency),
    }));
    const total = orderTotalMinor(items);

    const stored = state.orders.byKey.get(o.number);
    if (!stored) {
      const order = { id: 0, number: o.number, ...row };
      newOrders.add([o.number, ...values, total, at, foldForSearch(o.number), foldForSearch(row.customerPoNumber)], (newId) => {
        order.id = newId;
        state.orders.add(o.number, order);
      });
      for (const [index, item] of items.entries()) itemsAwaitingOrder.push({ order, values: [index + 1, ...Object.values(item)] });
      touchAccount(account.id);
      count('orders', 'created');
      progress();
      continue;
    }

    let changed = false;
    if ((Object.keys(row) as (keyof typeof row)[]).some((field) => stored[field] !== row[field])) {
      orderUpdates.push([stored.id, ...values, foldForSearch(row.customerPoNumber)]);
      touchAccount(stored.purchaseAccountId);
      Object.assign(stored, row);
      changed = true;
    }
    const storedItems = new Map((state.orderItems.get(stored.id) ?? []).map((item) => [item.position, item]));
    for (const [index, item] of items.entries()) {
      const position = index + 1;
      const existing = storedItems.get(position);
      storedItems.delete(position);
      if (!existing) {
        newItems.add([stored.id, position, ...Object.values(item)], () => {});
        changed = true;
      } else if ((Object.keys(item) as (keyof typeof item)[]).some((field) => existing[field] !== item[field])) {
        itemUpdates.push([existing.id, ...Object.values(item)]);
        changed = true;
      }
    }
    for (const leftover of storedItems.values()) {
      leftovers.push(leftover.id);
      changed = true;
    }
    if (changed) {
      totalUpdates.push([stored.id, total]);
      touchAccount(account.id);
    }
    count('orders', changed ? 'updated' : 'unchanged');
    progress();
  }

  await newOrders.flush();
  for (const { order, values } of itemsAwaitingOrder) newItems.add([order.id, ...values], () => {});
  // Items removed before others are written: a position freed by one may be taken by another.
  for (const leftover of leftovers) await deleteItem.run(leftover);
  await newItems.flush();
  await updateMany(db, 'orders', { set: [...ORDER_COLUMNS, 'customer_po_search'] }, orderUpdates);
  await updateMany(db, 'order_items', { set: ITEM_COLUMNS }, itemUpdates);
  await updateMany(db, 'orders', { set: ['total_minor'] }, totalUpdates);
}
