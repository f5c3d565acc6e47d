/**
 * Rules over the source tree itself, read from the files as they are.
 *
 * Fixtures (the demo data, the import benchmark's document) live in
 * fixtures/, outside the product: the code that is served and imported
 * (app/, components/, lib/, db/) never imports them, so a change to the demo
 * cannot change what an installation does, and the product does not ship a
 * generator of fake customers.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const SKIPPED_DIRS = new Set(['node_modules', '.next', '.tools', '.git', 'data', 'test-results', 'playwright-report']);

/** Every TypeScript file under `dir` (tests included), as absolute paths. */
function typescriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return SKIPPED_DIRS.has(entry) ? [] : typescriptFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

/** The module specifiers a file imports, statically, dynamically or with require(). */
function importedSpecifiers(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]!);
}

/** Whether `specifier`, imported from `file`, names a module in fixtures/. */
function reachesFixtures(file: string, specifier: string): boolean {
  const fixtures = join(ROOT, 'fixtures');
  if (specifier === '@/fixtures' || specifier.startsWith('@/fixtures/')) return true;
  if (!specifier.startsWith('.')) return false;
  const target = resolve(dirname(file), specifier);
  return target === fixtures || target.startsWith(fixtures + sep);
}

describe('fixtures/', () => {
  it('is imported by no code of the product (app/, components/, lib/, db/)', () => {
    const product = ['app', 'components', 'lib', 'db'].flatMap((dir) => typescriptFiles(join(ROOT, dir)));
    const offending = product.flatMap((file) =>
      importedSpecifiers(readFileSync(file, 'utf8'))
        .filter((specifier) => reachesFixtures(file, specifier))
        .map((specifier) => `${relative(ROOT, file)} → ${specifier}`),
    );
    expect(product.length).toBeGreaterThan(100);
    expect(offending).toEqual([]);
  });

  it('recognises every way of naming the folder', () => {
    const inLib = join(ROOT, 'lib', 'import', 'apply.ts');
    expect(reachesFixtures(inLib, '@/fixtures/demo')).toBe(true);
    expect(reachesFixtures(inLib, '../../fixtures/demo')).toBe(true);
    expect(reachesFixtures(inLib, '../../fixtures')).toBe(true);
    expect(reachesFixtures(inLib, './schema')).toBe(false);
    expect(reachesFixtures(inLib, '@/tests/helpers/fixtures')).toBe(false);
    expect(importedSpecifiers("import { a } from '@/fixtures/demo';\nconst b = await import('../x');\nrequire('y');")).toEqual(['@/fixtures/demo', '../x', 'y']);
  });

  it('holds the demo data and the import benchmark, and nothing of them is left in lib/ or db/', () => {
    const names = typescriptFiles(join(ROOT, 'fixtures')).map((file) => relative(ROOT, file));
    expect(names).toEqual(expect.arrayContaining([join('fixtures', 'demo.ts'), join('fixtures', 'import-benchmark.ts')]));
    const leftOver = ['lib', 'db'].flatMap((dir) => typescriptFiles(join(ROOT, dir))).filter((file) => /export (function|const) (buildDemoDocument|largeDocument)\b/.test(readFileSync(file, 'utf8')));
    expect(leftOver.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
