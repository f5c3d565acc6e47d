import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createSqliteTestDb } from '@/tests/helpers/db';
import type { Db } from './client';
import { workerLeases } from './schema';
import { withTransaction } from './transaction';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withTransaction on SQLite', () => {
  let db: Db;
  let close: () => void;
  beforeEach(() => {
    const opened = createSqliteTestDb();
    db = opened;
    close = () => opened.$client.close();
  });
  afterEach(() => close());

  const lease = (name: string) => ({ name, holder: 'test', expiresAt: 1 });
  const names = async () => (await db.select({ name: workerLeases.name }).from(workerLeases).orderBy(workerLeases.name)).map((row) => row.name);

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

  it('commits what the callback wrote and answers its result', async () => {
    const result = await withTransaction(db, async (tx) => {
      await tx.insert(workerLeases).values(lease('a'));
      return 'done';
    });
    expect(result).toBe('done');
    expect(await names()).toEqual(['a']);
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

  it('nests as a savepoint: an inner failure undoes the inner writes only', async () => {
    await withTransaction(db, async (tx) => {
      await tx.insert(workerLeases).values(lease('outer'));
      await expect(
        withTransaction(tx, async (inner) => {
          await inner.insert(workerLeases).values(lease('inner'));
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
    });
    expect(await names()).toEqual(['outer']);
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
});
