/**
 * The catalogue of an import: product families, products, packages and their
 * items.
 * Each writer updates by natural key, counts what it did in the summary and
 * uses statements prepared once (docs/performance.md); new families and
 * products are written together at the writer's end (context.newRows).
 */
import 'server-only';
import { englishOf, frenchOf, type ImportDocument } from '../schema';
import { packageItemKey } from '../state';
import { foldForSearch } from '@/lib/search/normalize';
import type { WriteContext } from './context';

/** Product families (key `code`). */
export async function writeProductFamilies(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, newRows, progress, count, state } = context;
  const created = newRows('product_families', ['code', 'name', 'name_en']);
  const update = prepare('update product_families set name = ?, name_en = ? where id = ?');
  for (const f of doc.productFamilies ?? []) {
    const stored = state.families.byKey.get(f.code);
    const name = frenchOf(f.name);
    const nameEn = englishOf(f.name);
    if (!stored) {
      created.add([f.code, name, nameEn], (newId) => state.families.add(f.code, { id: newId, code: f.code, name, nameEn }));
      count('productFamilies', 'created');
    } else if (stored.name !== name || stored.nameEn !== nameEn) {
      await update.run(name, nameEn, stored.id);
      Object.assign(stored, { name, nameEn });
      count('productFamilies', 'updated');
    } else count('productFamilies', 'unchanged');
    progress();
  }
  await created.flush();
}

/**
 * Products (key `code`); their search text is the product's names and its family's, in both languages, so that
 * either finds it, and a renamed family refreshes the products the file does not list.
 */
export async function writeProducts(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, newRows, progress, count, id, state } = context;
  const created = newRows('products', ['code', 'family_id', 'name', 'name_en', 'kind', 'management_url', 'search', 'code_search']);
  const update = prepare('update products set family_id = ?, name = ?, name_en = ?, kind = ?, management_url = ?, search = ? where id = ?');
  const familyNames = (familyId: number) => {
    const family = state.families.byId.get(familyId);
    return [family?.name ?? '', family?.nameEn ?? null];
  };
  const productSearch = (name: string, nameEn: string | null, familyId: number) => foldForSearch(name, nameEn, ...familyNames(familyId));
  const listed = new Set<string>();
  for (const p of doc.products ?? []) {
    listed.add(p.code);
    const familyId = id(state.families, p.family);
    const name = frenchOf(p.name);
    const nameEn = englishOf(p.name);
    const row = { familyId, name, nameEn, kind: p.kind, managementUrl: p.managementUrl ?? null, search: productSearch(name, nameEn, familyId) };
    const stored = state.products.byKey.get(p.code);
    if (!stored) {
      created.add([p.code, row.familyId, row.name, row.nameEn, row.kind, row.managementUrl, row.search, foldForSearch(p.code)], (newId) =>
        state.products.add(p.code, { id: newId, code: p.code, ...row }),
      );
      count('products', 'created');
    } else if (
      stored.familyId !== row.familyId ||
      stored.name !== row.name ||
      stored.nameEn !== row.nameEn ||
      stored.kind !== row.kind ||
      stored.managementUrl !== row.managementUrl ||
      stored.search !== row.search
    ) {
      await update.run(row.familyId, row.name, row.nameEn, row.kind, row.managementUrl, row.search, stored.id);
      Object.assign(stored, row);
      count('products', 'updated');
    } else count('products', 'unchanged');
    progress();
  }
  await created.flush();
  // A renamed family changes the search text of its products the file does not list.
  const updateSearch = prepare('update products set search = ? where id = ?');
  for (const stored of state.products.byId.values()) {
    if (listed.has(stored.code)) continue;
    const search = productSearch(stored.name, stored.nameEn, stored.familyId);
    if (search !== stored.search) {
      await updateSearch.run(search, stored.id);
      stored.search = search;
    }
  }
}

/** Packages and their items (the file's list of items replaces the stored one). */
export async function writePackages(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, progress, count, id, state } = context;
  const insert = prepare('insert into packages (code, name, name_en) values (?, ?, ?) returning id');
  const update = prepare('update packages set name = ?, name_en = ? where id = ?');
  const insertItem = prepare('insert into package_items (package_id, product_id, edition, version, quantity) values (?, ?, ?, ?, ?)');
  const updateItem = prepare('update package_items set quantity = ? where id = ?');
  const deleteItem = prepare('delete from package_items where id = ?');
  for (const p of doc.packages ?? []) {
    let stored = state.packages.byKey.get(p.code);
    let changed = false;
    const created = !stored;
    const name = frenchOf(p.name);
    const nameEn = englishOf(p.name);
    if (!stored) {
      const newId = Number((await insert.get(p.code, name, nameEn))!.id);
      stored = { id: newId, code: p.code, name, nameEn };
      state.packages.add(p.code, stored);
    } else if (stored.name !== name || stored.nameEn !== nameEn) {
      await update.run(name, nameEn, stored.id);
      Object.assign(stored, { name, nameEn });
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
