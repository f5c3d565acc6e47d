import type { Column, Translate } from '@/components/columns';
import type { Locale } from '@/db/schema';
import type { ActivityEntry } from '@/lib/audit/queries';
import { formatInstant } from '@/lib/i18n/format';

/** The catalogue namespace of the activity log. */
export const ACTIVITY_NAMESPACE = 'activity';

/** What an entry's details say, in words: `key: value` pairs in a stable order. */
function detailsText(entry: ActivityEntry): string {
  return entry.details ? Object.entries(entry.details).map(([key, value]) => `${key}: ${String(value)}`).join(', ') : '';
}

/** The activity log's columns: the page and its CSV (instants in ISO 8601 UTC there). */
export function activityColumns({ t, locale, timeZone }: { t: Translate; locale: Locale; timeZone: string }): Column<ActivityEntry>[] {
  return [
    { key: 'when', heading: 'columns.when', code: true, cell: (entry) => formatInstant(locale, entry.occurredAt, timeZone), csv: (entry) => new Date(entry.occurredAt).toISOString() },
    {
      key: 'who',
      heading: 'columns.who',
      text: true,
      cell: (entry) => (entry.userEmail ? `${entry.userName} (${entry.userEmail})` : t('nobody')),
      csv: (entry) => entry.userEmail ?? '',
    },
    { key: 'action', heading: 'columns.action', cell: (entry) => t(`actions.${entry.action}`), csv: (entry) => t(`actions.${entry.action}`) },
    { key: 'about', heading: 'columns.about', text: true, cell: (entry) => entry.entityId ?? '', csv: (entry) => entry.entityId },
    { key: 'details', heading: 'columns.details', text: true, cell: detailsText, csv: detailsText },
    { key: 'address', heading: 'columns.address', code: true, cell: (entry) => entry.address ?? '', csv: (entry) => entry.address },
  ];
}
