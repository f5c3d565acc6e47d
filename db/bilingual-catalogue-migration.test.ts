/**
 * The migration that makes the catalogue bilingual turns the resource usage
 * written in French into the vocabulary's codes, on inventory lines and
 * order items, and keeps a value that names none of them as it was.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { seedOldInventory } from '@/tests/helpers/old-schema';
import { migrateDatabase, openDatabase } from './client';

describe('the migration to the bilingual catalogue', () => {
  it('maps the French resource usages to codes and keeps unknown values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'license-desk-migration-'));
    const before = join(dir, 'migrations');
    cpSync(join(process.cwd(), 'db', 'migrations'), before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag === '0016_bilingual_catalogue'));
    writeFileSync(journalPath, JSON.stringify(journal));
    const db = openDatabase(join(dir, 'old.db'));
    migrate(db, { migrationsFolder: before });

    seedOldInventory(db);
    const sql = db.$client;
    const lines = sql.prepare("select id from inventory_lines where kind = 'license' order by id limit 3").all() as { id: number }[];
    sql.prepare("update inventory_lines set resource_usage = 'Par cœur' where id = ?").run(lines[0]!.id);
    sql.prepare("update inventory_lines set resource_usage = 'Par appareil' where id = ?").run(lines[1]!.id);
    sql.prepare("update inventory_lines set resource_usage = 'Par licence nommée' where id = ?").run(lines[2]!.id);
    sql.prepare("update order_items set resource_usage = 'Par utilisateur' where id = (select min(id) from order_items)").run();

    migrateDatabase(db);
    const usage = (id: number) => (sql.prepare('select resource_usage as usage from inventory_lines where id = ?').get(id) as { usage: string }).usage;
    expect([usage(lines[0]!.id), usage(lines[1]!.id), usage(lines[2]!.id)]).toEqual(['per_core', 'per_device', 'Par licence nommée']);
    expect(sql.prepare('select resource_usage as usage from order_items where id = (select min(id) from order_items)').get()).toEqual({ usage: 'per_user' });
    expect(sql.prepare("select count(*) as n from inventory_lines where resource_usage like 'Par %' and resource_usage != 'Par licence nommée'").get()).toEqual({ n: 0 });
    expect(sql.prepare('select name_en from products limit 1').get()).toEqual({ name_en: null });
    sql.close();
  });
});
