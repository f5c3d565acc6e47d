/**
 * The catalogue of an import: product families, products, packages and their
 * items.
 * Each writer updates by natural key, counts what it did in the summary and
 * uses statements prepared once (docs/performance.md).
 */
import 'server-only';
import type { ImportDocument } from '../schema';
import { packageItemKey } from '../state';
import { foldForSearch } from '@/lib/search/normalize';
import type { WriteContext } from './context';

/** Product families (key `code`). */
export async function writeProductFamilies(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, progress, count, state } = context;
  const insert = prepare('insert into product_families (code, name) values (?, ?) returning id');
  const update = prepare('update product_families set name = ? where id = ?');
  for (const f of doc.productFamilies ?? []) {
    const stored = state.families.byKey.get(f.code);
    if (!stored) {
      const newId = Number((await insert.get(f.code, f.name))!.id);
      state.families.add(f.code, { id: newId, code: f.code, name: f.name });
      count('productFamilies', 'created');
    } else if (stored.name !== f.name) {
      await update.run(f.name, stored.id);
      stored.name = f.name;
      count('productFamilies', 'updated');
    } else count('productFamilies', 'unchanged');
    progress();
  }
}

/** Products (key `code`); their search text is the product name and its family name, so a renamed family refreshes the products the file does not list. */
export async function writeProducts(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, progress, count, id, state } = context;
  const insert = prepare('insert into products (code, family_id, name, kind, management_url, search, code_search) values (?, ?, ?, ?, ?, ?, ?) returning id');
  const update = prepare('update products set family_id = ?, name = ?, kind = ?, management_url = ?, search = ? where id = ?');
  const familyName = (familyId: number) => state.families.byId.get(familyId)?.name ?? '';
  const listed = new Set<string>();
  for (const p of doc.products ?? []) {
    listed.add(p.code);
    const familyId = id(state.families, p.family);
    const row = { familyId, name: p.name, kind: p.kind, managementUrl: p.managementUrl ?? null, search: foldForSearch(p.name, familyName(familyId)) };
    const stored = state.products.byKey.get(p.code);
    if (!stored) {
      const newId = Number((await insert.get(p.code, row.familyId, row.name, row.kind, row.managementUrl, row.search, foldForSearch(p.code)))!.id);
      state.products.add(p.code, { id: newId, code: p.code, ...row });
      count('products', 'created');
    } else if (
      stored.familyId !== row.familyId ||
      stored.name !== row.name ||
      stored.kind !== row.kind ||
      stored.managementUrl !== row.managementUrl ||
      stored.search !== row.search
    ) {
      await update.run(row.familyId, row.name, row.kind, row.managementUrl, row.search, stored.id);
      Object.assign(stored, row);
      count('products', 'updated');
    } else count('products', 'unchanged');
    progress();
  }
  // A renamed family changes the search text of its products the file does not list.
  const updateSearch = prepare('update products set search = ? where id = ?');
  for (const stored of state.products.byId.values()) {
    if (listed.has(stored.code)) continue;
    const search = foldForSearch(stored.name, familyName(stored.familyId));
    if (search !== stored.search) {
      await updateSearch.run(search, stored.id);
      stored.search = search;
    }
  }
}

/** Packages and their items (the file's list of items replaces the stored one). */
export async function writePackages(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, progress, count, id, state } = context;
  const insert = prepare('insert into packages (code, name) values (?, ?) returning id');
  const update = prepare('update packages set name = ? where id = ?');
  const insertItem = prepare('insert into package_items (package_id, product_id, edition, version, quantity) values (?, ?, ?, ?, ?)');
  const updateItem = prepare('update package_items set quantity = ? where id = ?');
  const deleteItem = prepare('delete from package_items where id = ?');
  for (const p of doc.packages ?? []) {
    let stored = state.packages.byKey.get(p.code);
    let changed = false;
    const created = !stored;
    if (!stored) {
      const newId = Number((await insert.get(p.code, p.name))!.id);
      stored = { id: newId, code: p.code, name: p.name };
      state.packages.add(p.code, stored);
    } else if (stored.name !== p.name) {
      await update.run(p.name, stored.id);
      stored.name = p.name;
      changed = true;
    }
    const storedItems = new Map(
      (state.packageItems.get(stored.id) ?? []).map((item) => [
        packageItemKey(state.products.keyOf.get(item.productId) ?? '', item.edition, item.version),
        item,
      ]),
    );
    for (const item of p.items) {
      const itemKey = packageItemKey(item.product, item.edition ?? '', item.version ?? '');
      const existing = storedItems.get(itemKey);
      if (!existing) {
        await insertItem.run(stored.id, id(state.products, item.product), item.edition ?? '', item.version ?? '', item.quantity);
        changed = true;
      } else {
        storedItems.delete(itemKey);
        if (existing.quantity !== item.quantity) {
          await updateItem.run(item.quantity, existing.id);
          changed = true;
        }
      }
    }
    for (const leftover of storedItems.values()) {
      await deleteItem.run(leftover.id);
      changed = true;
    }
    count('packages', created ? 'created' : changed ? 'updated' : 'unchanged');
    progress();
  }
}
