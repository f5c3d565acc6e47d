/**
 * `npm run db:backup`: the real script, in a child
 * process, backs up a database while this process keeps writing to it. Each
 * write is one transaction that adds a row to two tables, so a consistent
 * copy has equal counts in both; the copy passes the integrity check, holds a
 * count between the one before and the one after, and, restored as the
 * README says (replace the file, remove -wal and -shm), opens as the portal's
 * database with the same counts. An existing file is kept unless --force.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '@/db/client';

const dir = mkdtempSync(join(tmpdir(), 'license-desk-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function backup(databasePath: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  return backupWith({ DATABASE_PATH: databasePath }, ...args);
}

function backupWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', 'scripts/backup.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, NODE_ENV: 'test', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function counts(db: Database.Database): { a: number; b: number } {
  const a = (db.prepare('select count(*) as n from backup_probe_a').get() as { n: number }).n;
  const b = (db.prepare('select count(*) as n from backup_probe_b').get() as { n: number }).n;
  return { a, b };
}

describe('npm run db:backup', () => {
  it('writes a consistent copy while another connection writes, and the copy restores', async () => {
    const source = join(dir, 'live.db');
    const live = openDatabase(source);
    migrateDatabase(live);
    const sqlite = live.$client;
    sqlite.exec('create table backup_probe_a (id integer primary key, payload text); create table backup_probe_b (id integer primary key, payload text)');
    const insert = sqlite.transaction((n: number) => {
      const payload = `row ${n} `.repeat(40);
      sqlite.prepare('insert into backup_probe_a (payload) values (?)').run(payload);
      sqlite.prepare('insert into backup_probe_b (payload) values (?)').run(payload);
    });
    for (let n = 0; n < 3000; n++) insert(n); // enough pages that the copy takes a while
    const before = counts(sqlite).a;

    const target = join(dir, 'copy.db');
    const running = backup(source, target);
    let finished = false;
    void running.then(() => (finished = true));
    let written = 0;
    const deadline = Date.now() + 25_000;
    // Keep writing, one transaction at a time, until the backup ends (bounded in count and time).
    while (!finished && written < 100_000 && Date.now() < deadline) {
      insert(written++);
      if (written % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const result = await running;
    const after = counts(sqlite).a;
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Backed up .* MB in \d+\.\d+ s/);
    expect(written).toBeGreaterThan(0);

    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const copied = counts(copy);
    copy.close();
    expect(copied.a).toBe(copied.b);
    expect(copied.a).toBeGreaterThanOrEqual(before);
    expect(copied.a).toBeLessThanOrEqual(after);
    expect(readdirSync(dir).filter((name) => name.includes('.partial-'))).toEqual([]);

    // Restore as the README says: server stopped, file replaced, -wal and -shm removed.
    const restored = join(dir, 'restored.db');
    copyFileSync(target, restored);
    for (const suffix of ['-wal', '-shm']) rmSync(`${restored}${suffix}`, { force: true });
    const reopened = openDatabase(restored, { create: false });
    migrateDatabase(reopened);
    expect(reopened.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(counts(reopened.$client)).toEqual(copied);
    reopened.$client.close();
    sqlite.close();
  });

  it('keeps an existing file unless --force', async () => {
    const source = join(dir, 'small.db');
    const db = openDatabase(source);
    migrateDatabase(db);
    db.$client.close();
    const target = join(dir, 'existing.db');
    writeFileSync(target, 'keep me');
    const refused = await backup(source, target);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('--force');
    expect(existsSync(target) && readFileSync(target, 'utf8')).toBe('keep me');
    const forced = await backup(source, target, '--force');
    expect(forced.code, forced.output).toBe(0);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  });

  it('on PostgreSQL, says that the backup is pg_dump’s when the client tools are not installed, and writes nothing', async () => {
    const target = join(dir, 'pg.dump');
    // Only Node on the PATH: no pg_dump, whatever this machine has installed.
    const result = await backupWith({ PATH: dirname(process.execPath), DATABASE_URL: 'postgres://license:secret@127.0.0.1:1/desk' }, target);
    expect(result.code).toBe(1);
    expect(result.output).toContain('backed up with pg_dump, which is not installed here');
    expect(result.output).not.toContain('secret');
    expect(existsSync(target)).toBe(false);
  });
});
