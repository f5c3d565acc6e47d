/**
 * The organisations of an import: partners, customers, agreements, purchase
 * accounts (docs/import-format.md).
 * Each writer updates by natural key, counts what it did in the summary and
 * uses statements prepared once (docs/performance.md).
 */
import 'server-only';
import type { ImportDocument } from '../schema';
import { foldForSearch } from '@/lib/search/normalize';
import type { WriteContext } from './context';

/** Partners (key `code`). */
export async function writePartners(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, progress, count, state } = context;
  const insert = prepare('insert into partners (code, name, contact_email, contact_phone) values (?, ?, ?, ?) returning id');
  const update = prepare('update partners set name = ?, contact_email = ?, contact_phone = ? where id = ?');
  for (const p of doc.partners ?? []) {
    const row = { code: p.code, name: p.name, contactEmail: p.contactEmail ?? null, contactPhone: p.contactPhone ?? null };
    const stored = state.partners.byKey.get(p.code);
    if (!stored) {
      const newId = Number((await insert.get(row.code, row.name, row.contactEmail, row.contactPhone))!.id);
      state.partners.add(p.code, { id: newId, ...row });
      count('partners', 'created');
    } else if (stored.name !== row.name || stored.contactEmail !== row.contactEmail || stored.contactPhone !== row.contactPhone) {
      await update.run(row.name, row.contactEmail, row.contactPhone, stored.id);
      Object.assign(stored, row);
      count('partners', 'updated');
    } else count('partners', 'unchanged');
    progress();
  }
}

/** Customers (key `number`); a renamed customer counts as touched. */
export async function writeCustomers(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, at, progress, touched, count, state } = context;
  const insert = prepare('insert into customers (number, legal_name, legal_name_search, data_updated_at, created_at) values (?, ?, ?, ?, ?) returning id');
  const update = prepare('update customers set legal_name = ?, legal_name_search = ? where id = ?');
  for (const c of doc.customers ?? []) {
    const search = foldForSearch(c.legalName);
    const stored = state.customers.byKey.get(c.number);
    if (!stored) {
      const newId = Number((await insert.get(c.number, c.legalName, search, at, at))!.id);
      state.customers.add(c.number, { id: newId, number: c.number, legalName: c.legalName, legalNameSearch: search });
      count('customers', 'created');
    } else if (stored.legalName !== c.legalName || stored.legalNameSearch !== search) {
      await update.run(c.legalName, search, stored.id);
      Object.assign(stored, { legalName: c.legalName, legalNameSearch: search });
      touched.add(stored.id);
      count('customers', 'updated');
    } else count('customers', 'unchanged');
    progress();
  }
}

/** Agreements (key `number`). */
export async function writeAgreements(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, progress, touched, count, id, state } = context;
  const insert = prepare('insert into agreements (number, customer_id, name, starts_on, ends_on, search) values (?, ?, ?, ?, ?, ?) returning id');
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
      const newId = Number((await insert.get(a.number, row.customerId, row.name, row.startsOn, row.endsOn, foldForSearch(a.number, row.name)))!.id);
      state.agreements.add(a.number, { id: newId, number: a.number, ...row });
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
}

/** Purchase accounts (key `number`). */
export async function writePurchaseAccounts(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, fold, progress, touched, count, id, state } = context;
  const insert = prepare(
    `insert into purchase_accounts (number, name, name_search, city, country, location_search, customer_id, agreement_id, partner_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
  );
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
      const newId = Number((await insert.get(a.number, row.name, row.nameSearch, row.city, row.country, row.locationSearch, row.customerId, row.agreementId, row.partnerId))!.id);
      state.accounts.add(a.number, { id: newId, number: a.number, ...row });
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
}
