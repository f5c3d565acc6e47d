/**
 * `npm run db:copy`: the real command, in a child process, copies a SQLite
 * database — the test fixtures, a partner's order and a self-provisioned
 * service on top — into an empty database of a real PostgreSQL from the npm
 * registry (scripts/postgres/embedded.ts), leaving the SQLite file as it
 * was. The product's queries then answer the same on both for every kind of
 * viewer; the next insert on the copy gets a fresh id (the identity sequences
 * continue after the largest id SQLite ever gave, a deleted row's included);
 * a second copy into the now non-empty database, and a copy of a database
 * that is not migrated to the latest migration, are refused with a message
 * and exit code 1, and change nothing.
 *
 * In the sqlite project: it starts its own PostgreSQL and reads a SQLite file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, count, max } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB, type Db } from '@/db/client';
import { connectionOf } from '@/db/handle';
import { closePostgres, openPostgres } from '@/db/postgres';
import { customers, inventoryTransactions, orderItems, users } from '@/db/schema';
import { listProductGroups } from '@/lib/inventory/queries';
import { ledgerDiscrepancies } from '@/lib/inventory/ledger';
import { setUpOnlineService } from '@/lib/online-services/provisioning';
import { orderFigureDiscrepancies } from '@/lib/orders/figures';
import { listOrders } from '@/lib/orders/queries';
import { recordOrder } from '@/lib/orders/record';
import { listUnpaidServices } from '@/lib/reports/queries';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/scripts/postgres/embedded';
import { createSqliteTestDb, one, run } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS as A, FIXTURE_CUSTOMERS as C, FIXTURE_PRODUCTS as P, FIXTURE_TODAY, FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { viewerOf } from '@/tests/helpers/viewers';

const dir = mkdtempSync(join(tmpdir(), 'license-desk-db-copy-'));
let server: EmbeddedPostgres;
let source: DB;
let sourcePath: string;
let target: string;
let copy: Db | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function dbCopy(...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', 'scripts/db-copy.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, NODE_ENV: 'test', DATABASE_PATH: join(dir, 'unused.db') },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const key = () => randomBytes(16).toString('hex');
const write = { today: FIXTURE_TODAY, resultPath: () => '/done' };

beforeAll(async () => {
  server = await startEmbeddedPostgres({ port: await freePort() });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('create database copy_target');
  await admin.end();
  const url = new URL(server.url);
  url.pathname = '/copy_target';
  target = url.toString();

  source = createSqliteTestDb();
  sourcePath = source.$client.name;
  await loadFixtures(source);
  // A partner's order (with Software Assurance: a boolean column) and a self-provisioned service, as the forms write them.
  const partner = await viewerOf(source, U.northPartner, C.alpha);
  const items = [
    { product: P.o365, edition: '', version: '', usage: '', quantity: 9, sa: false, term: 12 },
    { product: P.winServer, edition: 'Datacenter', version: '2025', usage: 'Par cœur', quantity: 16, sa: true, term: 12 },
  ];
  expect((await recordOrder(source, partner, { key: key(), account: A.alphaNorth, po: 'PO-COPY', items }, write)).kind).toBe('recorded');
  const admin_ = await viewerOf(source, U.alphaAdmin);
  expect((await setUpOnlineService(source, admin_, { key: key(), product: P.o365, account: A.alphaNorth2, quantity: 4 }, write)).kind).toBe('recorded');
  // A customer created and deleted again: SQLite never gives its id again, nor must the copy.
  await run(source, "insert into customers (number, legal_name, legal_name_search) values ('2000098', 'Gone', ' gone')");
  await run(source, "delete from customers where number = '2000098'");
}, 30_000);

afterAll(async () => {
  if (copy) {
    const connection = connectionOf(copy);
    if (connection.engine === 'postgres') await closePostgres(connection);
  }
  source?.$client.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every kind of viewer, built on a database (the ids are the same on both: they are copied). */
const viewers = (db: Db) => Promise.all([viewerOf(db, U.alphaAdmin), viewerOf(db, U.alphaViewer), viewerOf(db, U.betaAdmin), viewerOf(db, U.northPartner, C.alpha), viewerOf(db, U.southPartner, C.beta)]);

describe('npm run db:copy', () => {
  it('copies the SQLite database into the empty PostgreSQL one, and the product answers the same on both', async () => {
    source.$client.pragma('wal_checkpoint(TRUNCATE)'); // the whole database in its file, to tell that the copy leaves the file as it was
    const before = fileHash(sourcePath);
    const { code, output } = await dbCopy('--from', sourcePath, '--to', target);
    expect(fileHash(sourcePath)).toBe(before);
    expect(output).toMatch(/^Copied .* into postgres:\/\/postgres@127\.0\.0\.1:\d+\/copy_target: \d+ rows in [\d.]+ s\./m);
    expect(output).toMatch(/^ {2}inventory_transactions +\d+ rows/m);
    expect(output).toContain('Not copied (per-process state');
    expect(code).toBe(0);

    copy = openPostgres(target, { poolSize: 2 });
    const [onSqlite, onPostgres] = [await viewers(source), await viewers(copy)];
    expect(onPostgres).toEqual(onSqlite);
    for (const [index, viewer] of onSqlite.entries()) {
      for (const packages of [false, true]) {
        const groups = await listProductGroups(source, viewer, { accounts: 'all', packages }, 1);
        expect(groups.groups.length).toBeGreaterThan(0);
        expect(await listProductGroups(copy, onPostgres[index]!, { accounts: 'all', packages }, 1)).toEqual(groups);
      }
      expect(await listOrders(copy, onPostgres[index]!, { accounts: 'all', page: 1 })).toEqual(await listOrders(source, viewer, { accounts: 'all', page: 1 }));
      expect(await listUnpaidServices(copy, onPostgres[index]!, {}, 'all')).toEqual(await listUnpaidServices(source, viewer, {}, 'all'));
    }
    // The order and the provisioning written before the copy are in it; booleans are booleans.
    expect((await listOrders(copy, onPostgres[3]!, { accounts: 'all', page: 1 })).orders.map((order) => order.customerPoNumber)).toContain('PO-COPY');
    const flags = (db: Db) => db.select({ email: users.email, active: users.active, receivesNotices: users.receivesNotices }).from(users).orderBy(asc(users.email));
    expect(await flags(copy)).toEqual(await flags(source));
    expect((await flags(copy)).some((user) => user.active === false)).toBe(true);
    const sa = (db: Db) => db.select({ id: orderItems.id, sa: orderItems.withSoftwareAssurance }).from(orderItems).orderBy(asc(orderItems.id));
    expect(await sa(copy)).toEqual(await sa(source));
    expect(await ledgerDiscrepancies(copy)).toEqual([]);
    expect(await orderFigureDiscrepancies(copy)).toEqual([]);
  });

  it('lets the copy go on: new rows get ids after the copied ones', async () => {
    expect(copy).toBeDefined();
    const db = copy!;
    const [largest] = await source.select({ id: max(customers.id) }).from(customers);
    const { seq: deleted } = await one<{ seq: number }>(source, "select seq from sqlite_sequence where name = 'customers'");
    expect(deleted).toBe(largest!.id! + 1);
    const [inserted] = await db.insert(customers).values({ number: '2000099', legalName: 'After The Move', legalNameSearch: ' after the move' }).returning({ id: customers.id });
    expect(inserted!.id).toBe(deleted + 1);
    // A partner's order on the copy writes orders, items, ledger transactions, audit entries and mail: every sequence it touches continues.
    const [transactionsBefore] = await db.select({ id: max(inventoryTransactions.id) }).from(inventoryTransactions);
    const partner = await viewerOf(db, U.southPartner, C.beta);
    const items = [{ product: P.o365, edition: '', version: '', usage: '', quantity: 2, sa: false, term: 12 }];
    expect((await recordOrder(db, partner, { key: key(), account: A.betaSouth, po: 'PO-AFTER', items }, write)).kind).toBe('recorded');
    const [transactionsAfter] = await db.select({ id: max(inventoryTransactions.id) }).from(inventoryTransactions);
    expect(transactionsAfter!.id).toBeGreaterThan(transactionsBefore!.id!);
    expect(await ledgerDiscrepancies(db)).toEqual([]);
  });

  it('refuses a second copy into the database that now holds data, and changes nothing', async () => {
    const rowsOf = async () => (await copy!.select({ n: count() }).from(customers))[0]!.n;
    const before = await rowsOf();
    const { code, output } = await dbCopy('--from', sourcePath, '--to', target);
    expect(output).toContain('Nothing copied: --to postgres://postgres@127.0.0.1:');
    expect(output).toContain('the target already holds data (customers,');
    expect(code).toBe(1);
    expect(await rowsOf()).toBe(before);
  });

  it('refuses a source that is not migrated to the latest migration', async () => {
    const older = join(dir, 'older.db');
    source.$client.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(sourcePath, older);
    const olderDb = openDatabase(older);
    await run(olderDb, 'delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)');
    olderDb.$client.close();
    const { code, output } = await dbCopy('--from', older, '--to', target.replace('/copy_target', '/postgres'));
    expect(output).toContain(`Nothing copied: --from ${older}: the database is not migrated to the latest migration`);
    expect(code).toBe(1);
  });
});
