/**
 * The holdings of an import — licence positions and online service
 * subscriptions — and their counts, always through the ledger
 * (lib/inventory/ledger.ts).
 * Each writer updates by natural key, counts what it did in the summary and
 * uses statements prepared once (docs/performance.md). New lines, their
 * transactions, the transactions appended to stored lines and the changes of
 * stored lines are queued and written many rows a statement (the ledger's
 * batch, db/batch.ts): on PostgreSQL a statement per row would be a round
 * trip to the server per row.
 */
import 'server-only';
import { englishOf, frenchOf, usageCodeOf, type ImportDocument } from '../schema';
import { licenseKey, subscriptionKey } from '../state';
import { IMPORT_NOTE, resourceUsageNames } from '@/lib/i18n/names';
import { givenLicenseTransactions, givenSubscriptionTransactions, planTransactions, type GivenTransaction } from '../validate';
import { updateMany } from '@/db/batch';
import type { Param } from '@/db/statements';
import type { NewLine } from '@/lib/inventory/ledger';
import type { WriteContext } from './context';

/** The note on the transactions the importer writes itself (opening balances, adjustments), shown in the reader's language. */
export { IMPORT_NOTE };

/**
 * Writes one line of the file: a new line with its opening balance or the
 * file's history, or the stored line brought to what the file says (an
 * adjustment for a changed count, the file's transactions it lacks).
 */
function lineWriter(context: WriteContext) {
  const { db, prepare, at, day, prune, summary, ledger, batch, progress, touchAccount, count, id, state, plans } = context;
  // Changes of stored lines (edition, package, expiration, search), one per line, written by flush().
  let lineUpdates: Param[][] = [];
  // New lines queued in the batch, until their ids are known and they are in state.lines.
  const pendingKeys = new Set<string>();
  const translateNote = prepare('update inventory_transactions set note_en = ? where id = ?');
  const orderNumberOf = (orderId: number) => state.orders.keyOf.get(orderId);
  const toEntry = (t: GivenTransaction) => ({
    occurredOn: t.date,
    kind: t.kind,
    licenseDelta: t.licenseDelta,
    saDelta: t.saDelta,
    availableDelta: t.availableDelta,
    orderedDelta: t.orderedDelta,
    orderId: t.order === null ? null : id(state.orders, t.order),
    note: t.note,
    noteEn: t.noteEn,
  });

  const write = async (
    type: 'licensePositions' | 'subscriptions',
    key: string,
    fields: Omit<NewLine, 'purchaseAccountId'> & { accountId: number },
    stated: { licenseCount: number; saCount: number; availableCount: number; orderedCount: number },
    given: GivenTransaction[] | null,
    entry: object,
  ) => {
    // A line of the file already queued would be found by key only once written (the file's keys are unique: never, in fact).
    if (pendingKeys.has(key)) await batch.flush();
    const line = state.lines.byKey.get(key);
    if (!line) {
      // A new line: its counts are its opening balance, or the sums of the file's history.
      const entries =
        given ??
        [{ date: day, kind: 'opening_balance' as const, licenseDelta: stated.licenseCount, saDelta: stated.saCount, availableDelta: stated.availableCount, orderedDelta: stated.orderedCount, order: null, note: IMPORT_NOTE, noteEn: null }];
      summary.transactions.created += entries.length;
      const sum = (field: 'licenseDelta' | 'saDelta' | 'availableDelta' | 'orderedDelta') => entries.reduce((total, t) => total + t[field], 0);
      const stored = {
        kind: fields.kind,
        purchaseAccountId: fields.accountId,
        productId: fields.productId,
        edition: fields.edition,
        editionEn: fields.editionEn ?? null,
        version: fields.version,
        resourceUsage: fields.resourceUsage,
        packageId: fields.packageId,
        licenseCount: sum('licenseDelta'),
        saCount: sum('saDelta'),
        availableCount: sum('availableDelta'),
        orderedCount: sum('orderedDelta'),
        nextExpiration: fields.nextExpiration,
        search: fields.search,
      };
      pendingKeys.add(key);
      await batch.insertLine({ ...fields, purchaseAccountId: fields.accountId }, entries.map(toEntry), (newId) => {
        pendingKeys.delete(key);
        state.lines.add(key, { id: newId, ...stored });
      });
      touchAccount(fields.accountId);
      count(type, 'created');
      progress();
      return;
    }
    let changed = false;
    if (
      line.edition !== fields.edition ||
      (line.editionEn ?? null) !== (fields.editionEn ?? null) ||
      line.packageId !== fields.packageId ||
      line.nextExpiration !== fields.nextExpiration ||
      line.search !== fields.search
    ) {
      lineUpdates.push([line.id, fields.edition, fields.editionEn ?? null, fields.packageId, fields.nextExpiration, fields.search, at]);
      Object.assign(line, { edition: fields.edition, editionEn: fields.editionEn ?? null, packageId: fields.packageId, nextExpiration: fields.nextExpiration, search: fields.search });
      changed = true;
    }
    const append = async (t: GivenTransaction) => {
      await batch.append({ lineId: line.id, ...toEntry(t) });
      summary.transactions.created++;
      changed = true;
    };
    if (given === null) {
      // No history in the file: an adjustment for a difference with the stored counts.
      const delta = {
        licenseDelta: stated.licenseCount - line.licenseCount,
        saDelta: stated.saCount - line.saCount,
        availableDelta: stated.availableCount - line.availableCount,
        orderedDelta: stated.orderedCount - line.orderedCount,
      };
      if (Object.values(delta).some((value) => value !== 0)) {
        await append({ date: day, kind: 'adjustment', ...delta, order: null, note: IMPORT_NOTE, noteEn: null });
      }
    } else {
      const plan = plans.get(entry) ?? planTransactions(given, state.transactions?.get(line.id) ?? [], orderNumberOf);
      for (const index of plan.toAppend) await append(given[index]!);
      for (const { id: transactionId, noteEn } of plan.translated) {
        await translateNote.run(noteEn, transactionId);
        changed = true;
      }
      if (prune) {
        for (const row of plan.unlisted) {
          await ledger.remove(row.id);
          summary.transactions.deleted++;
          changed = true;
        }
      }
    }
    if (changed) touchAccount(fields.accountId);
    count(type, changed ? 'updated' : 'unchanged');
    progress();
  };
  /** Writes what is queued: the new lines and every transaction (their ids then in state.lines), then the changes of stored lines. */
  const flush = async () => {
    await batch.flush();
    const updates = lineUpdates;
    lineUpdates = [];
    await updateMany(db, 'inventory_lines', { set: ['edition', 'edition_en', 'package_id', 'next_expiration', 'search', 'updated_at'] }, updates);
  };
  return { write, flush };
}

/** Licence positions and online service subscriptions, their counts through the ledger: opening balances, adjustments and the file's transactions. */
export async function writeHoldings(context: WriteContext, doc: ImportDocument): Promise<void> {
  const { fold, id, state } = context;
  const { write: writeLine, flush } = lineWriter(context);

  for (const p of doc.licensePositions ?? []) {
    const edition = frenchOf(p.edition);
    const editionEn = englishOf(p.edition);
    const version = p.version ?? '';
    const resourceUsage = usageCodeOf(p.resourceUsage);
    await writeLine(
      'licensePositions',
      licenseKey(p.account, p.product, edition, version, resourceUsage, p.package ?? null),
      {
        kind: 'license',
        accountId: id(state.accounts, p.account),
        productId: id(state.products, p.product),
        edition,
        editionEn,
        version,
        resourceUsage,
        packageId: p.package === undefined ? null : id(state.packages, p.package),
        nextExpiration: null,
        search: fold(edition, editionEn ?? '', version, ...resourceUsageNames(resourceUsage)),
      },
      { licenseCount: p.licenseCount, saCount: p.saCount, availableCount: 0, orderedCount: 0 },
      p.transactions ? givenLicenseTransactions(p) : null,
      p,
    );
  }
  for (const s of doc.subscriptions ?? []) {
    const edition = frenchOf(s.edition);
    const editionEn = englishOf(s.edition);
    await writeLine(
      'subscriptions',
      subscriptionKey(s.account, s.product),
      {
        kind: 'subscription',
        accountId: id(state.accounts, s.account),
        productId: id(state.products, s.product),
        edition,
        editionEn,
        version: '',
        resourceUsage: '',
        packageId: s.package === undefined ? null : id(state.packages, s.package),
        nextExpiration: s.nextExpiration,
        search: fold(edition, editionEn ?? ''),
      },
      { licenseCount: 0, saCount: 0, availableCount: s.available, orderedCount: s.ordered },
      s.transactions ? givenSubscriptionTransactions(s) : null,
      s,
    );
  }
  // Before the next writers and the summaries, which read the lines.
  await flush();
}
