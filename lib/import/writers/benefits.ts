/**
 * The Software Assurance benefits of an import.
 * Each writer updates by natural key, counts what it did in the summary and
 * uses statements prepared once (docs/performance.md); new benefits are
 * written together at the writer's end (context.newRows).
 */
import 'server-only';
import { englishOf, frenchOf, type ImportDocument } from '../schema';
import { benefitKey } from '../state';
import type { WriteContext } from './context';

/** Software Assurance benefits (key account, benefit, expiry). */
export async function writeBenefits(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { prepare, newRows, progress, touchAccount, count, id, state } = context;
  const created = newRows('software_assurance_benefits', ['purchase_account_id', 'benefit', 'benefit_en', 'entitled', 'used', 'expires_on']);
  const update = prepare('update software_assurance_benefits set benefit_en = ?, entitled = ?, used = ? where id = ?');
  for (const b of doc.benefits ?? []) {
    const name = frenchOf(b.benefit);
    const benefitEn = englishOf(b.benefit);
    const key = benefitKey(b.account, name, b.expires);
    const stored = state.benefits.byKey.get(key);
    const accountId = id(state.accounts, b.account);
    if (!stored) {
      created.add([accountId, name, benefitEn, b.entitled, b.used, b.expires], (newId) =>
        state.benefits.add(key, { id: newId, purchaseAccountId: accountId, benefit: name, benefitEn, entitled: b.entitled, used: b.used, expiresOn: b.expires }),
      );
      touchAccount(accountId);
      count('benefits', 'created');
    } else if (stored.entitled !== b.entitled || stored.used !== b.used || stored.benefitEn !== benefitEn) {
      await update.run(benefitEn, b.entitled, b.used, stored.id);
      Object.assign(stored, { benefitEn, entitled: b.entitled, used: b.used });
      touchAccount(accountId);
      count('benefits', 'updated');
    } else count('benefits', 'unchanged');
    progress();
  }
  await created.flush();
}
