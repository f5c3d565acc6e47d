/**
 * For tests of how queries run: the SQL statements a piece of code prepares,
 * and SQLite's plan for one (`explain query plan`, every parameter bound to 1:
 * the plan depends on the statement's shape, not on the values).
 */
import type { DB } from '@/db/client';

/** Runs `work` and returns every statement it prepared on `db`. */
export async function preparedBy(db: DB, work: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const prepare = db.$client.prepare.bind(db.$client);
  db.$client.prepare = ((source: string) => {
    statements.push(source);
    return prepare(source);
  }) as typeof db.$client.prepare;
  try {
    await work();
  } finally {
    db.$client.prepare = prepare;
  }
  return statements;
}

/** The plan of a statement, one step a line. */
export function planOf(db: DB, sql: string): string {
  const parameters = (sql.match(/\?/g) ?? []).map(() => 1);
  return (db.$client.prepare(`explain query plan ${sql}`).all(...parameters) as { detail: string }[]).map((row) => row.detail).join('\n');
}
