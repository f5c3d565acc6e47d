/**
 * `withTransaction(db, async (tx) => …)`: the one way to start a transaction.
 *
 * SQLite (one connection per process): the transaction waits for its turn on
 * the connection's queue (db/handle.ts), runs `BEGIN IMMEDIATE` — the write
 * lock first, so that another process writing meanwhile (an import, a backup,
 * a second server process) makes it wait for the busy timeout instead of
 * failing at its first write — awaits the callback with its own handle `tx`,
 * then `COMMIT`, or `ROLLBACK` on any error, which goes out unchanged. While
 * it is open, statements of the plain handle wait behind it, so nothing of
 * another request can join it. Called with a `tx`, it nests as a SAVEPOINT.
 *
 * PostgreSQL (a pool of connections, db/postgres.ts): the transaction holds
 * one pooled connection, begins at the isolation the caller asks (read
 * committed by default), and is run again, at most three times in all, when
 * it loses to a concurrent one (a serialization failure or a deadlock). So
 * the callback must be safe to run again: no e-mail or other outside effect
 * inside it.
 */
import { connectionOf, inTurn, refuseInsideOwnTransaction, runningTransaction, transactionHandle, transactionOf, type Db } from './handle';
import { postgresSavepoint, postgresTransaction } from './postgres';

export interface TransactionOptions {
  /** The isolation an engine with several connections must give this transaction; SQLite's is always serializable. */
  isolation?: 'read committed' | 'serializable';
}

export async function withTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const connection = connectionOf(db);
  const outer = transactionOf(db);
  // A new transaction started with the plain handle inside one's own callback would wait for that one
  // forever (SQLite's queue) or run beside it (PostgreSQL): refused, as any statement of the plain handle there.
  if (!outer) refuseInsideOwnTransaction(connection);
  if (connection.engine === 'postgres') {
    if (!outer) return postgresTransaction(connection, fn, options.isolation ?? 'read committed');
    if (outer.ended) throw new Error('A transaction handle was used after its transaction ended.');
    return postgresSavepoint(outer, () => fn(db));
  }
  if (outer) {
    if (outer.ended || connection.open !== outer) throw new Error('A transaction handle was used after its transaction ended.');
    const name = `nested_${++outer.savepoints}`;
    connection.sqlite.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn(db);
      connection.sqlite.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      if (connection.sqlite.inTransaction) {
        connection.sqlite.exec(`ROLLBACK TO ${name}`);
        connection.sqlite.exec(`RELEASE ${name}`);
      }
      throw error;
    } finally {
      outer.savepoints -= 1;
    }
  }
  return inTurn(connection, async () => {
    connection.sqlite.exec('BEGIN IMMEDIATE');
    const open = transactionHandle(connection);
    connection.open = open;
    try {
      const result = await runningTransaction.run({ connection, open }, () => fn(open.handle));
      connection.sqlite.exec('COMMIT');
      return result;
    } catch (error) {
      // SQLite may have rolled back already (a full disk, an I/O error).
      if (connection.sqlite.inTransaction) connection.sqlite.exec('ROLLBACK');
      throw error;
    } finally {
      open.ended = true;
      connection.open = null;
    }
  });
}
