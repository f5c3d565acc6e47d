/**
 * The organisations of an import: partners, customers, agreements, purchase
 * accounts (docs/import-format.md).
 * Each writer updates by natural key, counts what it did in the summary and
 * uses statements prepared once (docs/performance.md); its new rows are
 * written together at its end (context.newRows), and known by id from then on.
 */
import 'server-only';
import type { ImportDocument } from '../schema';
import { foldForSearch } from '@/lib/search/normalize';
import type { WriteContext } from './context';

/** Partners (key `code`). */
export async function writePartners(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, newRows, progress, count, state } = context;
  const created = newRows('partners', ['code', 'name', 'contact_email', 'contact_phone']);
  const update = prepare('update partners set name = ?, contact_email = ?, contact_phone = ? where id = ?');
  for (const p of doc.partners ?? []) {
    const row = { code: p.code, name: p.name, contactEmail: p.contactEmail ?? null, contactPhone: p.contactPhone ?? null };
    const stored = state.partners.byKey.get(p.code);
    if (!stored) {
      created.add([row.code, row.name, row.contactEmail, row.contactPhone], (newId) => state.partners.add(p.code, { id: newId, ...row }));
      count('partners', 'created');
    } else if (stored.name !== row.name || stored.contactEmail !== row.contactEmail || stored.contactPhone !== row.contactPhone) {
      await update.run(row.name, row.contactEmail, row.contactPhone, stored.id);
      Object.assign(stored, row);
      count('partners', 'updated');
    } else count('partners', 'unchanged');
    progress();
  }
  await created.flush();
}

/** Customers (key `number`); a renamed customer counts as touched. */
export async function writeCustomers(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, newRows, at, progress, touched, count, state } = context;
  const created = newRows('customers', ['number', 'legal_name', 'legal_name_search', 'data_updated_at', 'created_at']);
  const update = prepare('update customers set legal_name = ?, legal_name_search = ? where id = ?');
  for (const c of doc.customers ?? []) {
    const search = foldForSearch(c.legalName);
    const stored = state.customers.byKey.get(c.number);
    if (!stored) {
      created.add([c.number, c.legalName, search, at, at], (newId) => state.customers.add(c.number, { id: newId, number: c.number, legalName: c.legalName, legalNameSearch: search }));
      count('customers', 'created');
    } else if (stored.legalName !== c.legalName || stored.legalNameSearch !== search) {
      await update.run(c.legalName, search, stored.id);
      Object.assign(stored, { legalName: c.legalName, legalNameSearch: search });
      touched.add(stored.id);
      count('customers', 'updated');
    } else count('customers', 'unchanged');
    progress();
  }
  await created.flush();
}

/** Agreements (key `number`). */
export async function writeAgreements(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, newRows, progress, touched, count, id, state } = context;
  const created = newRows('agreements', ['number', 'customer_id', 'name', 'starts_on', 'ends_on', 'search']);
  const update = prepare('update agreements set customer_id = ?, name = ?, starts_on = ?, ends_on = ?, search = ? where id = ?');
  for (const a of doc.agreements ?? []) {
    const row = {
      customerId: id(state.customers, a.customer),
      name: a.name ?? null,
      startsOn: a.startsOn ?? null,
      endsOn: a.endsOn ?? null,
    };
    const stored = state.agreements.byKey.get(a.number);
    if (!stored) {
      created.add([a.number, row.customerId, row.name, row.startsOn, row.endsOn, foldForSearch(a.number, row.name)], (newId) =>
        state.agreements.add(a.number, { id: newId, number: a.number, ...row }),
      );
      touched.add(row.customerId);
      count('agreements', 'created');
    } else if (stored.customerId !== row.customerId || stored.name !== row.name || stored.startsOn !== row.startsOn || stored.endsOn !== row.endsOn) {
      await update.run(row.customerId, row.name, row.startsOn, row.endsOn, foldForSearch(a.number, row.name), stored.id);
      touched.add(stored.customerId);
      touched.add(row.customerId);
      Object.assign(stored, row);
      count('agreements', 'updated');
    } else count('agreements', 'unchanged');
    progress();
  }
  await created.flush();
}

/** Purchase accounts (key `number`). */
export async function writePurchaseAccounts(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, newRows, fold, progress, touched, count, id, state } = context;
  const created = newRows('purchase_accounts', ['number', 'name', 'name_search', 'city', 'country', 'location_search', 'customer_id', 'agreement_id', 'partner_id']);
  const update = prepare(
    `update purchase_accounts set name = ?, name_search = ?, city = ?, country = ?, location_search = ?,
            customer_id = ?, agreement_id = ?, partner_id = ? where id = ?`,
  );
  for (const a of doc.purchaseAccounts ?? []) {
    const row = {
      name: a.name,
      nameSearch: foldForSearch(a.name),
      city: a.city,
      country: a.country,
      locationSearch: fold(a.city, a.country),
      customerId: id(state.customers, a.customer),
      agreementId: id(state.agreements, a.agreement),
      partnerId: id(state.partners, a.partner),
    };
    const stored = state.accounts.byKey.get(a.number);
    if (!stored) {
      created.add([a.number, row.name, row.nameSearch, row.city, row.country, row.locationSearch, row.customerId, row.agreementId, row.partnerId], (newId) =>
        state.accounts.add(a.number, { id: newId, number: a.number, ...row }),
      );
      touched.add(row.customerId);
      count('purchaseAccounts', 'created');
    } else if ((Object.keys(row) as (keyof typeof row)[]).some((field) => stored[field] !== row[field])) {
      await update.run(row.name, row.nameSearch, row.city, row.country, row.locationSearch, row.customerId, row.agreementId, row.partnerId, stored.id);
      touched.add(stored.customerId);
      touched.add(row.customerId);
      Object.assign(stored, row);
      count('purchaseAccounts', 'updated');
    } else count('purchaseAccounts', 'unchanged');
    progress();
  }
  await created.flush();
}
