import { describe, expect, it } from 'vitest';
import { all, createTestDb, one, onPostgres } from '@/tests/helpers/db';
import { BATCH_ROWS, insertMany, updateMany } from './batch';
import { withTransaction } from './transaction';

interface UserRow {
  id: number;
  email: string;
  name: string;
  locale: string | null;
  active: number;
  session_version: number;
}

const users = (db: Parameters<typeof all>[0]) =>
  all<UserRow>(db, 'select id, email, name, locale, case when active then 1 else 0 end as active, session_version from users order by id');

describe('insertMany', () => {
  it('writes the rows in order, more than one statement holds, and answers their new ids in that order', async () => {
    const db = await createTestDb();
    const count = BATCH_ROWS * 2 + 7;
    const rows = Array.from({ length: count }, (_, i) => [`p${i}`, `Partenaire ${i}`, i % 2 === 0 ? null : `p${i}@example.com`, null]);
    const ids = await withTransaction(db, (tx) => insertMany(tx, 'partners', ['code', 'name', 'contact_email', 'contact_phone'], rows));
    expect(ids).toHaveLength(count);
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1]!);
    const stored = await all<{ id: number; code: string; contact_email: string | null }>(db, 'select id, code, contact_email from partners order by id');
    expect(stored.map((row) => row.id)).toEqual(ids);
    expect(stored.map((row) => row.code)).toEqual(rows.map((row) => row[0]));
    expect(stored[0]!.contact_email).toBeNull();
    expect(stored[1]!.contact_email).toBe('p1@example.com');
  });

  it('keeps text that array syntax and PostgreSQL would trip over, null, booleans as 1/0 and large integers', async () => {
    const db = await createTestDb();
    const awkward = ['{a,b}', '"quoted" \\ backslash', 'NULL', '', ' spaces around ', 'two\nlines', "l'apostrophe, la virgule", 'Élodie Ünïcode ✓', 'nul \u0000 inside'];
    const ids = await insertMany(
      db,
      'users',
      ['email', 'name', 'locale', 'active', 'session_version'],
      awkward.map((name, i) => [`u${i}@example.com`, name, i % 2 === 0 ? 'fr' : null, i % 2, 2 ** 40 + i]),
    );
    const stored = await users(db);
    expect(stored.map((row) => row.id)).toEqual(ids);
    // U+0000 is kept on SQLite; PostgreSQL's text cannot hold it, and stores the mark every parameter gets (db/postgres.ts).
    expect(stored.map((row) => row.name)).toEqual(awkward.map((name) => (onPostgres() ? name.replace('\u0000', '\uFFFD') : name)));
    expect(stored.map((row) => row.locale)).toEqual(awkward.map((_, i) => (i % 2 === 0 ? 'fr' : null)));
    expect(stored.map((row) => row.active)).toEqual(awkward.map((_, i) => i % 2));
    expect(stored.map((row) => row.session_version)).toEqual(awkward.map((_, i) => 2 ** 40 + i));
  });

  it('writes nothing when the caller’s transaction is rolled back, and the next rows get ids of their own', async () => {
    const db = await createTestDb();
    const rows = [['a', 'A', null, null], ['b', 'B', null, null]];
    await expect(
      withTransaction(db, async (tx) => {
        await insertMany(tx, 'partners', ['code', 'name', 'contact_email', 'contact_phone'], rows);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await one<{ n: number }>(db, 'select count(*) as n from partners')).toEqual({ n: 0 });
    const ids = await insertMany(db, 'partners', ['code', 'name', 'contact_email', 'contact_phone'], rows);
    expect(await all<{ id: number }>(db, 'select id from partners order by id')).toEqual(ids.map((id) => ({ id })));
  });

  it('answers nothing for no rows, and refuses names the schema does not have and rows of the wrong width', async () => {
    const db = await createTestDb();
    expect(await insertMany(db, 'partners', ['code', 'name'], [])).toEqual([]);
    await expect(insertMany(db, 'partners; drop table users', ['code'], [['x']])).rejects.toThrow('no table');
    await expect(insertMany(db, 'partners', ['code', 'name) values (1, 2); --'], [['x', 'y']])).rejects.toThrow('no column');
    await expect(insertMany(db, 'partners', ['code', 'name'], [['x']])).rejects.toThrow('a row of 1 values for 2 columns');
  });
});

describe('updateMany', () => {
  it('sets some columns and adds to others, by id, in more than one statement', async () => {
    const db = await createTestDb();
    const count = BATCH_ROWS + 3;
    const ids = await insertMany(
      db,
      'users',
      ['email', 'name', 'locale', 'active', 'session_version'],
      Array.from({ length: count }, (_, i) => [`u${i}@example.com`, `User ${i}`, null, 1, 1]),
    );
    // Every other user: renamed, deactivated, and its version raised by its position.
    const changed = ids.filter((_, i) => i % 2 === 1);
    await withTransaction(db, (tx) => updateMany(tx, 'users', { set: ['name', 'active'], add: ['session_version'] }, changed.map((id, i) => [id, `Renamed ${i}`, 0, i + 1])));
    const stored = await users(db);
    stored.forEach((row, i) => {
      if (i % 2 === 0) expect(row).toMatchObject({ name: `User ${i}`, active: 1, session_version: 1 });
      else expect(row).toMatchObject({ name: `Renamed ${(i - 1) / 2}`, active: 0, session_version: 1 + (i - 1) / 2 + 1 });
    });
  });

  it('refuses an id given twice (PostgreSQL would change the row once), and an update of nothing', async () => {
    const db = await createTestDb();
    const [id] = await insertMany(db, 'partners', ['code', 'name'], [['a', 'A']]);
    await expect(updateMany(db, 'partners', { set: ['name'] }, [[id!, 'B'], [id!, 'C']])).rejects.toThrow('given twice');
    await expect(updateMany(db, 'partners', {}, [[id!]])).rejects.toThrow('changes no column');
    await updateMany(db, 'partners', { set: ['name'] }, []);
    expect(await one(db, 'select name from partners')).toEqual({ name: 'A' });
  });
});
