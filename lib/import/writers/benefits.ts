/**
 * The Software Assurance benefits of an import.
 * Each writer updates by natural key, counts what it did in the summary and
 * uses statements prepared once (docs/performance.md).
 */
import 'server-only';
import type { ImportDocument } from '../schema';
import { benefitKey } from '../state';
import type { WriteContext } from './context';

/** Software Assurance benefits (key account, benefit, expiry). */
export async function writeBenefits(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, progress, touchAccount, count, id, state } = context;
  const insert = prepare('insert into software_assurance_benefits (purchase_account_id, benefit, entitled, used, expires_on) values (?, ?, ?, ?, ?) returning id');
  const update = prepare('update software_assurance_benefits set entitled = ?, used = ? where id = ?');
  for (const b of doc.benefits ?? []) {
    const key = benefitKey(b.account, b.benefit, b.expires);
    const stored = state.benefits.byKey.get(key);
    const accountId = id(state.accounts, b.account);
    if (!stored) {
      const newId = Number((await insert.get(accountId, b.benefit, b.entitled, b.used, b.expires))!.id);
      state.benefits.add(key, { id: newId, purchaseAccountId: accountId, benefit: b.benefit, entitled: b.entitled, used: b.used, expiresOn: b.expires });
      touchAccount(accountId);
      count('benefits', 'created');
    } else if (stored.entitled !== b.entitled || stored.used !== b.used) {
      await update.run(b.entitled, b.used, stored.id);
      Object.assign(stored, { entitled: b.entitled, used: b.used });
      touchAccount(accountId);
      count('benefits', 'updated');
    } else count('benefits', 'unchanged');
    progress();
  }
}
