import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

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
    include: ['**/*.test.{ts,tsx}'],
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
  },
});
