import { defineConfig } from 'drizzle-kit';

/** The PostgreSQL migrations, generated from db/schema.pg.ts (derived from db/schema.ts): `npm run db:generate`. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.pg.ts',
  out: './db/migrations-pg',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/license_desk' },
  strict: true,
  verbose: true,
});
