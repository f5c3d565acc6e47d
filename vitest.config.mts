import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The integration tests that run on PostgreSQL as well as on SQLite: they
 * reach the database only through the product's handle and the engine-neutral
 * helpers of tests/helpers/db.ts (createTestDb, one, all, run). A test of what
 * only SQLite has (its file, pragmas, query plans) stays out of this list and
 * says so in its header.
 */
const ON_BOTH_ENGINES = [
  'lib/accounts/queries.test.ts',
  'lib/audit/queries.test.ts',
  'lib/auth/scope.test.ts',
  'lib/auth/sessions.test.ts',
  'lib/inventory/expiring.test.ts',
  'lib/inventory/reader-language.test.ts',
  'lib/reports/queries.test.ts',
  'lib/import/validate.test.ts',
  'tests/integration/writers-at-once.test.ts',
  'lib/auth/account.test.ts',
  'lib/auth/sign-in.test.ts',
  'lib/people/manage.test.ts',
  'lib/people/reset.test.ts',
  'lib/mail/outbox.test.ts',
  'lib/notices/run.test.ts',
  'lib/online-services/provisioning.test.ts',
  'lib/calendar/feed.test.ts',
  'tests/properties/bad-input.test.ts',
  'tests/properties/folded-matching.test.ts',
  'db/folded.test.ts',
  'db/transaction.test.ts',
  'db/batch.test.ts',
  'lib/inventory/ledger-batch.test.ts',
  'lib/health.test.ts',
  'app/(portal)/orders/exportColumns.test.ts',
  'app/(portal)/inventory/benefits/columns.test.tsx',
  'app/(portal)/inventory/columns.test.tsx',
  'app/(portal)/reports/columns.test.tsx',
  'lib/import/docs-example.test.ts',
  'lib/import/bilingual.test.ts',
  'lib/orders/send.test.ts',
  'lib/orders/figures.test.ts',
  'lib/partner/queries.test.ts',
  'lib/inventory/ledger.test.ts',
  'lib/inventory/summaries.test.ts',
  'lib/inventory/benefits.test.ts',
  'lib/inventory/queries.test.ts',
  'lib/orders/queries.test.ts',
  'lib/orders/record.test.ts',
  'lib/import/apply.test.ts',
  'fixtures/demo.test.ts',
];

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      // Server modules import 'server-only'; under vitest it is an empty module.
      'server-only': fileURLToPath(new URL('./tests/setup/server-only.ts', import.meta.url)),
    },
  },
  test: {
    exclude: ['node_modules/**', '.next/**', '.tools/**', 'tests/e2e/**'],
    environment: 'node',
    // next-auth imports `next/server` without an extension, which Node's ESM loader cannot
    // resolve; let vite resolve it (lib/auth/sign-in.ts uses next-auth's error classes).
    server: { deps: { inline: ['next-auth'] } },
    setupFiles: ['tests/setup/vitest.setup.ts'],
    reporters: ['default'],
    slowTestThreshold: 500,
    testTimeout: 20_000,
    env: { LICENSE_DESK_TEST_TODAY: '2026-11-24', APP_TIME_ZONE: 'UTC' },
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['**/*.test.{ts,tsx}'] } },
      // A real PostgreSQL from the npm registry, started once for the run (tests/setup/postgres.ts).
      { extends: true, test: { name: 'postgres', include: ON_BOTH_ENGINES, globalSetup: ['tests/setup/postgres.ts'] } },
    ],
  },
});
