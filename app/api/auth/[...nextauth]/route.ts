/**
 * next-auth's own routes (/api/auth/*).
 *
 * Served by Auth.js's core on a request addressed to APP_URL: next-auth's
 * ready-made handlers rebuild the request as a NextRequest, which turns a
 * loopback host (127.0.0.1, [::1]) into "localhost", so their redirects
 * pointed at http://localhost:PORT instead of APP_URL.
 *
 * Two corrections on the way out:
 * - A renewed session cookie never expires later than the token it holds,
 *   whose expiry is capped at the session's absolute end (lib/auth/config.ts):
 *   next-auth would otherwise date the cookie from the renewal.
 * - The session id stays on the server: /api/auth/session does not show it.
 */
import { Auth, setEnvDefaults, type AuthConfig } from '@auth/core';
import type { NextRequest } from 'next/server';
import { decode } from 'next-auth/jwt';
import { authConfig, handlers } from '@/lib/auth/config';

const SESSION_COOKIE = /^((?:__Secure-)?authjs\.session-token)=([^;]*)/;

let coreConfig: AuthConfig | undefined;

function configForCore(): AuthConfig {
  if (!coreConfig) {
    const config = authConfig() as AuthConfig;
    // What next-auth's handlers would add before calling the core.
    config.basePath ??= '/api/auth';
    config.secret ??= process.env.AUTH_SECRET;
    setEnvDefaults(process.env, config, true);
    coreConfig = config;
  }
  return coreConfig;
}

async function handle(request: NextRequest): Promise<Response> {
  const appUrl = process.env.APP_URL;
  if (!appUrl) return request.method === 'POST' ? handlers.POST(request) : handlers.GET(request);
  const url = new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, new URL(appUrl).origin);
  const body = request.method === 'POST' ? await request.arrayBuffer() : undefined;
  return Auth(new Request(url, { method: request.method, headers: request.headers, body }), configForCore());
}

async function capExpiry(cookie: string): Promise<string> {
  const match = cookie.match(SESSION_COOKIE);
  const secret = process.env.AUTH_SECRET;
  if (!match || !match[2] || !secret) return cookie;
  const payload = await decode({ token: match[2], secret, salt: match[1]! }).catch(() => null);
  if (!payload?.exp) return cookie;
  const expires = new Date(payload.exp * 1000);
  const maxAge = Math.max(0, Math.floor((expires.getTime() - Date.now()) / 1000));
  return cookie.replace(/;\s*Expires=[^;]*/i, `; Expires=${expires.toUTCString()}`).replace(/;\s*Max-Age=\d+/i, `; Max-Age=${maxAge}`);
}

async function corrected(request: NextRequest, response: Response): Promise<Response> {
  const cookies = response.headers.getSetCookie();
  const isSession = request.nextUrl.pathname.endsWith('/session') && request.method === 'GET';
  if (!isSession && !cookies.some((cookie) => SESSION_COOKIE.test(cookie))) return response;
  const headers = new Headers(response.headers);
  headers.delete('set-cookie');
  for (const cookie of cookies) headers.append('set-cookie', await capExpiry(cookie));
  let body: BodyInit | null = response.body;
  if (isSession && response.headers.get('content-type')?.includes('application/json')) {
    const session = (await response.json()) as Record<string, unknown> | null;
    if (session) delete session.sessionId;
    body = JSON.stringify(session);
    headers.delete('content-length');
  }
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

export async function GET(request: NextRequest) {
  return corrected(request, await handle(request));
}

export async function POST(request: NextRequest) {
  return corrected(request, await handle(request));
}
