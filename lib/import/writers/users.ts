/**
 * The users of an import and their grants.
 * Each writer updates by natural key, counts what it did in the summary and
 * uses statements prepared once (docs/performance.md).
 */
import 'server-only';
import type { ImportDocument } from '../schema';
import { type GrantRow } from '../state';
import { foldForSearch } from '@/lib/search/normalize';
import type { WriteContext } from './context';

/** Users and their grants: never an existing user's password; grants replaced, sessions ended when they change. */
export async function writeUsers(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, at, progress, count, id, state, passwordHashes } = context;
  const insert = prepare(
    'insert into users (email, name, locale, password_hash, active, receives_notices, created_at, name_search) values (?, ?, ?, ?, ?, ?, ?, ?) returning id',
  );
  const update = prepare(
    'update users set name = ?, locale = ?, active = ?, receives_notices = ?, session_version = session_version + ?, name_search = ? where id = ?',
  );
  const insertGrant = prepare('insert into grants (user_id, role, customer_id, partner_id) values (?, ?, ?, ?) returning id');
  const insertGrantAccount = prepare('insert into grant_accounts (grant_id, purchase_account_id) values (?, ?)');
  const deleteGrantAccounts = prepare('delete from grant_accounts where grant_id in (select id from grants where user_id = ?)');
  const deleteGrants = prepare('delete from grants where user_id = ?');
  const signature = (grants: Omit<GrantRow, 'id' | 'userId'>[]) =>
    grants
      .map((g) => JSON.stringify([g.role, g.customerId, g.partnerId, [...new Set(g.accountIds)].sort((a, b) => a - b)]))
      .sort()
      .join('\n');

  for (const u of doc.users ?? []) {
    const email = u.email.toLowerCase();
    const grants = u.grants.map((g) => ({
      role: g.role,
      customerId: g.role === 'partner_user' ? null : id(state.customers, g.customer),
      partnerId: g.role === 'partner_user' ? id(state.partners, g.partner) : null,
      accountIds: g.role === 'account_viewer' ? [...new Set(g.accounts.map((number) => id(state.accounts, number)))] : [],
    }));
    let stored = state.users.byKey.get(email);
    const created = !stored;
    let grantsChanged = false;
    let changed = false;
    if (!stored) {
      const row = {
        email,
        name: u.name,
        locale: u.locale ?? null,
        passwordHash: passwordHashes.get(email) ?? null,
        active: u.active === false ? 0 : 1,
        receivesNotices: u.receivesNotices === false ? 0 : 1,
      };
      const newId = Number((await insert.get(row.email, row.name, row.locale, row.passwordHash, row.active, row.receivesNotices, at, foldForSearch(row.name, row.email)))!.id);
      stored = { id: newId, ...row, rememberedAccountId: null };
      state.users.add(email, stored);
      grantsChanged = grants.length > 0;
    } else {
      const row = {
        name: u.name,
        locale: u.locale ?? stored.locale,
        active: u.active === undefined ? stored.active : u.active ? 1 : 0,
        receivesNotices: u.receivesNotices === undefined ? stored.receivesNotices : u.receivesNotices ? 1 : 0,
      };
      grantsChanged = signature(state.grants.get(stored.id) ?? []) !== signature(grants);
      const signOut = grantsChanged || (stored.active === 1 && row.active === 0);
      if (signOut || stored.name !== row.name || stored.locale !== row.locale || stored.active !== row.active || stored.receivesNotices !== row.receivesNotices) {
        await update.run(row.name, row.locale, row.active, row.receivesNotices, signOut ? 1 : 0, foldForSearch(row.name, stored.email), stored.id);
        Object.assign(stored, row);
        changed = true;
      }
    }
    if (grantsChanged) {
      await deleteGrantAccounts.run(stored.id);
      await deleteGrants.run(stored.id);
      for (const g of grants) {
        const grantId = Number((await insertGrant.get(stored.id, g.role, g.customerId, g.partnerId))!.id);
        for (const accountId of g.accountIds) await insertGrantAccount.run(grantId, accountId);
      }
    }
    count('users', created ? 'created' : changed ? 'updated' : 'unchanged');
    progress();
  }
}
