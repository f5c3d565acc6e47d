/**
 * What every writer of an import shares (lib/import/writers/*): the
 * connection and its statement cache, the state loaded before the write
 * (rows by natural key, updated as rows are written), the summary, the
 * customers whose data changed, the date and clock of the import, and the
 * ledger writer. One context per import, inside its one transaction.
 */
import 'server-only';
import type { Db } from '@/db/client';
import { insertMany } from '@/db/batch';
import { statement, type Param, type Statement } from '@/db/statements';
import { createLedgerBatch, createLedgerWriter, type LedgerBatch, type LedgerWriter } from '@/lib/inventory/ledger';
import { foldForSearch } from '@/lib/search/normalize';
import { ENTITY_TYPES, type EntityType, type ImportDocument } from '../schema';
import type { ExistingState } from '../state';
import type { TransactionPlan } from '../validate';

export interface EntitySummary {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export type ImportSummary = Record<EntityType, EntitySummary> & {
  /** Inventory transactions appended (opening balances, adjustments, the file's) and removed (--prune). */
  transactions: { created: number; deleted: number };
};

export function emptySummary(): ImportSummary {
  const summary = { transactions: { created: 0, deleted: 0 } } as ImportSummary;
  for (const type of ENTITY_TYPES) summary[type] = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  return summary;
}

/** New rows of one table, queued and written together (db/batch.ts). */
export interface NewRows {
  /** Queues a row (values in the order of the columns); `written` is given its id when it is written. */
  add(values: Param[], written: (id: number) => void): void;
  /** Writes the queued rows: before anything needs their ids (the writer's end, at the latest). */
  flush(): Promise<void>;
}

export interface WriteContext {
  /** The import's transaction. */
  db: Db;
  /** A statement prepared once for the whole import (db/statements.ts). */
  prepare: (sql: string) => Statement<Record<string, unknown>>;
  /**
   * New rows of `table`, written many a statement rather than one by one: on
   * PostgreSQL each statement is a round trip to the server.
   */
  newRows: (table: string, columns: readonly string[]) => NewRows;
  /** The import's instant (every row it writes carries it) and its date (opening balances, adjustments). */
  at: number;
  day: string;
  prune: boolean;
  summary: ImportSummary;
  /** foldForSearch, memoised: editions, versions and places repeat across many lines. */
  fold: (...parts: string[]) => string;
  ledger: LedgerWriter;
  /** The ledger's bulk writes (new lines, appended transactions), many rows a statement; flushed by their writer before it returns. */
  batch: LedgerBatch;
  /** One more entry written (the progress callback is called at most ~200 times). */
  progress: () => void;
  /** Customers whose data changed: their dataUpdatedAt is set at the end. */
  touched: Set<number>;
  touchAccount: (accountId: number) => void;
  count: (type: EntityType, outcome: 'created' | 'updated' | 'unchanged') => void;
  /** The id of a row the file refers to by key (validated beforehand, so always found). */
  id: <Row extends { id: number }>(table: { byKey: Map<string, Row> }, key: string) => number;
  state: ExistingState;
  /** How each line's transactions are written (validate.ts planTransactions, computed while checking). */
  plans: Map<object, TransactionPlan>;
  /** Hashes of the new users' passwords, computed before the transaction. */
  passwordHashes: Map<string, string>;
  /** The number of entries in the file (for the progress callback). */
  total: number;
}

export function createWriteContext(
  db: Db,
  doc: ImportDocument,
  state: ExistingState,
  passwordHashes: Map<string, string>,
  plans: Map<object, TransactionPlan>,
  options: { now?: () => number; today: string; prune?: boolean; onProgress?: (done: number, total: number) => void },
): WriteContext {
  const at = (options.now ?? Date.now)();
  const summary = emptySummary();
  const folded = new Map<string, string>();
  const fold = (...parts: string[]): string => {
    const key = parts.join('\u001f');
    let value = folded.get(key);
    if (value === undefined) {
      value = foldForSearch(...parts);
      folded.set(key, value);
    }
    return value;
  };

  const total = ENTITY_TYPES.reduce((sum, type) => sum + (doc[type]?.length ?? 0), 0);
  let done = 0;
  const step = Math.max(1, Math.ceil(total / 200));
  const touched = new Set<number>();
  return {
    db,
    prepare: (sql) => statement(db, sql),
    newRows: (table, columns) => {
      let queued: { values: Param[]; written: (id: number) => void }[] = [];
      return {
        add: (values, written) => void queued.push({ values, written }),
        flush: async () => {
          const rows = queued;
          queued = [];
          const ids = await insertMany(db, table, columns, rows.map((row) => row.values));
          rows.forEach((row, index) => row.written(ids[index]!));
        },
      };
    },
    at,
    day: options.today,
    prune: options.prune ?? false,
    summary,
    fold,
    // The summaries of every customer touched are rebuilt once at the end (apply.ts), not line by line.
    ledger: createLedgerWriter(db, { now: () => at, summaries: 'deferred' }),
    batch: createLedgerBatch(db, { now: () => at }),
    progress: () => {
      done++;
      if (options.onProgress && (done % step === 0 || done === total)) options.onProgress(done, total);
    },
    touched,
    touchAccount: (accountId) => {
      const account = state.accounts.byId.get(accountId);
      if (account) touched.add(account.customerId);
    },
    count: (type, outcome) => summary[type][outcome]++,
    id: (table, key) => {
      const row = table.byKey.get(key);
      if (!row) throw new Error(`internal: ${key} was validated but is not resolved`);
      return row.id;
    },
    state,
    plans,
    passwordHashes,
    total,
  };
}
