/**
 * Records every distinct SQL text that better-sqlite3 prepares during a
 * vitest run, with where it came from (the product or a test), so that
 * scripts/check-sql-on-postgres.ts can replay them on PostgreSQL. On only
 * when LICENSE_DESK_CAPTURE_SQL names the file to append to (one JSON line
 * per text and origin); the normal test run never loads this module.
 */
import Database from 'better-sqlite3';
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * `dependency`: no file of the project on the stack — a library's own
 * statement run from a callback (the SQLite store of the sign-in limits).
 */
export type CapturedStatement = { sql: string; origin: 'product' | 'test' | 'dependency'; file: string };

/** How many times a text first seen from a test is looked at again to find a product caller. */
const LOOKS_PER_TEXT = 20;

export function captureStatements(file: string): void {
  const proto = Database.prototype as unknown as { prepare: (this: Database.Database, source: string) => Database.Statement; __captured?: boolean };
  if (proto.__captured) return;
  proto.__captured = true;
  const fromProduct = new Set<string>();
  const looks = new Map<string, number>();
  const prepare = proto.prepare;
  proto.prepare = function (source: string) {
    if (!fromProduct.has(source) && (looks.get(source) ?? 0) < LOOKS_PER_TEXT) {
      looks.set(source, (looks.get(source) ?? 0) + 1);
      const caller = callerFile();
      const origin = caller === undefined ? 'dependency' : /(^|\/)tests\/|\.test\.tsx?$/.test(caller) ? 'test' : 'product';
      if (origin === 'product') fromProduct.add(source);
      if (origin === 'product' || looks.get(source) === 1) {
        const line: CapturedStatement = { sql: source, origin, file: caller ?? '?' };
        appendFileSync(file, `${JSON.stringify(line)}\n`);
      }
    }
    return prepare.call(this, source);
  };
}

/** The first file on the stack that is neither a dependency nor this module. */
function callerFile(): string | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const line of stack.split('\n').slice(1)) {
    const match = /\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?\s*$/.exec(line);
    if (!match) continue;
    const path = match[1]!.replace(/^file:\/\//, '');
    if (!path.startsWith(process.cwd()) || path.includes('/node_modules/') || path.endsWith('/capture-sql.ts')) continue;
    return relative(process.cwd(), path);
  }
  return undefined;
}
