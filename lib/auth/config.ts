/**
 * next-auth (Auth.js v5): e-mail and password through the Credentials
 * provider, JWT sessions. The token carries only the user id and session
 * version; everything else is re-read from the database on every request by
 * requireViewer() (roles change, JWT claims go stale).
 */
import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { lockedUntil, recordSignInAttempt } from './lockout';
import { decoyHash, verifyPassword } from './password';

export class InvalidCredentials extends CredentialsSignin {
  override code = 'invalid';
}

export class LockedOut extends CredentialsSignin {
  override code = 'locked';
}

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** The client address, as reported by the nearest proxy (Next's server sets it too). */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last || headers.get('x-real-ip') || 'unknown';
}

declare module 'next-auth' {
  interface Session {
    userId: number;
    sessionVersion: number;
  }
  interface User {
    sessionVersion?: number;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  logger: {
    // Wrong passwords and lockouts are expected answers, not server errors.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === 'CredentialsSignin') return;
      console.error('[auth]', error);
    },
  },
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const { email, password } = parsed.data;
        const db = getDb();
        const ip = clientAddress(request.headers);
        const now = Date.now();
        if (lockedUntil(db, email, ip, now) !== null) throw new LockedOut();

        const user = db
          .select({ id: users.id, passwordHash: users.passwordHash, active: users.active, sessionVersion: users.sessionVersion })
          .from(users)
          .where(eq(users.email, email))
          .get();
        // Verify against a decoy when the user is unknown so both cases take as long.
        const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
        if (!user || !user.passwordHash || !valid || !user.active) {
          recordSignInAttempt(db, email, ip, false, now);
          throw new InvalidCredentials();
        }
        recordSignInAttempt(db, email, ip, true, now);
        db.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id)).run();
        return { id: String(user.id), sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = user.sessionVersion ?? 1;
        // Nothing else about the user travels in the cookie.
        delete token.name;
        delete token.email;
        delete token.picture;
      }
      return token;
    },
    session({ session, token }) {
      return { expires: session.expires, userId: Number(token.uid), sessionVersion: Number(token.sv) } as typeof session;
    },
  },
});
