/**
 * `npm run db:generate [-- --name NAME]`: the migrations of both engines from
 * the one data model (db/schema.ts for SQLite, db/schema.pg.ts derived from it
 * for PostgreSQL), so that neither is forgotten (db/schema-parity.test.ts
 * fails when their migrations build different tables).
 */
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
for (const config of ['drizzle.config.ts', 'drizzle.pg.config.ts']) {
  const run = spawnSync('drizzle-kit', ['generate', '--config', config, ...args], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
