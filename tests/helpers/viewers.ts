/** Viewers and ids for integration tests, built from the database like requireViewer() does. */
import { eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { purchaseAccounts, users } from '@/db/schema';
import { loadViewer, type Viewer } from '@/lib/auth/scope';

export function viewerOf(db: DB, email: string, customerNumber?: string): Viewer {
  const user = db.select({ id: users.id, sessionVersion: users.sessionVersion }).from(users).where(eq(users.email, email)).get();
  if (!user) throw new Error(`no fixture user ${email}`);
  const viewer = loadViewer(db, user.id, user.sessionVersion, customerNumber);
  if (!viewer) throw new Error(`no viewer for ${email}`);
  return viewer;
}

export function accountIdOf(db: DB, number: string): number {
  const row = db.select({ id: purchaseAccounts.id }).from(purchaseAccounts).where(eq(purchaseAccounts.number, number)).get();
  if (!row) throw new Error(`no fixture account ${number}`);
  return row.id;
}
