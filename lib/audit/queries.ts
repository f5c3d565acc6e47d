/**
 * Reading the audit log: a customer's administrators read their
 * customer's entries, a partner's users their partner's; nobody else reads
 * any. Filterable by action and dates, newest first, paged.
 */
import type { Db } from '@/db/client';
import 'server-only';
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog, users } from '@/db/schema';
import type { Viewer } from '@/lib/auth/scope';
import { calendarDateParam } from '@/lib/calendar-date';
import { addDays } from '@/lib/clock';
import { AUDIT_ACTIONS, type AuditAction } from './log';

export const ACTIVITY_PAGE_SIZE = 50;
/** The export's bound (the most recent entries; the filters narrow it). */
export const ACTIVITY_EXPORT_LIMIT = 50_000;

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const activityParamsSchema = z.object({
  action: z.preprocess((value) => (single(value) === '' ? undefined : single(value)), z.enum(AUDIT_ACTIONS).optional()).catch(undefined),
  from: calendarDateParam,
  to: calendarDateParam,
  page: z.preprocess(single, z.coerce.number().int().min(1).max(100_000).optional()).catch(undefined),
});
export type ActivityParams = z.infer<typeof activityParamsSchema>;

/** Whose log the viewer reads; null when it may read none (account viewers). */
export function activityOwner(viewer: Viewer): SQL | null {
  if (viewer.role === 'customer_admin' && viewer.customer) return eq(auditLog.customerId, viewer.customer.id);
  if (viewer.role === 'partner_user' && viewer.partner) return eq(auditLog.partnerId, viewer.partner.id);
  return null;
}

export interface ActivityEntry {
  id: number;
  occurredAt: number;
  action: AuditAction;
  userName: string | null;
  userEmail: string | null;
  entity: string;
  entityId: string | null;
  details: Record<string, string | number | boolean | null> | null;
  address: string | null;
}

/** `from` and `to` are days in APP_TIME_ZONE's calendar, read as UTC days (the log's instants are UTC). */
function conditions(owner: SQL, filters: Omit<ActivityParams, 'page'>): SQL {
  return and(
    owner,
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.from ? gte(auditLog.occurredAt, Date.parse(`${filters.from}T00:00:00Z`)) : undefined,
    filters.to ? lt(auditLog.occurredAt, Date.parse(`${addDays(filters.to, 1)}T00:00:00Z`)) : undefined,
  )!;
}

function select(db: Db) {
  return db
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      action: auditLog.action,
      userName: users.name,
      userEmail: users.email,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      details: auditLog.details,
      address: auditLog.address,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId));
}

function toEntry(row: Awaited<ReturnType<typeof select>>[number]): ActivityEntry {
  return { ...row, action: row.action as AuditAction, details: row.details ? (JSON.parse(row.details) as ActivityEntry['details']) : null };
}

/** One page of the viewer's log, newest first; null when the viewer may not read any (the page answers 404). */
export async function listActivity(db: Db, viewer: Viewer, params: ActivityParams): Promise<{ entries: ActivityEntry[]; total: number; page: number; pages: number } | null> {
  const owner = activityOwner(viewer);
  if (!owner) return null;
  const where = conditions(owner, params);
  const total = (await db.select({ n: count() }).from(auditLog).where(where).limit(1))[0]?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE));
  const page = Math.min(Math.max(1, params.page ?? 1), pages);
  const entries = (await select(db)
    .where(where)
    .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
    .limit(ACTIVITY_PAGE_SIZE)
    .offset((page - 1) * ACTIVITY_PAGE_SIZE)
    )
    .map(toEntry);
  return { entries, total, page, pages };
}

/** The export: the same entries, newest first, at most ACTIVITY_EXPORT_LIMIT. */
export async function listActivityForExport(db: Db, viewer: Viewer, params: ActivityParams): Promise<ActivityEntry[] | null> {
  const owner = activityOwner(viewer);
  if (!owner) return null;
  return (await select(db).where(conditions(owner, params)).orderBy(desc(auditLog.occurredAt), desc(auditLog.id)).limit(ACTIVITY_EXPORT_LIMIT)).map(toEntry);
}
