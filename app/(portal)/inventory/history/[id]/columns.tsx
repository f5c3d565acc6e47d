import Link from 'next/link';
import type { Column, Translate } from '@/components/columns';
import type { Locale } from '@/db/schema';
import { formatCount, formatDate } from '@/lib/i18n/format';
import { IMPORT_NOTE } from '@/lib/i18n/names';
import type { LineHistory, Totals } from '@/lib/inventory/queries';
import { hrefWith } from '@/lib/url';
import type { CountsKind } from '../../columns';

/** The catalogue namespace of the history's headings. */
export const HISTORY_NAMESPACE = 'inventory';

export type HistoryEntry = LineHistory['entries'][number];

/** A count and the transaction field that changes it. */
export type Measure = { key: keyof Totals; delta: 'licenseDelta' | 'saDelta' | 'availableDelta' | 'orderedDelta'; heading: string };

/**
 * What a line is counted in: available and ordered subscriptions for an online
 * service, a number of subscriptions for a developer subscription or a cloud
 * platform (its licence count; no SA), licences and SA otherwise.
 */
export function measuresOf(counts: CountsKind): Measure[] {
  if (counts === 'units') return [{ key: 'licenseCount', delta: 'licenseDelta', heading: 'columns.subscriptionCount' }];
  return counts === 'subscriptions'
    ? [
        { key: 'availableCount', delta: 'availableDelta', heading: 'columns.available' },
        { key: 'orderedCount', delta: 'orderedDelta', heading: 'columns.ordered' },
      ]
    : [
        { key: 'licenseCount', delta: 'licenseDelta', heading: 'columns.licenseCount' },
        { key: 'saCount', delta: 'saDelta', heading: 'columns.saCount' },
      ];
}

/** Afficher l'historique: each transaction, its change to each count, and the running totals that end at the line's counts. */
export function historyColumns({ t, locale, measures, scope, customerName }: { t: Translate; locale: Locale; measures: Measure[]; scope: { customer?: string }; customerName?: string }): Column<HistoryEntry>[] {
  const count = (value: number) => formatCount(locale, value);
  const signed = (value: number) => (value > 0 ? `+${count(value)}` : value < 0 ? `−${count(-value)}` : '0');
  return [
    { key: 'date', heading: 'history.date', code: true, cell: (entry) => formatDate(locale, entry.occurredOn) },
    { key: 'kind', heading: 'history.kind', cell: (entry) => t(`history.kinds.${entry.kind}`) },
    {
      key: 'order',
      heading: 'history.order',
      code: true,
      cell: (entry) =>
        entry.orderNumber ? (
          // The order behind the change, expanded (Afficher l'historique des commandes), in the same scope.
          <Link href={hrefWith(`/orders/${encodeURIComponent(entry.orderNumber)}`, scope)} prefetch={false} className="link">
            {entry.orderNumber}
          </Link>
        ) : (
          '—'
        ),
    },
    ...measures.map(
      (measure): Column<HistoryEntry> => ({
        key: `change-${measure.key}`,
        heading: { key: 'history.changeOf', values: { measure: t(measure.heading) } },
        numeric: true,
        cell: (entry) => signed(entry[measure.delta]),
      }),
    ),
    ...measures.map(
      (measure): Column<HistoryEntry> => ({
        key: `running-${measure.key}`,
        heading: { key: 'history.runningOf', values: { measure: t(measure.heading) } },
        numeric: true,
        cell: (entry) => <span data-testid={`running-${measure.key}`}>{count(entry.running[measure.key])}</span>,
      }),
    ),
    // Who made the change: the person recorded, or — for a self-provisioning recorded without one (an import) — the customer itself.
    { key: 'author', heading: 'history.author', text: true, cell: (entry) => entry.authorName ?? (entry.kind === 'self_provisioning' && customerName ? t('history.byCustomer', { name: customerName }) : '—') },
    { key: 'note', heading: 'history.note', text: true, cell: (entry) => [entry.note === IMPORT_NOTE ? t('history.importNote') : entry.note, expirationMove(entry)].filter(Boolean).join(' ') },
  ];
  /** An order for a term (or its cancellation) moves the next expiration: the history says from when to when. */
  function expirationMove(entry: HistoryEntry): string | null {
    if (entry.expirationBefore === entry.expirationAfter) return null;
    const date = (value: string | null) => (value ? formatDate(locale, value) : t('history.noExpiration'));
    return t('history.expirationMoved', { before: date(entry.expirationBefore), after: date(entry.expirationAfter) });
  }
}
