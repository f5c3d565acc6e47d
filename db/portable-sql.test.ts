/**
 * The product's SQL is written in what SQLite and PostgreSQL share; what
 * differs lives in db/dialect.ts. This catches the SQLite-only forms as they
 * are typed (scripts/check-sql-on-postgres.ts proves the whole on a real
 * PostgreSQL): `ifnull`, `instr`, `glob`, `group_concat`, `is not` between
 * two values (PostgreSQL's `is not` takes only null, true, false), integers
 * as booleans in a `sql` condition, and `sql<number>` without a number
 * mapper (PostgreSQL's driver returns counts and sums as text).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['lib', 'db', 'app', 'scripts', 'components'];
const DIALECT = 'db/dialect.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'migrations' || entry === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [path] : [];
  });
}

const files = ROOTS.flatMap((root) => sourceFiles(join(process.cwd(), root))).map((path) => ({ name: relative(process.cwd(), path), text: readFileSync(path, 'utf8') }));

/** Code without its comments (SQL inside comments explains; it does not run). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const SQL_WORDS = /\bselect\b[\s\S]*\bfrom\b|\binsert\s+into\b|\bupdate\s+\w+\s+set\b|\bdelete\s+from\b|\bifnull\s*\(|\binstr\s*\(|\bgroup_concat\s*\(|\bglob\s+'/i;

/** The SQL of a file: `sql` templates, and string literals that read as SQL (raw statements and their parts). */
function sqlTexts(text: string): string[] {
  const texts: string[] = [];
  for (const match of code(text).matchAll(/(\bsql(?:<[^>`]*>)?)?`((?:[^`\\]|\\.)*)`|'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"/g)) {
    const [, tag, template, single, double] = match;
    const body = template ?? single ?? double ?? '';
    if (tag || SQL_WORDS.test(body)) texts.push(body);
  }
  return texts;
}

const SQLITE_ONLY: [string, RegExp][] = [
  ['ifnull (use coalesce)', /\bifnull\s*\(/i],
  ['instr (db/dialect.ts: contains)', /\binstr\s*\(/i],
  ['glob', /\bglob\s+'/i],
  ['group_concat (db/dialect.ts: joinedText)', /\bgroup_concat\s*\(/i],
  ['`is not` between values (use `is distinct from`)', /\bis\s+not\s+(?!null\b|true\b|false\b|distinct\b)[\w$?"{]/i],
  ['`where 1`/`where 0` (use true/false)', /\b(where|and|or)\s+[01]\b(?!\s*[=<>!])/i],
];

describe('SQL both engines run', () => {
  it('has no SQLite-only form outside db/dialect.ts', () => {
    const found: string[] = [];
    for (const file of files) {
      if (file.name === DIALECT || file.name === 'scripts/backup.ts') continue; // the SQLite backup is SQLite's own
      const texts = sqlTexts(file.text);
      if (/sql`0`/.test(code(file.text))) found.push(`${file.name}: sql\`0\` as a condition (use sql\`false\`)`);
      for (const [what, pattern] of SQLITE_ONLY) if (texts.some((text) => pattern.test(text))) found.push(`${file.name}: ${what}`);
    }
    expect(files.length).toBeGreaterThan(50);
    expect(found).toEqual([]);
  });

  it('maps every sql<number> to a number', () => {
    const found: string[] = [];
    for (const file of files) {
      const text = code(file.text);
      for (const match of text.matchAll(/sql<number(?:\s*\|\s*null)?>`/g)) {
        let i = match.index + match[0].length;
        for (let depth = 0; i < text.length; i++) {
          if (text[i] === '$' && text[i + 1] === '{') depth++;
          else if (text[i] === '}' && depth > 0) depth--;
          else if (text[i] === '`' && depth === 0) break;
        }
        if (!text.startsWith('.mapWith(', i + 1)) found.push(`${file.name}: ${text.slice(match.index, Math.min(i + 1, match.index + 80)).replace(/\s+/g, ' ')}`);
      }
    }
    expect(found).toEqual([]);
  });
});
