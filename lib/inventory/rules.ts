/**
 * The pure rules of the inventory (SPEC §5), called by queries, pages,
 * exports and e-mails alike so that every screen agrees.
 */
import { daysBetween } from '@/lib/clock';

export type ExpiryStatus =
  | { kind: 'expired'; days: number }
  | { kind: 'imminent'; days: number } // 0–30 days: the date in red + "Expire dans N jours"
  | { kind: 'soon'; days: number } // 31–90 days: "Expire bientôt"
  | { kind: 'none' };

export const IMMINENT_DAYS = 30;
export const SOON_DAYS = 90;

/** Whole calendar days from today to the next expiration decide the marker. */
export function expiryStatus(today: string, nextExpiration: string | null | undefined): ExpiryStatus {
  if (!nextExpiration) return { kind: 'none' };
  const days = daysBetween(today, nextExpiration);
  if (days < 0) return { kind: 'expired', days };
  if (days <= IMMINENT_DAYS) return { kind: 'imminent', days };
  if (days <= SOON_DAYS) return { kind: 'soon', days };
  return { kind: 'none' };
}

const urgencyRank: Record<ExpiryStatus['kind'], number> = { expired: 0, imminent: 1, soon: 2, none: 3 };

/** The most urgent of several markers (for a collapsed product row). */
export function mostUrgent(statuses: ExpiryStatus[]): ExpiryStatus {
  return statuses.reduce<ExpiryStatus>((best, status) => {
    const byRank = urgencyRank[status.kind] - urgencyRank[best.kind];
    if (byRank < 0) return status;
    if (byRank === 0 && status.kind !== 'none' && best.kind !== 'none' && status.days < best.days) return status;
    return best;
  }, { kind: 'none' });
}

/**
 * Services in use but not yet ordered by the partner (self-provisioned):
 * available − ordered, only when positive. Available < ordered (ordered, not
 * yet provisioned) is never unpaid.
 */
export function unpaidQuantity(available: number, ordered: number): number {
  return Math.max(0, available - ordered);
}
