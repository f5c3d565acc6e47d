/**
 * Runs once when the server starts, before it takes a request: validates the
 * configuration and applies the committed migrations (lib/startup.ts).
 */
import type { Instrumentation } from 'next';
import { recordRequestError } from './lib/http/request-faults';

export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { startUp } = await import('./lib/startup');
    await startUp();
  }
}

/**
 * Every error a page, route handler or server action lets escape: a database
 * fault marks the request, and the server answers 503 "service unavailable"
 * instead of 500 (lib/http/database-fault.ts). Next logs the error itself.
 */
export const onRequestError: Instrumentation.onRequestError = (error) => {
  recordRequestError(error);
};
