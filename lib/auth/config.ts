/**
 * next-auth (Auth.js v5): e-mail and password through the Credentials
 * provider, sessions kept on the server (lib/auth/sessions.ts,
 * docs/decisions/0005-server-side-sessions.md).
 *
 * The cookie is a JWT that carries only the session id, the user id and the
 * session version. Every request re-reads the session row (ended? idle? too
 * old?) in the jwt callback and again in requireViewer(), and everything
 * about the user from the database (roles change, JWT claims go stale).
 */
import 'server-only';
import NextAuth, { type NextAuthConfig } from 'next-auth';
import { encode as encodeJwt, type JWT } from 'next-auth/jwt';
import Credentials from 'next-auth/providers/credentials';
import { database } from '@/db/client';
import { env } from '@/lib/env';
import { clientAddress } from '@/lib/http/request-headers';
import { safeCallbackPath } from './redirect';
import { sessionsCheckedThisRequest } from './checked-sessions';
import { activeSession, endSession, startSession, type SessionLimits } from './sessions';
import { authorizeCredentials, causedByDatabaseFault, ServiceUnavailable } from './sign-in';

/** A refused flood attempt waits this long for its answer (lib/auth/sign-in.ts). */
const REFUSAL_DELAY_MS = 1000;

export function sessionLimits(): SessionLimits {
  const config = env();
  return { idleMs: config.SESSION_IDLE_TIMEOUT, absoluteMs: config.SESSION_MAX_AGE };
}

declare module 'next-auth' {
  interface Session {
    userId: number;
    sessionVersion: number;
    /** The random id of the server-side session (never exposed by /api/auth/session). */
    sessionId: string;
  }
  interface User {
    sessionVersion?: number;
  }
}

/** The claims License Desk puts in the session JWT, and nothing else about the user. */
interface SessionClaims extends JWT {
  uid: number;
  sv: number;
  sid: string;
  /** The session's absolute end (epoch seconds): the token's expiry never goes past it. */
  sae: number;
}

function logFault(what: string, error: unknown) {
  console.error(`[auth] ${what}: the database failed`, error);
}

function buildConfig(): NextAuthConfig {
  const config = env();
  // next-auth builds its own URLs (redirects of /api/auth/*, callback URLs)
  // from AUTH_URL when set, else from the request's Host: make it APP_URL.
  if (config.APP_URL && !process.env.AUTH_URL) process.env.AUTH_URL = new URL(config.APP_URL).origin;
  const limits = sessionLimits();

  return {
    trustHost: true,
    useSecureCookies: config.APP_URL?.startsWith('https:') ? true : undefined,
    logger: {
      // Refused sign-ins are expected answers, not server errors (faults are logged where they happen).
      error(error) {
        const type = (error as { type?: string }).type;
        if (type === 'CredentialsSignin') return;
        console.error('[auth]', error);
      },
    },
    // The cookie lives at most as long as a session may; idleness is judged on the server.
    session: { strategy: 'jwt', maxAge: Math.floor(limits.absoluteMs / 1000) },
    jwt: {
      // Whenever the token is (re)issued, it expires no later than the session's absolute end.
      async encode(params) {
        const end = (params.token as Partial<SessionClaims> | undefined)?.sae;
        const nowSeconds = Math.floor(Date.now() / 1000);
        const maxAge = end ? Math.max(1, Math.min(params.maxAge ?? Infinity, end - nowSeconds)) : params.maxAge;
        return encodeJwt({ ...params, maxAge });
      },
    },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        authorize: async (raw, request) =>
          (await authorizeCredentials(raw, {
            db: database(),
            address: clientAddress(request.headers),
            now: Date.now(),
            limits: { perAddress: config.SIGN_IN_LIMIT_PER_ADDRESS, perAccount: config.SIGN_IN_LIMIT_PER_ACCOUNT },
            refusalDelayMs: REFUSAL_DELAY_MS,
          })),
      }),
    ],
    callbacks: {
      /** Only same-origin paths, percent-encoded (a header cannot carry other characters). */
      redirect({ url, baseUrl }) {
        const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || '/' : url;
        return `${baseUrl}${safeCallbackPath(path)}`;
      },
      async jwt({ token, user }) {
        const db = database();
        const now = Date.now();
        if (user) {
          const userId = Number(user.id);
          try {
            const sid = (await startSession(db, userId, now, limits));
            // A fresh token: nothing else about the user travels in the cookie.
            const claims: SessionClaims = { uid: userId, sv: user.sessionVersion ?? 1, sid, sae: Math.floor((now + limits.absoluteMs) / 1000) };
            return claims;
          } catch (error) {
            if (!causedByDatabaseFault(error)) throw error;
            logFault('starting a session', error);
            throw new ServiceUnavailable();
          }
        }
        try {
          const session = (await activeSession(db, token.sid, now, limits, { touch: true }));
          // Ended, idle, expired or unknown: no session, and next-auth clears the cookie instead of renewing it.
          if (!session || session.userId !== token.uid) return null;
          sessionsCheckedThisRequest().set(String(token.sid), session);
          return { ...token, sae: Math.floor(session.absoluteEnd / 1000) };
        } catch (error) {
          if (!causedByDatabaseFault(error)) throw error;
          // The row cannot be read now: leave the cookie alone; requireViewer() reads it again and reports the fault.
          logFault('reading a session', error);
          return token;
        }
      },
      session({ session, token }) {
        return { expires: session.expires, userId: Number(token.uid), sessionVersion: Number(token.sv), sessionId: String(token.sid) } as typeof session;
      },
    },
    events: {
      // Sign-out through next-auth's own route; the form's action ends the session itself first (lib/auth/actions.ts).
      async signOut(message) {
        const token = 'token' in message ? message.token : null;
        if (token?.sid) await endSession(database(), token.sid, 'signed_out', Date.now());
      },
    },
  };
}

let built: NextAuthConfig | undefined;

/** The configuration, built once (on first use: never while `next build` collects pages). */
export function authConfig(): NextAuthConfig {
  built ??= buildConfig();
  return built;
}

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
