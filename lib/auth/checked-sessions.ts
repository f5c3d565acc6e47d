/**
 * The sessions auth() found standing during this request, by session id.
 *
 * next-auth's jwt callback (./config.ts) reads a session's row on every
 * request to decide whether the cookie still stands; the viewer's load
 * (loadSessionViewer in ./scope.ts) needs the same verdict right after. Kept
 * here, the row is read once per request instead of twice — a round trip
 * saved on every page, which on PostgreSQL is a measurable part of a light
 * page's time. React's cache() makes the map live for one request; outside
 * a render (a script, a test) each call gets a fresh, empty map, and the
 * viewer's load reads the row itself, as it always may.
 */
import { cache } from 'react';
import type { ActiveSession } from './sessions';

export const sessionsCheckedThisRequest = cache((): Map<string, ActiveSession> => new Map());
