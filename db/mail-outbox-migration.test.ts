/**
 * The migration that creates the mail outbox keeps what the notices had
 * recorded: every notice message becomes an outbox row with the same id (a
 * message left `sending` is `pending`, to be sent again as it was), and
 * notices_sent still points at the e-mail that announced each notice.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { seedOldInventory } from '@/tests/helpers/old-schema';
import { migrateDatabase, openDatabase } from './client';

describe('the migration that creates the mail outbox', () => {
  it('copies notice messages into the outbox and keeps notices_sent pointing at them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'license-desk-migration-'));
    // The migrations as they were before the outbox.
    const before = join(dir, 'migrations');
    cpSync(join(process.cwd(), 'db', 'migrations'), before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag === '0011_mail_outbox'));
    writeFileSync(journalPath, JSON.stringify(journal));
    const db = openDatabase(join(dir, 'old.db'));
    migrate(drizzle(db.$client), { migrationsFolder: before });

    seedOldInventory(db);
    const sql = db.$client;
    const line = (sql.prepare('select min(id) as id from inventory_lines').get() as { id: number }).id;
    sql.prepare("insert into users (id, email, name) values (7000, 'ann@example.test', 'Ann')").run();
    sql.prepare("insert into notice_messages (id, user_id, message_id, status, raw, attempts, created_at, sent_at) values (3, 7000, '<a@x>', 'sent', 'RAW-A', 1, 1000, 1100)").run();
    sql.prepare("insert into notice_messages (id, user_id, message_id, status, raw, claimed_by, claimed_at, attempts, last_error, created_at) values (4, 7000, '<b@x>', 'sending', 'RAW-B', 'run', 2000, 2, 'refused', 2000)").run();
    sql.prepare("insert into notices_sent (user_id, line_id, threshold, expires_on, notice_message_id, sent_at) values (7000, ?, '30', '2026-12-01', 4, 2000)").run(line);

    migrateDatabase(db);
    expect(sql.prepare('select id, kind, user_id, recipient, message_id, raw, status, attempts, next_attempt_at, claimed_by, last_error, sent_at from mail_outbox order by id').all()).toEqual([
      { id: 3, kind: 'notice', user_id: 7000, recipient: 'ann@example.test', message_id: '<a@x>', raw: 'RAW-A', status: 'sent', attempts: 1, next_attempt_at: 1000, claimed_by: null, last_error: null, sent_at: 1100 },
      { id: 4, kind: 'notice', user_id: 7000, recipient: 'ann@example.test', message_id: '<b@x>', raw: 'RAW-B', status: 'pending', attempts: 2, next_attempt_at: 2000, claimed_by: 'run', last_error: 'refused', sent_at: null },
    ]);
    expect(sql.prepare('select notice_message_id from notices_sent').all()).toEqual([{ notice_message_id: 4 }]);
    expect(sql.prepare("select name from sqlite_master where name = 'notice_messages'").all()).toEqual([]);
    const fk = sql.prepare("select \"table\" from pragma_foreign_key_list('notices_sent') where \"from\" = 'notice_message_id'").get();
    expect(fk).toEqual({ table: 'mail_outbox' });
    sql.close();
  });
});
