/**
 * The audit log: who did what, when, from which address. Every
 * entry is filed under the customer or the partner whose log it belongs to,
 * so that a customer's administrators read theirs and a partner's users
 * theirs (lib/audit/queries.ts). Details are plain facts — never a password,
 * a token or a hash.
 */
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog, grants } from '@/db/schema';

export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out_everywhere',
  'password_changed',
  'password_reset_requested',
  'password_reset',
  'person_invited',
  'invitation_accepted',
  'access_changed',
  'person_deactivated',
  'person_reactivated',
  'self_provisioning',
  'self_provisioning_reduced',
  'order_recorded',
  'order_cancelled',
  'order_link_sent',
  'export',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  /** Who did it; null when nobody is known (a failed sign-in with an unknown e-mail). */
  userId: number | null;
  /** What it was about: a kind of thing and its identifier (an e-mail, a line id, an export's path). */
  entity: string;
  entityId?: string | null;
  details?: Record<string, string | number | boolean | null>;
  /** Whose log it is; by default the customer or partner of the user's grant. */
  customerId?: number | null;
  partnerId?: number | null;
  address?: string | null;
  at?: number;
}

/** The customer or partner a user works for (the grant the viewer rule reads: the first). */
export async function logOwnerOfUser(db: Db, userId: number): Promise<{ customerId: number | null; partnerId: number | null }> {
  const grant = (await db.select({ customerId: grants.customerId, partnerId: grants.partnerId }).from(grants).where(eq(grants.userId, userId)).orderBy(grants.id).limit(1))[0];
  return { customerId: grant?.customerId ?? null, partnerId: grant?.partnerId ?? null };
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  const owner = entry.customerId !== undefined || entry.partnerId !== undefined || entry.userId === null ? null : (await logOwnerOfUser(db, entry.userId));
  await db.insert(auditLog)
    .values({
      occurredAt: entry.at ?? Date.now(),
      userId: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
      customerId: entry.customerId ?? owner?.customerId ?? null,
      partnerId: entry.partnerId ?? owner?.partnerId ?? null,
      address: entry.address ?? null,
    })
    ;
}

/** An export, as its route handler answers it: which one (path and filters), how many rows, by whom, from where. */
export async function recordExport(db: Db, viewer: { userId: number; customer: { id: number } | null; partner: { id: number } | null }, request: Request, rows: number, address: string): Promise<void> {
  const url = new URL(request.url);
  await recordAudit(db, {
    action: 'export',
    userId: viewer.userId,
    entity: 'export',
    entityId: `${url.pathname}${url.search}`,
    details: { rows },
    // A partner's export of a customer's data is in both logs' reach: filed under the customer, by the partner.
    customerId: viewer.customer?.id ?? null,
    partnerId: viewer.partner?.id ?? null,
    address,
  });
}
