/**
 * Locks by meaning, held until the end of the transaction, for writes that
 * read several rows and must not interleave with another transaction doing
 * the same (a summary recomputed from its lines, an import).
 *
 * SQLite needs none of them: a write transaction holds the database's one
 * write lock from its first statement (BEGIN IMMEDIATE). On PostgreSQL,
 * transaction-scoped advisory locks (`pg_advisory_xact_lock`) keyed by a
 * scope and the ids involved; in READ COMMITTED every statement after the
 * lock is granted sees what the previous holder committed. Keys are the
 * two-integer form (scope, hash of the ids): a hash collision only makes two
 * unrelated writers wait for each other, never lets two related ones in.
 */
import { forUpdateOf } from './dialect';
import { connectionOf, type Db } from './handle';
import { statement } from './statements';

/** What is locked; the number is the first half of the advisory lock key. */
const SCOPES = {
  /** One product summary row (customer, partner, product, package). */
  'product-summary': 1,
  /** Every summary of one customer: shared by a summary's refresh, exclusive for an import's rebuild. */
  'customer-summaries': 2,
  /** The import: one at a time. */
  import: 3,
  /** The lines of one product on one account, while one is looked for and perhaps created. */
  'account-product-lines': 4,
} as const;

export type LockScope = keyof typeof SCOPES;

/** A 32-bit signed hash of the ids (FNV-1a), the second half of the key. */
function keyOf(ids: readonly number[]): number {
  let hash = 0x811c9dc5;
  for (const id of ids) {
    for (const char of `${id};`) {
      hash ^= char.charCodeAt(0);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  return hash | 0;
}

/**
 * Waits for, then holds until the transaction ends, the lock of `scope` and
 * `ids`; `shared` lets other shared holders in and keeps exclusive ones out.
 * `tx` must be a transaction's handle (withTransaction).
 */
export async function lockUntilCommit(tx: Db, scope: LockScope, ids: readonly number[], { shared = false } = {}): Promise<void> {
  if (connectionOf(tx).engine !== 'postgres') return;
  await statement(tx, `select ${shared ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(cast(? as integer), cast(? as integer))`).get(SCOPES[scope], keyOf(ids));
}

/**
 * Tries the lock of `scope` and `ids` without waiting: true when this
 * transaction now holds it (until it ends), false when another does. On
 * SQLite, true (the write lock already keeps others out).
 */
export async function tryLockUntilCommit(tx: Db, scope: LockScope, ids: readonly number[]): Promise<boolean> {
  if (connectionOf(tx).engine !== 'postgres') return true;
  const row = await statement<{ locked: number }>(tx, 'select pg_try_advisory_xact_lock(cast(? as integer), cast(? as integer)) as locked').get(SCOPES[scope], keyOf(ids));
  return row?.locked === 1;
}

/** Tables whose rows are locked by `lockRow`, each for a reason given where it is called. */
type LockedTable = 'customers' | 'partners' | 'orders' | 'inventory_lines';

/**
 * Locks one row until the transaction ends (PostgreSQL's `select … for no
 * key update`), so that what the transaction reads of it next, and decides from,
 * cannot change under it — and a second transaction doing the same waits, then
 * reads what the first committed. SQLite: nothing to do (its write lock).
 */
export async function lockRow(tx: Db, table: LockedTable, id: number): Promise<void> {
  if (connectionOf(tx).engine !== 'postgres') return;
  await statement(tx, `select t.id from ${table} t where t.id = ?${forUpdateOf(tx, 't')}`).get(id);
}
