import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { classifyDatabaseError, classifyPostgresCode, classifySqliteCode, databaseFault, isDatabaseFault, isUniqueViolation } from './errors';

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

describe('classifyDatabaseError', () => {
  it('tells a unique key taken from another constraint, on a real SQLite database', () => {
    const db = new Database(':memory:');
    db.exec('create table parent (id integer primary key); create table t (x integer unique, parent integer references parent(id), y integer not null check (y > 0))');
    db.pragma('foreign_keys = ON');
    db.exec('insert into t values (1, null, 1)');
    expect(classifyDatabaseError(catchError(() => db.exec('insert into t values (1, null, 1)')))?.kind).toBe('unique-violation');
    expect(isUniqueViolation(catchError(() => db.exec('insert into t values (1, null, 1)')))).toBe(true);
    expect(classifyDatabaseError(catchError(() => db.exec('insert into t values (2, 9, 1)')))?.kind).toBe('constraint-violation');
    expect(classifyDatabaseError(catchError(() => db.exec('insert into t values (3, null, 0)')))?.kind).toBe('constraint-violation');
    expect(isUniqueViolation(catchError(() => db.exec('insert into t values (3, null, 0)')))).toBe(false);
    expect(classifyDatabaseError(catchError(() => db.exec('selec 1')))).toBeUndefined();
  });

  it('sees a write lock held past the busy timeout as a conflict, and a fault', () => {
    const file = `${tmpdir()}/license-desk-errors-${process.pid}-${Date.now()}.db`;
    const first = new Database(file);
    first.exec('create table t (x integer)');
    const second = new Database(file, { timeout: 10 });
    first.exec('begin immediate');
    const error = catchError(() => second.exec('begin immediate'));
    first.exec('rollback');
    expect(databaseFault(error)).toEqual({ kind: 'conflict', code: 'SQLITE_BUSY' });
  });

  it('maps SQLite codes, extended ones included', () => {
    expect(classifySqliteCode('SQLITE_CONSTRAINT_PRIMARYKEY')).toBe('unique-violation');
    expect(classifySqliteCode('SQLITE_CONSTRAINT_FOREIGNKEY')).toBe('constraint-violation');
    expect(classifySqliteCode('SQLITE_BUSY_SNAPSHOT')).toBe('conflict');
    expect(classifySqliteCode('SQLITE_READONLY_DBMOVED')).toBe('read-only');
    expect(classifySqliteCode('SQLITE_FULL')).toBe('full');
    expect(classifySqliteCode('SQLITE_IOERR_SHORT_READ')).toBe('unavailable');
    expect(classifySqliteCode('SQLITE_CORRUPT')).toBe('unavailable');
    expect(classifySqliteCode('SQLITE_ERROR')).toBeUndefined();
    expect(classifySqliteCode('23505')).toBeUndefined();
  });

  it('maps PostgreSQL SQLSTATEs and lost connections (errors shaped as node-postgres throws them)', () => {
    const pgError = (code: string) => Object.assign(new Error(`postgres ${code}`), { code, severity: 'ERROR' });
    expect(classifyDatabaseError(pgError('23505'))).toEqual({ kind: 'unique-violation', code: '23505' });
    expect(classifyDatabaseError(pgError('23503'))?.kind).toBe('constraint-violation');
    expect(classifyDatabaseError(pgError('23514'))?.kind).toBe('constraint-violation');
    expect(classifyDatabaseError(pgError('40001'))?.kind).toBe('conflict');
    expect(classifyDatabaseError(pgError('40P01'))?.kind).toBe('conflict');
    expect(classifyDatabaseError(pgError('25006'))?.kind).toBe('read-only');
    expect(classifyDatabaseError(pgError('53100'))?.kind).toBe('full');
    expect(classifyDatabaseError(pgError('08006'))?.kind).toBe('unavailable');
    expect(classifyDatabaseError(pgError('57P01'))?.kind).toBe('unavailable');
    expect(classifyDatabaseError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))?.kind).toBe('unavailable');
    // drizzle wraps the driver's error
    expect(databaseFault(new Error('Failed query', { cause: pgError('40001') }))?.kind).toBe('conflict');
    expect(isDatabaseFault(pgError('23505'))).toBe(false);
    expect(classifyPostgresCode('42601')).toBeUndefined(); // a syntax error is a defect, not a fault
    expect(classifyPostgresCode('SQLITE_BUSY')).toBeUndefined();
  });
});
