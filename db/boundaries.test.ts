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
