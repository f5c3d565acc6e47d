/**
 * db/ holds the schema, the client and the migrations only: nothing here may
 * reach up into the domain (lib/), apart from the configuration it opens the
 * database with and the search folding (a pure function) with which it fills
 * the folded columns of rows written before they existed — a stored fold must
 * be the fold the searches use (db/folded.ts). Demo data and the importer
 * live in lib/import/.
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
    return /\.(ts|tsx|mts)$/.test(entry) && !entry.endsWith('.test.ts') ? [path] : [];
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
