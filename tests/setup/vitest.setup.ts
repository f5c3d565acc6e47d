import { afterEach, vi } from 'vitest';

// A console.error during a test is a defect the test did not look at.
const originalError = console.error;
afterEach(() => {
  vi.restoreAllMocks();
});
console.error = (...args: unknown[]) => {
  originalError(...args);
  throw new Error(`console.error was called: ${args.map(String).join(' ')}`);
};

// scripts/check-sql-on-postgres.ts runs the suite with this set to collect every SQL text it prepares.
if (process.env.LICENSE_DESK_CAPTURE_SQL) {
  const { captureStatements } = await import('./capture-sql');
  captureStatements(process.env.LICENSE_DESK_CAPTURE_SQL);
}
