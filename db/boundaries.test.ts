/**
 * db/ holds the schema, the client and the migrations only: nothing here may
 * reach up into the domain (lib/), apart from the configuration it opens the
 * database with and the search folding (a pure function) with which it fills
 * the folded columns of rows written before they existed — a stored fold must
 * be the fold the searches use (db/folded.ts). The importer lives in
 * lib/import/, the demo data in fixtures/.
 *
 * And the other way: the engine's own error codes are read in db/errors.ts
 * only; the product asks for an error's meaning.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const DB_DIR = join(process.cwd(), 'db');
const ALLOWED = new Set(['@/lib/env', '@/lib/search/normalize']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'migrations' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [path] : [];
  });
}

describe('db/', () => {
  it('imports nothing from lib/ but the configuration and the search folding', () => {
    const offending: string[] = [];
    for (const file of sourceFiles(DB_DIR)) {
      const text = readFileSync(file, 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const intoLib = specifier!.startsWith('@/lib/') || /^(\.\.\/)+lib\//.test(specifier!);
        if (intoLib && !ALLOWED.has(specifier!)) offending.push(`${relative(process.cwd(), file)} → ${specifier}`);
      }
    }
    expect(sourceFiles(DB_DIR).length).toBeGreaterThan(1);
    expect(offending).toEqual([]);
  });
});

describe('outside db/', () => {
  it('no code reads an engine error code (SQLITE_…): db/errors.ts tells what an error means', () => {
    const offending: string[] = [];
    for (const root of ['lib', 'app', 'components']) {
      for (const file of sourceFiles(join(process.cwd(), root))) {
        if (/SQLITE_[A-Z]/.test(readFileSync(file, 'utf8'))) offending.push(relative(process.cwd(), file));
      }
    }
    expect(offending).toEqual([]);
  });
});

/** The product's own code outside db/: what runs in the portal, its scripts and tools (tests set up data as they must). */
function productFiles(): string[] {
  const roots = ['lib', 'app', 'components', 'scripts'].map((root) => join(process.cwd(), root));
  return [...roots.flatMap((root) => sourceFiles(root)), join(process.cwd(), 'proxy.ts'), join(process.cwd(), 'instrumentation.ts')];
}

/** A file that works on one engine's own files or driver says so in its header: `Engine: SQLite only: <why>`. */
const declaresOneEngine = (text: string) => /^ \* Engine: SQLite only: \S/m.test(text.slice(0, 4000));

describe('outside db/, the database is reached through the handle only', () => {
  it('no driver API (better-sqlite3, $client, pragmas, lastInsertRowid, changes) but in a script that declares itself SQLite only', () => {
    const driver = /from ['"]better-sqlite3['"]|\$client\b|\.pragma\(|lastInsertRowid|\.changes\b/;
    const offending = productFiles()
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        return driver.test(text) && !declaresOneEngine(text);
      })
      .map((file) => relative(process.cwd(), file));
    expect(productFiles().length).toBeGreaterThan(50);
    expect(offending).toEqual([]);
  });

  it('no transaction started but through withTransaction (db/transaction.ts)', () => {
    const started = /\.transaction\(|['"`]\s*(?:BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b(?!:)/i;
    const offending = [...productFiles(), ...sourceFiles(DB_DIR)]
      .map((file) => relative(process.cwd(), file))
      // db/client.ts probes a write in a transaction it rolls back, and db/folded.ts fills the folded columns while migrating:
      // both on the raw connection, synchronously, before the handle serves anything. db/postgres.ts is
      // withTransaction's PostgreSQL side (and the health probe's one-row transaction with its lock timeout).
      .filter((file) => !['db/transaction.ts', 'db/client.ts', 'db/folded.ts', 'db/postgres.ts'].includes(file))
      .filter((file) => started.test(readFileSync(file, 'utf8')));
    expect(offending).toEqual([]);
  });

  it('one way in: the process handle is asked for with database() by entry points, and query code takes it as a parameter (no getDb outside db/)', () => {
    const offending = productFiles()
      .filter((file) => /\bgetDb\b|\bsetDb\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(process.cwd(), file))
      // The scripts that create the database on purpose give the process its connection.
      .filter((file) => !['scripts/demo-prepare.ts', 'scripts/migrate.ts'].includes(file));
    expect(offending).toEqual([]);
  });
});
