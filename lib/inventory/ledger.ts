/**
 * The ledger: the only write path of inventory counts. Transactions are the
 * source of truth: a line's licence, SA, available and ordered
 * counts are always the sums of its inventory_transactions, because every
 * transaction is written here together with the change of the line's counts,
 * in the same database transaction.
 *
 * - recordTransaction(): what features use (orders, self-provisioning): checks
 *   the entry against the line and records it.
 * - createLedgerWriter(): the same two statements prepared once, for bulk
 *   writers (the importer) that validated their input beforehand.
 * - createLedgerBatch(): new lines and transactions queued and written many
 *   rows a statement (db/batch.ts), for the importer on PostgreSQL, where
 *   every statement is a round trip to the server.
 *
 * Each change also refreshes the line's product summary (./summaries.ts), so
 * the all-accounts inventory never has to add up every line.
 */
import 'server-only';
import type { Db } from '@/db/client';
import { forUpdateOf } from '@/db/dialect';
import { lockUntilCommit } from '@/db/locks';
import { withTransaction } from '@/db/transaction';
import type { LineKind, TransactionKind } from '@/db/schema';
import { createSummaryRefresher } from './summaries';
import { statement, type Param } from '@/db/statements';
import { BATCH_ROWS, insertMany, updateMany } from '@/db/batch';

export interface LineCounts {
  licenseCount: number;
  saCount: number;
  availableCount: number;
  orderedCount: number;
}

export interface LedgerEntry {
  lineId: number;
  /** YYYY-MM-DD: the day the change took effect. */
  occurredOn: string;
  kind: TransactionKind;
  licenseDelta?: number;
  saDelta?: number;
  availableDelta?: number;
  orderedDelta?: number;
  orderId?: number | null;
  /** The portal user who caused it; null for imports. */
  authorUserId?: number | null;
  note?: string | null;
  /** The note's English form, when it has one (a remark imported in both languages). */
  noteEn?: string | null;
  /**
   * Moves the line's next expiration to this date (null: none). The
   * transaction keeps the date before and after, so that the move shows in
   * the history and a cancellation can put it back. Left out: unchanged.
   */
  nextExpiration?: string | null;
}

export interface RecordedTransaction {
  transactionId: number;
  lineId: number;
  /** The line's counts after the transaction. */
  counts: LineCounts;
}

/** A transaction that does not fit its line (wrong kind of delta, count going below zero, unknown line). */
export class LedgerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerError';
  }
}

/** A new inventory line, for LedgerWriter.insertLine (its counts come from its transactions). */
export interface NewLine {
  kind: LineKind;
  purchaseAccountId: number;
  productId: number;
  edition: string;
  /** The edition's English form; null or absent: the same as `edition`. */
  editionEn?: string | null;
  version: string;
  resourceUsage: string;
  packageId: number | null;
  nextExpiration: string | null;
  search: string;
}

export interface LedgerWriter {
  /** Inserts the transaction and adds its deltas to the line's counts; returns the transaction id. No checks. */
  append(entry: LedgerEntry): Promise<number>;
  /**
   * Inserts a new line whose counts are the sums of `entries`, and the
   * entries as its transactions (one statement fewer per line than an empty
   * line then append(), for bulk imports); returns the line id. No checks.
   */
  insertLine(line: NewLine, entries: Omit<LedgerEntry, 'lineId'>[]): Promise<number>;
  /** Deletes a transaction and takes its deltas off the line's counts. */
  remove(transactionId: number): Promise<void>;
}

interface StoredDeltas {
  line_id: number;
  license_delta: number;
  sa_delta: number;
  available_delta: number;
  ordered_delta: number;
}

/**
 * Prepared statements for many transactions inside one database transaction
 * the caller opens. Callers check their entries first (see recordTransaction
 * for the rules); the invariant counts = sums holds whatever they write.
 */
export function createLedgerWriter(
  db: Db,
  options: {
    now?: () => number;
    /**
     * `each` (the default): every change refreshes its line's product summary
     * (./summaries.ts) at once. `deferred`: the caller rebuilds the summaries
     * of what it touched before it commits (the importer, which also changes
     * lines and accounts outside the ledger).
     */
    summaries?: 'each' | 'deferred';
  } = {},
): LedgerWriter {
  const now = options.now ?? Date.now;
  const summaries = options.summaries === 'deferred' ? null : createSummaryRefresher(db);
  const insert = statement(
    db,
    `insert into inventory_transactions
       (line_id, occurred_on, kind, license_delta, sa_delta, available_delta, ordered_delta, order_id, author_user_id, note, note_en,
        expiration_before, expiration_after, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const expirationOf = statement<{ next_expiration: string | null }>(db, 'select next_expiration from inventory_lines where id = ?');
  const moveExpiration = statement(db, 'update inventory_lines set next_expiration = ? where id = ?');
  const addToLine = statement(
    db,
    `update inventory_lines
        set license_count = license_count + ?, sa_count = sa_count + ?,
            available_count = available_count + ?, ordered_count = ordered_count + ?, updated_at = ?
      where id = ?`,
  );
  const insertLine = statement(
    db,
    `insert into inventory_lines
       (kind, purchase_account_id, product_id, edition, edition_en, version, resource_usage, package_id,
        license_count, sa_count, available_count, ordered_count, next_expiration, search, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOnly = async (entry: LedgerEntry, at: number, expiration: { before: string | null; after: string | null } | null = null) =>
    await insert.insert(
      entry.lineId,
      entry.occurredOn,
      entry.kind,
      entry.licenseDelta ?? 0,
      entry.saDelta ?? 0,
      entry.availableDelta ?? 0,
      entry.orderedDelta ?? 0,
      entry.orderId ?? null,
      entry.authorUserId ?? null,
      entry.note ?? null,
      entry.noteEn ?? null,
      expiration?.before ?? null,
      expiration?.after ?? null,
      at,
    );
  const deleteTransaction = statement<StoredDeltas>(
    db,
    `delete from inventory_transactions where id = ?
     returning line_id, license_delta, sa_delta, available_delta, ordered_delta`,
  );
  return {
    async append(entry) {
      const license = entry.licenseDelta ?? 0;
      const sa = entry.saDelta ?? 0;
      const available = entry.availableDelta ?? 0;
      const ordered = entry.orderedDelta ?? 0;
      const at = now();
      let expiration: { before: string | null; after: string | null } | null = null;
      if (entry.nextExpiration !== undefined) {
        expiration = { before: (await expirationOf.get(entry.lineId))?.next_expiration ?? null, after: entry.nextExpiration };
        await moveExpiration.run(entry.nextExpiration, entry.lineId);
      }
      const transactionId = await insertOnly(entry, at, expiration);
      await addToLine.run(license, sa, available, ordered, at, entry.lineId);
      await summaries?.refreshLine(entry.lineId);
      return transactionId;
    },
    async insertLine(line, entries) {
      const at = now();
      const sum = (field: 'licenseDelta' | 'saDelta' | 'availableDelta' | 'orderedDelta') =>
        entries.reduce((total, entry) => total + (entry[field] ?? 0), 0);
      const lineId = await insertLine.insert(
          line.kind,
          line.purchaseAccountId,
          line.productId,
          line.edition,
          line.editionEn ?? null,
          line.version,
          line.resourceUsage,
          line.packageId,
          sum('licenseDelta'),
          sum('saDelta'),
          sum('availableDelta'),
          sum('orderedDelta'),
          line.nextExpiration,
          line.search,
          at,
        );
      for (const entry of entries) await insertOnly({ ...entry, lineId }, at);
      await summaries?.refreshLine(lineId);
      return lineId;
    },
    async remove(transactionId) {
      const removed = (await deleteTransaction.get(transactionId));
      if (!removed) return;
      await addToLine.run(-removed.license_delta, -removed.sa_delta, -removed.available_delta, -removed.ordered_delta, now(), removed.line_id);
      await summaries?.refreshLine(removed.line_id);
    },
  };
}

/** The columns of a new line and of a transaction, in the order of the rows the batch writes. */
const LINE_COLUMNS = [
  'kind', 'purchase_account_id', 'product_id', 'edition', 'edition_en', 'version', 'resource_usage', 'package_id',
  'license_count', 'sa_count', 'available_count', 'ordered_count', 'next_expiration', 'search', 'updated_at',
] as const;
const TRANSACTION_COLUMNS = [
  'line_id', 'occurred_on', 'kind', 'license_delta', 'sa_delta', 'available_delta', 'ordered_delta', 'order_id', 'author_user_id', 'note', 'note_en',
  'expiration_before', 'expiration_after', 'created_at',
] as const;
const COUNT_COLUMNS = ['license_count', 'sa_count', 'available_count', 'ordered_count'] as const;

/** A transaction the batch appends to an existing line; it never moves the line's next expiration (the importer's do not). */
export type BatchedEntry = Omit<LedgerEntry, 'nextExpiration'>;

export interface LedgerBatch {
  /**
   * Queues a new line whose counts are the sums of `entries`, with the
   * entries as its transactions; `written` is given the line's id once it is
   * written — when the queue is full, or at flush() at the latest.
   */
  insertLine(line: NewLine, entries: Omit<BatchedEntry, 'lineId'>[], written: (lineId: number) => void): Promise<void>;
  /** Queues a transaction on a stored line, and the change of the line's counts by its deltas. */
  append(entry: BatchedEntry): Promise<void>;
  /** Writes everything queued. Before the caller's transaction commits, and before anything reads what was queued. */
  flush(): Promise<void>;
}

/**
 * The ledger's bulk writes, queued and written many rows a statement: the
 * new lines, then every transaction in the order queued (ids ascending as
 * they would be written one by one), then the stored lines' counts, added up
 * per line. On SQLite each row is still one prepared statement (as cheap as
 * it gets there); on PostgreSQL a few statements per thousands of rows
 * instead of a round trip per row (db/batch.ts). The counts of every line
 * stay the sums of its transactions once flushed, in the caller's
 * transaction. No checks (the caller validated its input), and no summary
 * refresh: the caller rebuilds the summaries of what it touched before it
 * commits, as the importer does.
 */
export function createLedgerBatch(db: Db, options: { now?: () => number } = {}): LedgerBatch {
  const now = options.now ?? Date.now;
  let lines: { row: Param[]; written: (lineId: number) => void }[] = [];
  // A transaction of a new line holds the line's place in `lines` until the line has its id.
  let transactions: { row: Param[]; newLine: number | null }[] = [];
  let counts = new Map<number, { deltas: number[]; at: number }>();

  const transactionRow = (entry: Omit<BatchedEntry, 'lineId'>, lineId: number | null, at: number): Param[] => [
    lineId, entry.occurredOn, entry.kind, entry.licenseDelta ?? 0, entry.saDelta ?? 0, entry.availableDelta ?? 0, entry.orderedDelta ?? 0,
    entry.orderId ?? null, entry.authorUserId ?? null, entry.note ?? null, entry.noteEn ?? null, null, null, at,
  ];
  const flush = async () => {
    const queuedLines = lines;
    const queuedTransactions = transactions;
    const queuedCounts = counts;
    lines = [];
    transactions = [];
    counts = new Map();
    const lineIds = await insertMany(db, 'inventory_lines', LINE_COLUMNS, queuedLines.map((line) => line.row));
    queuedLines.forEach((line, index) => line.written(lineIds[index]!));
    for (const transaction of queuedTransactions) if (transaction.newLine !== null) transaction.row[0] = lineIds[transaction.newLine]!;
    await insertMany(db, 'inventory_transactions', TRANSACTION_COLUMNS, queuedTransactions.map((transaction) => transaction.row));
    await updateMany(db, 'inventory_lines', { set: ['updated_at'], add: COUNT_COLUMNS }, [...queuedCounts].map(([lineId, change]) => [lineId, change.at, ...change.deltas]));
  };
  const flushWhenFull = async () => {
    if (lines.length >= BATCH_ROWS || transactions.length >= BATCH_ROWS) await flush();
  };
  return {
    async insertLine(line, entries, written) {
      const at = now();
      const sum = (field: 'licenseDelta' | 'saDelta' | 'availableDelta' | 'orderedDelta') => entries.reduce((total, entry) => total + (entry[field] ?? 0), 0);
      const newLine = lines.length;
      lines.push({
        row: [
          line.kind, line.purchaseAccountId, line.productId, line.edition, line.editionEn ?? null, line.version, line.resourceUsage, line.packageId,
          sum('licenseDelta'), sum('saDelta'), sum('availableDelta'), sum('orderedDelta'), line.nextExpiration, line.search, at,
        ],
        written,
      });
      for (const entry of entries) transactions.push({ row: transactionRow(entry, null, at), newLine });
      await flushWhenFull();
    },
    async append(entry) {
      const at = now();
      transactions.push({ row: transactionRow(entry, entry.lineId, at), newLine: null });
      // The line's counts move by the sum of its queued deltas; it is dated by the last of them, as one by one.
      const change = counts.get(entry.lineId) ?? { deltas: [0, 0, 0, 0], at };
      change.deltas[0]! += entry.licenseDelta ?? 0;
      change.deltas[1]! += entry.saDelta ?? 0;
      change.deltas[2]! += entry.availableDelta ?? 0;
      change.deltas[3]! += entry.orderedDelta ?? 0;
      change.at = at;
      counts.set(entry.lineId, change);
      await flushWhenFull();
    },
    flush,
  };
}

interface LineRow {
  kind: LineKind;
  license_count: number;
  sa_count: number;
  available_count: number;
  ordered_count: number;
  customer_id: number;
}

/**
 * Records one transaction on a line and updates its counts and its
 * customer's dataUpdatedAt, atomically (a savepoint when the caller already
 * is in a transaction). Throws a LedgerError, writing nothing, when:
 * the line does not exist; a licence position gets available/ordered deltas
 * or a subscription licence/SA deltas; a self-provisioning changes ordered
 * subscriptions; every delta is zero; a count would fall below zero.
 */
export async function recordTransaction(db: Db, entry: LedgerEntry, options: { now?: () => number } = {}): Promise<RecordedTransaction> {
  const now = options.now ?? Date.now;
  // One transaction (a savepoint inside a caller's): the line is read, checked and written with nothing in between.
  return withTransaction(db, async (tx): Promise<RecordedTransaction> => {
    // PostgreSQL: never while an import writes (it holds this lock exclusively); ledger writers share it.
    await lockUntilCommit(tx, 'import', [0], { shared: true });
    // The line's row stays locked until the commit (PostgreSQL; SQLite's write lock already covers it), so that
    // two writers cannot both check the same counts and both write.
    const line = await statement<LineRow>(
      tx,
      `select l.kind, l.license_count, l.sa_count, l.available_count, l.ordered_count, a.customer_id
           from inventory_lines l join purchase_accounts a on a.id = l.purchase_account_id
          where l.id = ?${forUpdateOf(tx, 'l')}`,
    ).get(entry.lineId);
    if (!line) throw new LedgerError(`inventory line ${entry.lineId} does not exist`);
    const license = entry.licenseDelta ?? 0;
    const sa = entry.saDelta ?? 0;
    const available = entry.availableDelta ?? 0;
    const ordered = entry.orderedDelta ?? 0;
    for (const value of [license, sa, available, ordered]) {
      if (!Number.isSafeInteger(value)) throw new LedgerError('deltas must be whole numbers');
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.occurredOn)) throw new LedgerError('occurredOn must be a date written YYYY-MM-DD');
    if (line.kind === 'license' && (available !== 0 || ordered !== 0)) {
      throw new LedgerError('a licence position has licence and SA counts, not available and ordered subscriptions');
    }
    if (line.kind === 'subscription' && (license !== 0 || sa !== 0)) {
      throw new LedgerError('an online service subscription has available and ordered subscriptions, not licence and SA counts');
    }
    if (entry.kind === 'self_provisioning' && ordered !== 0) {
      throw new LedgerError('self-provisioning raises available subscriptions only, never ordered ones');
    }
    if (license === 0 && sa === 0 && available === 0 && ordered === 0 && entry.nextExpiration === undefined) throw new LedgerError('the transaction changes nothing');
    if (entry.nextExpiration !== undefined) {
      if (line.kind !== 'subscription') throw new LedgerError('only an online service subscription has a next expiration');
      if (entry.nextExpiration !== null && !/^\d{4}-\d{2}-\d{2}$/.test(entry.nextExpiration)) throw new LedgerError('nextExpiration must be a date written YYYY-MM-DD');
    }
    const counts: LineCounts = {
      licenseCount: line.license_count + license,
      saCount: line.sa_count + sa,
      availableCount: line.available_count + available,
      orderedCount: line.ordered_count + ordered,
    };
    for (const [name, value] of Object.entries(counts)) {
      if (value < 0) throw new LedgerError(`${name} would become ${value}`);
    }
    const transactionId = await createLedgerWriter(tx, { now }).append(entry);
    await statement(tx, 'update customers set data_updated_at = ? where id = ?').run(now(), line.customer_id);
    return { transactionId, lineId: entry.lineId, counts };
  });
}

export interface LedgerDiscrepancy {
  lineId: number;
  stored: LineCounts;
  sums: LineCounts;
}

/** Lines whose stored counts differ from the sums of their transactions (always empty unless someone wrote around the ledger). */
export async function ledgerDiscrepancies(db: Db): Promise<LedgerDiscrepancy[]> {
  const rows = (await statement<{
        id: number;
        license_count: number;
        sa_count: number;
        available_count: number;
        ordered_count: number;
        license_sum: number;
        sa_sum: number;
        available_sum: number;
        ordered_sum: number;
      }>(db, 
      `select l.id, l.license_count, l.sa_count, l.available_count, l.ordered_count,
              coalesce(t.license_sum, 0) as license_sum, coalesce(t.sa_sum, 0) as sa_sum,
              coalesce(t.available_sum, 0) as available_sum, coalesce(t.ordered_sum, 0) as ordered_sum
         from inventory_lines l
         left join (select line_id, sum(license_delta) as license_sum, sum(sa_delta) as sa_sum,
                           sum(available_delta) as available_sum, sum(ordered_delta) as ordered_sum
                      from inventory_transactions group by line_id) t on t.line_id = l.id
        where l.license_count != coalesce(t.license_sum, 0) or l.sa_count != coalesce(t.sa_sum, 0)
           or l.available_count != coalesce(t.available_sum, 0) or l.ordered_count != coalesce(t.ordered_sum, 0)`,
    )
    .all());
  return rows.map((row) => ({
    lineId: row.id,
    stored: { licenseCount: row.license_count, saCount: row.sa_count, availableCount: row.available_count, orderedCount: row.ordered_count },
    sums: { licenseCount: row.license_sum, saCount: row.sa_sum, availableCount: row.available_sum, orderedCount: row.ordered_sum },
  }));
}
