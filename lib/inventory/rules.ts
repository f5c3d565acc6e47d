/**
 * The pure rules of the inventory (expiry, unpaid quantity), called by
 * queries, pages, exports and e-mails alike so that every screen agrees.
 */
import type { ExpiryStatus } from './expiry';

export { expiryStatus, IMMINENT_DAYS, SOON_DAYS, type ExpiryStatus } from './expiry';
export { unpaidQuantity } from './unpaid';

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
