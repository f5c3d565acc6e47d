import { useTranslations } from 'next-intl';
import type { ExpiryStatus } from '@/lib/inventory/rules';

/**
 * The expiry marker (expiryStatus() in lib/inventory/expiry.ts decides), in
 * colour and in words: amber "Expire bientôt" for 31–90 days; for ≤ 30 days
 * the words in a red that keeps 4.5:1 contrast; grey "Expiré" once the date
 * has passed (the colours: `.expiry-*` in app/globals.css).
 */
export function ExpiryBadge({ status }: { status: ExpiryStatus }) {
  const t = useTranslations('inventory.expiry');
  switch (status.kind) {
    case 'none':
      return null;
    case 'soon':
      return <span className="expiry expiry-soon" data-expiry="soon">{t('soon')}</span>;
    case 'imminent':
      return <span className="expiry expiry-imminent" data-expiry="imminent">{t('inDays', { days: status.days })}</span>;
    case 'expired':
      return <span className="expiry expiry-expired" data-expiry="expired">{t('expired')}</span>;
  }
}

/** A next-expiration date with its marker; the date itself in red when ≤ 30 days. */
export function ExpiryDate({ status, formatted }: { status: ExpiryStatus; formatted: string }) {
  return (
    <span className="expiry-date">
      {status.kind === 'imminent' ? <span className="font-semibold text-expiry-red">{formatted}</span> : <span>{formatted}</span>}
      <ExpiryBadge status={status} />
    </span>
  );
}
