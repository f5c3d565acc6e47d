/**
 * Runs once when the server starts, before it takes a request: validates the
 * configuration and applies the committed migrations (lib/startup.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { startUp } = await import('./lib/startup');
    startUp();
  }
}
