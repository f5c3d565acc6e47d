/**
 * The migration that keeps the reconciliation report's totals in the product
 * summaries fills them for the summaries that exist, from their lines: after
 * it, every summary agrees with its lines, unpaid online services included.
 *
 * SQLite's migration (PostgreSQL's carries the same statement; the two sets
 * are compared by db/schema-parity.test.ts).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { productSummaryDiscrepancies } from '@/lib/inventory/summaries';
import { seedOldInventory } from '@/tests/helpers/old-schema';
import { migrateDatabase, openDatabase } from './client';

describe('the migration to report totals kept in the summaries', () => {
  it('fills the unpaid counts of existing summaries from their lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'license-desk-migration-'));
    const before = join(dir, 'migrations');
    cpSync(join(process.cwd(), 'db', 'migrations'), before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag === '0018_report_totals'));
    writeFileSync(journalPath, JSON.stringify(journal));
    const db = openDatabase(join(dir, 'old.db'));
    migrate(drizzle(db.$client), { migrationsFolder: before });

    seedOldInventory(db);
    const sql = db.$client;
    // An online service with gaps on two lines, and one without: summed ahead as the old summaries were.
    sql.exec(`
      insert into purchase_accounts (id, number, name, name_search, city, country, location_search, customer_id, agreement_id, partner_id)
        values (2, 'PA2', 'Second', ' second', 'Lyon', 'FR', ' lyon fr', 1, 1, 1);
      insert into products (id, code, family_id, name, kind, search) values (2, 'SVC', 1, 'Service', 'online_service', ' service');
      insert into inventory_lines (kind, purchase_account_id, product_id, edition, version, available_count, ordered_count) values
        ('subscription', 1, 2, '', '', 7, 3), ('subscription', 2, 2, '', '', 5, 5);
      delete from product_summaries;
      insert into product_summaries (customer_id, partner_id, product_id, package_key, line_count, license_count, sa_count, available_count, ordered_count, earliest_expiration)
        select a.customer_id, a.partner_id, l.product_id, coalesce(l.package_id, 0), count(*), sum(l.license_count), sum(l.sa_count), sum(l.available_count), sum(l.ordered_count), min(l.next_expiration)
          from inventory_lines l join purchase_accounts a on a.id = l.purchase_account_id group by a.customer_id, a.partner_id, l.product_id, coalesce(l.package_id, 0);
    `);

    migrateDatabase(db);
    expect(sql.prepare('select unpaid_line_count as lines, unpaid_available as available, unpaid_ordered as ordered from product_summaries where product_id = 2').get()).toEqual({
      lines: 1,
      available: 7,
      ordered: 3,
    });
    expect(await productSummaryDiscrepancies(db)).toEqual([]);
    sql.close();
  });
});
