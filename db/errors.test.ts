import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { isDatabaseFault } from './errors';

describe('isDatabaseFault', () => {
  it('recognises a read-only database behind drizzle’s wrapper', () => {
    const sqlite = new Database(':memory:');
    sqlite.exec('create table t (x integer)');
    const readOnly = new Database(sqlite.serialize(), { readonly: true });
    const db = drizzle(readOnly);
    let caught: unknown;
    try {
      db.run(sql`insert into t values (1)`);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeDefined();
    expect(isDatabaseFault(caught)).toBe(true);
  });

  it('does not mistake a constraint or syntax error, or a plain error, for a fault', () => {
    const db = new Database(':memory:');
    db.exec('create table t (x integer unique)');
    db.exec('insert into t values (1)');
    expect(isDatabaseFault(catchError(() => db.exec('insert into t values (1)')))).toBe(false);
    expect(isDatabaseFault(catchError(() => db.exec('selec 1')))).toBe(false);
    expect(isDatabaseFault(new Error('boom'))).toBe(false);
    expect(isDatabaseFault(undefined)).toBe(false);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
