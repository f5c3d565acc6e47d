/** Viewers and ids for integration tests, built from the database like requireViewer() does. */
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { purchaseAccounts, users } from '@/db/schema';
import { loadViewer, type Viewer } from '@/lib/auth/scope';

export async function viewerOf(db: Db, email: string, customerNumber?: string): Promise<Viewer> {
  const user = (await db.select({ id: users.id, sessionVersion: users.sessionVersion }).from(users).where(eq(users.email, email)).limit(1))[0];
  if (!user) throw new Error(`no fixture user ${email}`);
  const viewer = (await loadViewer(db, user.id, user.sessionVersion, customerNumber));
  if (!viewer) throw new Error(`no viewer for ${email}`);
  return viewer;
}

export async function accountIdOf(db: Db, number: string): Promise<number> {
  const row = (await db.select({ id: purchaseAccounts.id }).from(purchaseAccounts).where(eq(purchaseAccounts.number, number)).limit(1))[0];
  if (!row) throw new Error(`no fixture account ${number}`);
  return row.id;
}
