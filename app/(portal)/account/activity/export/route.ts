/**
 * The activity log as CSV: the same entries and filters as the page, from the
 * same columns; a 404 for anyone who may not read a log.
 */
import { database } from '@/db/client';
import { getLocale, getTranslations } from 'next-intl/server';
import { columnsCsv } from '@/components/columns';
import type { Locale } from '@/db/schema';
import { activityParamsSchema, listActivityForExport } from '@/lib/audit/queries';
import { requireViewer } from '@/lib/auth/viewer';
import { csvNotFound, csvResponse } from '@/lib/csv';
import { env } from '@/lib/env';
import { rawSearchParams } from '@/lib/url';
import { ACTIVITY_NAMESPACE, activityColumns } from '../columns';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const params = activityParamsSchema.parse(rawSearchParams(request));
  const viewer = await requireViewer();
  const entries = (await listActivityForExport(database(), viewer, params));
  if (!entries) return csvNotFound();
  const t = await getTranslations(ACTIVITY_NAMESPACE);
  const locale = (await getLocale()) as Locale;
  return csvResponse(`${t('csv.filename')}.csv`, columnsCsv(locale, t, activityColumns({ t, locale, timeZone: env().APP_TIME_ZONE }), entries));
}
