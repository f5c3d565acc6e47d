/**
 * Rules over the source tree itself, read from the files as they are.
 *
 * Fixtures (the demo data, the import benchmark's document) live in
 * fixtures/, outside the product: the code that is served and imported
 * (app/, components/, lib/, db/) never imports them, so a change to the demo
 * cannot change what an installation does, and the product does not ship a
 * generator of fake customers.
 *
 * No function in lib/ is longer than MAX_FUNCTION_LINES: a longer one is
 * split into named steps, so that each says what it does and can be read at
 * once. Pages and components (app/, components/) are laid out as markup and
 * are not measured.
 *
 * Comments and docs stand alone: none cites an issue number or a section of
 * the product specification, and none points at documents outside the
 * project. A fresh clone has neither the issues nor the specification, so a
 * comment states the rule itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
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

const MAX_FUNCTION_LINES = 150;

/** Every function, arrow function, method, accessor and constructor of `text` longer than `max` lines (its signature to its closing brace), named. */
function longFunctions(fileName: string, text: string, max: number): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line + 1;
  const nameOf = (node: ts.FunctionLikeDeclaration): string => {
    if (node.name) return node.name.getText(source);
    const parent = node.parent;
    if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return parent.name.getText(source);
    if (ts.isConstructorDeclaration(node)) return 'constructor';
    return '(anonymous)';
  };
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node) ||
        ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node) || ts.isConstructorDeclaration(node)) &&
      node.body
    ) {
      const first = lineOf(node.getStart(source));
      const lines = lineOf(node.getEnd()) - first + 1;
      if (lines > max) found.push(`${fileName}:${first} ${nameOf(node)} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('functions in lib/', () => {
  it(`are at most ${MAX_FUNCTION_LINES} lines long`, () => {
    const files = typescriptFiles(join(ROOT, 'lib')).filter((file) => !/\.test\.tsx?$/.test(file));
    const tooLong = files.flatMap((file) => longFunctions(relative(ROOT, file), readFileSync(file, 'utf8'), MAX_FUNCTION_LINES));
    expect(files.length).toBeGreaterThan(100);
    expect(tooLong).toEqual([]);
  });

  it('are measured whatever their form, from the signature to the closing brace', () => {
    const body = (n: number) => Array.from({ length: n - 2 }, (_, i) => `  step(${i});`).join('\n');
    const text = [
      `export function declared() {\n${body(5)}\n}`,
      `const arrow = () => {\n${body(6)}\n};`,
      `const expression = function () {\n${body(4)}\n};`,
      `class Holder {\n  method() {\n${body(7)}\n  }\n  constructor() {\n${body(3)}\n  }\n}`,
      `run(() => {\n${body(5)}\n});`,
    ].join('\n');
    expect(longFunctions('x.ts', text, 4)).toEqual(['x.ts:1 declared (5 lines)', 'x.ts:6 arrow (6 lines)', 'x.ts:17 method (7 lines)', 'x.ts:28 (anonymous) (5 lines)']);
    expect(longFunctions('x.ts', text, 5)).toEqual(['x.ts:6 arrow (6 lines)', 'x.ts:17 method (7 lines)']);
  });
});

/** Where a citation of something outside the project hides: every text file, but dependencies, builds and generated metadata. */
const TEXT_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs|css|md|json|sql|ya?ml|txt|html)$/;
const NOT_SCANNED = new Set(['package-lock.json', join('db', 'migrations', 'meta'), join('db', 'migrations-pg', 'meta'), join('tests', 'source-tree.test.ts')]);
/**
 * Files whose citations are still to be rewritten (none now). An entry that
 * no longer holds a citation fails the test below, so the list only shrinks.
 */
const PENDING = new Set<string>();

/** Every text file of the project (hidden folders — .git, .next, .tools — and dependencies left out), relative to the root. */
function projectTextFiles(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    const name = relative(ROOT, path);
    if (entry.startsWith('.') || SKIPPED_DIRS.has(entry) || NOT_SCANNED.has(name)) return [];
    if (statSync(path).isDirectory()) return projectTextFiles(path);
    return TEXT_FILE.test(entry) ? [name] : [];
  });
}

const CITATIONS: [string, RegExp, RegExp?][] = [
  ['an issue number', /\bissues? ?#?\d+/i],
  ['a defect number', /\bdefects? ?#?\d+/i],
  // Not in style sheets, where `#000` is a colour.
  ['an issue reference', /(?:^|[\s(])#\d{1,5}\b/, /\.css$/],
  ['the specification', /\bSPEC\b/],
  ['a section sign (other than an RFC section)', /(?<!RFC \d{1,5} )§/],
  ['a document outside the project', /\b(?:UI|SPEC|ARCHITECTURE|MACHINE-NOTES)\.md\b|(?:\.\.\/|\/work\/)shared\b/],
];

/** The citations in `text` (the content of `file`), each as `line: what — the line`. */
function citations(text: string, file: string): string[] {
  const patterns = CITATIONS.filter(([, , notIn]) => !notIn?.test(file));
  return text.split('\n').flatMap((line, index) =>
    patterns.filter(([, pattern]) => pattern.test(line)).map(([what]) => `${index + 1}: ${what} — ${line.trim().slice(0, 100)}`),
  );
}

describe('comments and docs', () => {
  it('cite no issue, no section of the specification and no document outside the project', () => {
    const files = projectTextFiles();
    const found = files.filter((file) => !PENDING.has(file)).flatMap((file) => citations(readFileSync(join(ROOT, file), 'utf8'), file).map((hit) => `${file}:${hit}`));
    expect(files).toEqual(expect.arrayContaining(['README.md', join('docs', 'architecture.md'), join('lib', 'csv.ts'), join('tests', 'e2e', 'isolation.spec.ts'), join('app', 'globals.css')]));
    expect(found).toEqual([]);
  });

  it('keeps a file pending only while it still holds a citation', () => {
    const stale = [...PENDING].filter((file) => citations(readFileSync(join(ROOT, file), 'utf8'), file).length === 0);
    expect(stale).toEqual([]);
  });

  it('recognises each form of citation, and leaves ordinary words and RFC sections alone', () => {
    const cited = [
      '// The total is kept on write (issue 13).',
      ' * Sessions end on the server (issue 7, defect 1): a copy',
      '/** Issue 9 without JavaScript */',
      '- fixed in #42',
      ' * The expiry rule of SPEC §5.',
      '/* see §3 item 2 */',
      ' * Every list of the portal (UI.md): headings',
      'read ../shared/ARCHITECTURE.md',
      ' * defect 4: HTTP 503',
    ];
    for (const line of cited) expect(citations(line, 'x.ts'), line).not.toEqual([]);
    expect(citations('/* kept on write (issue 13) */', 'x.css')).not.toEqual([]);
    const plain = [
      'for (const issue of issues) errors[fieldOf(issue.path)] ??= issue.message;',
      " * Text escaped for an iCalendar value (RFC 5545 §3.3.11): backslash",
      "const ENTITIES = { '#39': \"'\" };",
      'tests/e2e/isolation.spec.ts',
      'when an issue is on something no person typed',
    ];
    for (const line of plain) expect(citations(line, 'x.ts'), line).toEqual([]);
    expect(citations('  color: #000;', 'x.css')).toEqual([]);
  });
});
