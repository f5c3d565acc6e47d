/**
 * The orders of an import, with their items.
 * Each writer updates by natural key, counts what it did in the summary and
 * uses statements prepared once (docs/performance.md).
 */
import 'server-only';
import { englishOf, frenchOf, toMinorUnits, usageCodeOf, type ImportDocument } from '../schema';
import { orderTotalMinor } from '@/lib/orders/money';
import { foldForSearch } from '@/lib/search/normalize';
import type { WriteContext } from './context';

/** Orders and their items (by position, part of the order). */
export async function writeOrders(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, at, progress, touchAccount, count, id, state } = context;
  const insert = prepare(
    `insert into orders (number, ordered_on, status, partner_id, purchase_account_id, agreement_id, customer_po_number,
                         bill_to_name, bill_to_address, ship_to_name, ship_to_address, currency, created_at, number_search, customer_po_search)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
  );
  const update = prepare(
    `update orders set ordered_on = ?, status = ?, partner_id = ?, purchase_account_id = ?, agreement_id = ?, customer_po_number = ?,
            bill_to_name = ?, bill_to_address = ?, ship_to_name = ?, ship_to_address = ?, currency = ?, customer_po_search = ? where id = ?`,
  );
  const insertItem = prepare(
    `insert into order_items (order_id, position, product_id, edition, edition_en, version, resource_usage, quantity, with_software_assurance,
                              term_months, unit_price_minor)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateItem = prepare(
    `update order_items set product_id = ?, edition = ?, edition_en = ?, version = ?, resource_usage = ?, quantity = ?, with_software_assurance = ?,
            term_months = ?, unit_price_minor = ? where id = ?`,
  );
  const deleteItem = prepare('delete from order_items where id = ?');
  // The order's total is kept on write (db/schema.ts), from the items as imported.
  const setTotal = prepare('update orders set total_minor = ? where id = ? and total_minor is distinct from ?');
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
    const values = [
      row.orderedOn,
      row.status,
      row.partnerId,
      row.purchaseAccountId,
      row.agreementId,
      row.customerPoNumber,
      row.billToName,
      row.billToAddress,
      row.shipToName,
      row.shipToAddress,
      row.currency,
    ];
    let stored = state.orders.byKey.get(o.number);
    const created = !stored;
    let changed = false;
    if (!stored) {
      const newId = Number((await insert.get(o.number, ...values, at, foldForSearch(o.number), foldForSearch(row.customerPoNumber)))!.id);
      stored = { id: newId, number: o.number, ...row };
      state.orders.add(o.number, stored);
    } else if ((Object.keys(row) as (keyof typeof row)[]).some((field) => stored![field] !== row[field])) {
      await update.run(...values, foldForSearch(row.customerPoNumber), stored.id);
      touchAccount(stored.purchaseAccountId);
      Object.assign(stored, row);
      changed = true;
    }
    const itemRows: { quantity: number; unitPriceMinor: number | null }[] = [];
    const storedItems = new Map((state.orderItems.get(stored.id) ?? []).map((item) => [item.position, item]));
    for (const [index, item] of o.items.entries()) {
      const position = index + 1;
      const itemRow = {
        productId: id(state.products, item.product),
        edition: frenchOf(item.edition),
        editionEn: englishOf(item.edition),
        version: item.version ?? '',
        resourceUsage: usageCodeOf(item.resourceUsage),
        quantity: item.quantity,
        withSoftwareAssurance: item.softwareAssurance ? 1 : 0,
        termMonths: item.termMonths ?? null,
        unitPriceMinor: item.unitPrice === undefined ? null : toMinorUnits(item.unitPrice, o.currency),
      };
      itemRows.push(itemRow);
      const itemValues = Object.values(itemRow);
      const existing = storedItems.get(position);
      storedItems.delete(position);
      if (!existing) {
        await insertItem.run(stored.id, position, ...itemValues);
        changed = true;
      } else if ((Object.keys(itemRow) as (keyof typeof itemRow)[]).some((field) => existing[field] !== itemRow[field])) {
        await updateItem.run(...itemValues, existing.id);
        changed = true;
      }
    }
    for (const leftover of storedItems.values()) {
      await deleteItem.run(leftover.id);
      changed = true;
    }
    if (created || changed) {
      const total = orderTotalMinor(itemRows);
      await setTotal.run(total, stored.id, total);
    }
    if (created || changed) touchAccount(account.id);
    count('orders', created ? 'created' : changed ? 'updated' : 'unchanged');
    progress();
  }
}
