import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { secondConnection } from '@/tests/helpers/connections';
import { createTestDb, onPostgres } from '@/tests/helpers/db';
import type { Db } from './client';
import { classifyDatabaseError } from './errors';
import { workerLeases } from './schema';
import { withTransaction } from './transaction';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});

const lease = (name: string, expiresAt = 1) => ({ name, holder: 'test', expiresAt });
const names = async () => (await db.select({ name: workerLeases.name }).from(workerLeases).orderBy(workerLeases.name)).map((row) => row.name);

describe('withTransaction', () => {
  it('commits what the callback wrote and answers its result', async () => {
    const result = await withTransaction(db, async (tx) => {
      await tx.insert(workerLeases).values(lease('a'));
      return 'done';
    });
    expect(result).toBe('done');
    expect(await names()).toEqual(['a']);
  });

  it('rolls back everything the callback wrote when it throws, and the error goes out unchanged', async () => {
    const failure = new Error('the change failed');
    await expect(
      withTransaction(db, async (tx) => {
        await tx.insert(workerLeases).values(lease('first'));
        await tx.insert(workerLeases).values(lease('second'));
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await names()).toEqual([]);
    // The handle serves on.
    await db.insert(workerLeases).values(lease('after'));
    expect(await names()).toEqual(['after']);
  });

  it('nests as a savepoint: an inner failure undoes the inner writes only', async () => {
    await withTransaction(db, async (tx) => {
      await tx.insert(workerLeases).values(lease('outer'));
      await expect(
        withTransaction(tx, async (inner) => {
          await inner.insert(workerLeases).values(lease('inner'));
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      // The transaction goes on after the inner failure, and a second savepoint commits with it.
      await withTransaction(tx, async (inner) => {
        await inner.insert(workerLeases).values(lease('inner-kept'));
      });
    });
    expect(await names()).toEqual(['inner-kept', 'outer']);
  });

  it('an outer failure undoes the writes of a savepoint that succeeded', async () => {
    await expect(
      withTransaction(db, async (tx) => {
        await withTransaction(tx, async (inner) => {
          await inner.insert(workerLeases).values(lease('inner'));
        });
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await names()).toEqual([]);
  });

  it('refuses a transaction handle used after its transaction ended', async () => {
    let leaked: Db | undefined;
    await withTransaction(db, async (tx) => {
      leaked = tx;
    });
    const error = await leaked!.delete(workerLeases).where(eq(workerLeases.name, 'x')).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(String((error as { cause?: unknown }).cause)).toContain('after its transaction ended');
  });

  it('refuses the plain handle inside its own transaction at once, instead of waiting for it forever', async () => {
    const failure = await withTransaction(db, async (tx) => {
      await tx.insert(workerLeases).values(lease('in-transaction'));
      return db.delete(workerLeases).then(
        () => undefined,
        (error: unknown) => error,
      );
    });
    expect(String((failure as { cause?: unknown }).cause)).toContain('Use the handle the callback was given (tx)');
    // Nothing else was refused: the transaction committed and the plain handle works again after it.
    expect(await names()).toEqual(['in-transaction']);
  });

  it('refuses a new transaction of the plain handle inside its own transaction at once', async () => {
    const failure = await withTransaction(db, async (tx) => {
      await tx.insert(workerLeases).values(lease('outer'));
      return withTransaction(db, async (inner) => inner.insert(workerLeases).values(lease('inner'))).then(
        () => undefined,
        (error: unknown) => error,
      );
    });
    expect(String(failure)).toContain('Use the handle the callback was given (tx)');
    expect(await names()).toEqual(['outer']);
  });
});

// SQLite only: one connection per process, so the queue of db/handle.ts orders transactions and the plain statements behind them.
describe.skipIf(onPostgres())('withTransaction on SQLite', () => {
  it('keeps a plain write of another request, made during an await inside a failing transaction, and rolls back only the transaction', async () => {
    const order: string[] = [];
    const failing = withTransaction(db, async (tx) => {
      await tx.insert(workerLeases).values(lease('in-transaction'));
      order.push('transaction wrote');
      await pause(30);
      order.push('transaction throws');
      throw new Error('the transaction fails');
    });
    // The other request: starts while the transaction waits on its timer.
    await pause(5);
    const plain = (async () => {
      order.push('plain write starts');
      await db.insert(workerLeases).values(lease('plain'));
      order.push('plain write done');
    })();
    await expect(failing).rejects.toThrow('the transaction fails');
    await plain;
    expect(await names()).toEqual(['plain']);
    // The plain write waited for the transaction to end instead of joining it.
    expect(order).toEqual(['transaction wrote', 'plain write starts', 'transaction throws', 'plain write done']);
  });

  it('runs two transactions one after the other, never inside each other', async () => {
    const events: string[] = [];
    const one = withTransaction(db, async (tx) => {
      events.push('one begins');
      await pause(20);
      await tx.insert(workerLeases).values(lease('one'));
      events.push('one ends');
    });
    const two = withTransaction(db, async (tx) => {
      events.push('two begins');
      await tx.insert(workerLeases).values(lease('two'));
      events.push('two ends');
    });
    await Promise.all([one, two]);
    expect(events).toEqual(['one begins', 'one ends', 'two begins', 'two ends']);
    expect(await names()).toEqual(['one', 'two']);
  });
});

// PostgreSQL only: a pooled connection per transaction, so other requests run beside it, and a transaction that loses to a concurrent one is run again.
describe.skipIf(!onPostgres())('withTransaction on PostgreSQL', () => {
  it('keeps a plain write of another request, made during an await inside a failing transaction, and rolls back only the transaction', async () => {
    const failing = withTransaction(db, async (tx) => {
      await tx.insert(workerLeases).values(lease('in-transaction'));
      await pause(30);
      throw new Error('the transaction fails');
    });
    await pause(5);
    // The other request runs on a connection of its own, beside the transaction, and never joins it.
    await db.insert(workerLeases).values(lease('plain'));
    await expect(failing).rejects.toThrow('the transaction fails');
    expect(await names()).toEqual(['plain']);
  });

  const expiryOf = async (handle: Db, name: string) => (await handle.select({ expiresAt: workerLeases.expiresAt }).from(workerLeases).where(eq(workerLeases.name, name)))[0]!.expiresAt;

  it('runs the callback again after a serialization failure, and the second run commits on what the other transaction wrote', async () => {
    await db.insert(workerLeases).values(lease('counter', 1));
    // Another server process, on a connection of its own.
    const other = secondConnection(db);
    let runs = 0;
    const result = await withTransaction(
      db,
      async (tx) => {
        runs += 1;
        const seen = await expiryOf(tx, 'counter');
        // During the first run only, the other process changes the row after this transaction read it.
        if (runs === 1) await other.update(workerLeases).set({ expiresAt: 100 }).where(eq(workerLeases.name, 'counter'));
        await tx.update(workerLeases).set({ expiresAt: seen + 1 }).where(eq(workerLeases.name, 'counter'));
        return seen;
      },
      { isolation: 'serializable' },
    );
    expect(runs).toBe(2);
    // The second run read the other's write: no lost update.
    expect(result).toBe(100);
    expect(await expiryOf(db, 'counter')).toBe(101);
  });

  it('gives the serialization failure up after three runs, having written nothing', async () => {
    await db.insert(workerLeases).values(lease('counter', 1));
    const other = secondConnection(db);
    let runs = 0;
    const failure = await withTransaction(
      db,
      async (tx) => {
        runs += 1;
        const seen = await expiryOf(tx, 'counter');
        await other.update(workerLeases).set({ expiresAt: 1000 + runs }).where(eq(workerLeases.name, 'counter'));
        await tx.insert(workerLeases).values(lease(`run-${runs}`));
        await tx.update(workerLeases).set({ expiresAt: seen + 1 }).where(eq(workerLeases.name, 'counter'));
      },
      { isolation: 'serializable' },
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(runs).toBe(3);
    expect(classifyDatabaseError(failure)?.kind).toBe('conflict');
    expect(await names()).toEqual(['counter']);
    expect(await expiryOf(db, 'counter')).toBe(1003);
  });
});
