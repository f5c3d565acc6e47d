/**
 * The SQLite and PostgreSQL schemas are one data model: db/schema.pg.ts is
 * derived from db/schema.ts, and each engine has its own committed
 * migrations. This proves the derivation complete (every table exported by
 * name, for drizzle-kit), and — on a real PostgreSQL from the npm registry —
 * that the two sets of migrations build the same tables, columns,
 * nullability, primary keys, indexes (unique and partial), foreign keys and
 * checks: a change to db/schema.ts migrated for one engine only fails here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/scripts/postgres/embedded';
import { openDatabase, migrateDatabase } from './client';
import * as sqliteSchema from './schema';
import * as pgSchema from './schema.pg';

type Shape = {
  columns: string[];
  primaryKey: string[];
  indexes: string[];
  foreignKeys: string[];
  checks: string[];
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Column kinds as both engines may store them: what a value is, not how each engine spells it. */
function kindOfSqlite(type: string): string {
  return /int/i.test(type) ? 'integer' : /real|double/i.test(type) ? 'real' : 'text';
}
function kindOfPostgres(type: string, column: string, booleans: Set<string>): string {
  if (type === 'boolean') return booleans.has(column) ? 'integer' : 'boolean?';
  return /int/.test(type) ? 'integer' : /double|real/.test(type) ? 'real' : 'text';
}

/** The shape of every table of a migrated SQLite database. */
function sqliteShapes(path: string): Map<string, Shape> {
  const db = openDatabase(path);
  migrateDatabase(db);
  const sql = db.$client;
  const shapes = new Map<string, Shape>();
  const tables = sql.prepare("select name, sql from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like '\\_\\_%' escape '\\' order by name").all() as { name: string; sql: string }[];
  for (const { name, sql: definition } of tables) {
    const columns = sql.prepare(`select name, type, "notnull" as not_null, pk from pragma_table_info(?)`).all(name) as { name: string; type: string; not_null: number; pk: number }[];
    const indexes = sql.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null").all(name) as { name: string; sql: string }[];
    const foreignKeys = sql.prepare('select "from", "table", "to", on_delete as onDelete from pragma_foreign_key_list(?)').all(name) as { from: string; table: string; to: string; onDelete: string }[];
    shapes.set(name, {
      columns: columns.map((column) => `${column.name} ${kindOfSqlite(column.type)}${column.not_null || column.pk ? ' not null' : ''}`).sort(),
      primaryKey: columns.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk).map((column) => column.name),
      indexes: indexes.map((index) => `${index.name}${/^create unique/i.test(index.sql) ? ' unique' : ''}${/ where /i.test(index.sql) ? ' partial' : ''}`).sort(),
      foreignKeys: foreignKeys.map((key) => `${key.from} -> ${key.table}.${key.to}${key.onDelete !== 'NO ACTION' ? ` on delete ${key.onDelete.toLowerCase()}` : ''}`).sort(),
      checks: [...definition.matchAll(/CONSTRAINT "([^"]+)" CHECK/g)].map((match) => match[1]!).sort(),
    });
  }
  sql.close();
  return shapes;
}

/** The shape of every table of a migrated PostgreSQL database (booleans compared as the integers SQLite stores them as). */
async function postgresShapes(client: pg.Client, booleans: Set<string>): Promise<Map<string, Shape>> {
  const shapes = new Map<string, Shape>();
  const tables = (await client.query<{ name: string }>("select table_name as name from information_schema.tables where table_schema = 'public' order by 1")).rows;
  for (const { name } of tables) {
    const columns = (
      await client.query<{ name: string; type: string; nullable: string }>(
        "select column_name as name, data_type as type, is_nullable as nullable from information_schema.columns where table_schema = 'public' and table_name = $1",
        [name],
      )
    ).rows;
    const primaryKey = (
      await client.query<{ name: string }>(
        `select a.attname as name from pg_constraint c join unnest(c.conkey) with ordinality as k(attnum, position) on true
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
         where c.conrelid = $1::regclass and c.contype = 'p' order by k.position`,
        [`public.${name}`],
      )
    ).rows;
    const indexes = (
      await client.query<{ name: string; definition: string }>(
        `select i.indexname as name, i.indexdef as definition from pg_indexes i
         where i.schemaname = 'public' and i.tablename = $1
           and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.contype = 'p')`,
        [name],
      )
    ).rows;
    const foreignKeys = (
      await client.query<{ from: string; table: string; to: string; onDelete: string }>(
        `select a.attname as "from", ft.relname as "table", fa.attname as "to", c.confdeltype as "onDelete"
         from pg_constraint c
         join pg_class ft on ft.oid = c.confrelid
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
         join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = c.confkey[1]
         where c.conrelid = $1::regclass and c.contype = 'f'`,
        [`public.${name}`],
      )
    ).rows;
    const checks = (await client.query<{ name: string }>("select conname as name from pg_constraint where conrelid = $1::regclass and contype = 'c'", [`public.${name}`])).rows;
    const onDelete: Record<string, string> = { a: '', r: ' on delete restrict', c: ' on delete cascade', n: ' on delete set null', d: ' on delete set default' };
    shapes.set(name, {
      columns: columns.map((column) => `${column.name} ${kindOfPostgres(column.type, `${name}.${column.name}`, booleans)}${column.nullable === 'NO' ? ' not null' : ''}`).sort(),
      primaryKey: primaryKey.map((column) => column.name),
      indexes: indexes.map((index) => `${index.name}${/^CREATE UNIQUE/.test(index.definition) ? ' unique' : ''}${/ WHERE /.test(index.definition) ? ' partial' : ''}`).sort(),
      foreignKeys: foreignKeys.map((key) => `${key.from} -> ${key.table}.${key.to}${onDelete[key.onDelete] ?? ` on delete ${key.onDelete}`}`).sort(),
      checks: checks.map((check) => check.name).sort(),
    });
  }
  return shapes;
}

describe('one data model, two engines', () => {
  it('db/schema.pg.ts exports every table of db/schema.ts by name, as a PostgreSQL table of the same name', () => {
    const sqliteTables = Object.entries(sqliteSchema).filter(([, value]) => is(value, SQLiteTable));
    const pgTables = Object.entries(pgSchema).filter(([, value]) => is(value, PgTable));
    expect(pgTables.map(([key, table]) => [key, getTableName(table as PgTable)]).sort()).toEqual(sqliteTables.map(([key, table]) => [key, getTableName(table as SQLiteTable)]).sort());
  });

  describe('on a real PostgreSQL', () => {
    let server: EmbeddedPostgres;
    let client: pg.Client;
    const dir = mkdtempSync(join(tmpdir(), 'license-desk-parity-'));

    beforeAll(async () => {
      server = await startEmbeddedPostgres({ port: await freePort() });
      client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await migrate(drizzle(client), { migrationsFolder: join(process.cwd(), 'db', 'migrations-pg') });
    }, 60_000);

    afterAll(async () => {
      await client?.end();
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('the two sets of migrations build the same tables, columns, keys, indexes and checks', async () => {
      // drizzle keeps SQLite's booleans as integers; PostgreSQL has real ones: compared as what they stand for.
      const booleans = new Set(
        Object.values(sqliteSchema as Record<string, unknown>)
          .filter((value): value is SQLiteTable => is(value, SQLiteTable))
          .flatMap((table) =>
            Object.values(getTableColumns(table))
              .filter((column) => column.columnType === 'SQLiteBoolean')
              .map((column) => `${getTableName(table)}.${column.name}`),
          ),
      );
      const sqlite = sqliteShapes(join(dir, 'parity.db'));
      const postgres = await postgresShapes(client, booleans);
      expect([...postgres.keys()].sort()).toEqual([...sqlite.keys()].sort());
      for (const [table, shape] of sqlite) expect(postgres.get(table), table).toEqual(shape);
    });
  });
});
