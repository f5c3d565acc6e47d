/**
 * Which request a database fault happened in; the other
 * half is lib/http/database-fault.ts, which answers 503 for it.
 *
 * instrumentation.ts `onRequestError` (Next calls it for every error a page,
 * route handler or server action lets escape) calls recordRequestError();
 * scripts/serve.ts runs each request inside runRecordingFaults(). The store
 * lives on globalThis because the server script and Next's server bundle
 * load this module separately and must share one. Kept free of Node-only
 * APIs other than AsyncLocalStorage: instrumentation.ts is also compiled for
 * the Edge runtime.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isDatabaseFault } from '../../db/errors';

export type RequestFaults = { databaseFault?: unknown };

const STORE_KEY = Symbol.for('license-desk.request-faults');
const globalStore = globalThis as unknown as { [STORE_KEY]?: AsyncLocalStorage<RequestFaults> };
const requests = (globalStore[STORE_KEY] ??= new AsyncLocalStorage<RequestFaults>());

/** instrumentation.ts onRequestError: remembers a database fault for the request it happened in. */
export function recordRequestError(error: unknown): void {
  const current = requests.getStore();
  if (current && current.databaseFault === undefined && isDatabaseFault(error)) current.databaseFault = error;
}

/** True once a database fault was recorded for the current request (for tests and logs). */
export function hasDatabaseFault(): boolean {
  return requests.getStore()?.databaseFault !== undefined;
}

/** Runs one request's handling with its own fault record. */
export function runRecordingFaults<T>(faults: RequestFaults, handle: () => T): T {
  return requests.run(faults, handle);
}
