import Link from 'next/link';
import { database } from '@/db/client';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import type { Translate } from '@/components/columns';
import { DataTable } from '@/components/DataTable';
import { Pagination } from '@/components/Pagination';
import { isReversedRange, ReversedRangeNotice } from '@/components/ReversedRangeNotice';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { AUDIT_ACTIONS } from '@/lib/audit/log';
import { activityParamsSchema, listActivity } from '@/lib/audit/queries';
import { requireViewer } from '@/lib/auth/viewer';
import { env } from '@/lib/env';
import { formatDate } from '@/lib/i18n/format';
import { titleOf } from '@/lib/i18n/metadata';
import { hrefWith, type PageSearchParams } from '@/lib/url';
import { ACTIVITY_NAMESPACE, activityColumns } from './columns';

/** "Activité — Action : Export, Du 01/11/2026": the log with its filters. */
export async function generateMetadata({ searchParams }: { searchParams: PageSearchParams }) {
  const params = activityParamsSchema.parse(await searchParams);
  const t = await getTranslations(ACTIVITY_NAMESPACE);
  return titleOf(t('title'), activityFilterWords(t, (await getLocale()) as Locale, params).join(', '));
}

/** The filters in words, for the title and the printout. */
function activityFilterWords(t: Translate, locale: Locale, params: { action?: string; from?: string; to?: string }): string[] {
  return [
    ...(params.action ? [t('filters.shown', { name: t('filters.action'), value: t(`actions.${params.action}`) })] : []),
    ...(['from', 'to'] as const).filter((name) => params[name]).map((name) => `${t(`filters.${name}`)} ${formatDate(locale, params[name]!)}`),
  ];
}

/**
 * Activité: who did what, when, from where — a customer's
 * administrators read their customer's log, a partner's users their
 * partner's; anyone else gets a 404. A GET form filters it; paged; CSV.
 */
export default async function ActivityPage({ searchParams }: { searchParams: PageSearchParams }) {
  const params = activityParamsSchema.parse(await searchParams);
  const viewer = await requireViewer();
  const activity = (await listActivity(database(), viewer, params));
  if (!activity) notFound();

  const t = await getTranslations(ACTIVITY_NAMESPACE);
  const locale = (await getLocale()) as Locale;
  const filters = { action: params.action, from: params.from, to: params.to };
  const filtered = Object.values(filters).some(Boolean);
  const reversed = isReversedRange(params.from, params.to);

  return (
    <PortalShell viewer={viewer} section="activity" help="people" print={{ filters: activityFilterWords(t, locale, params), page: { page: activity.page, pages: activity.pages } }}>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{viewer.role === 'partner_user' ? t('introPartner') : t('intro')}</p>

      <form method="get" action="/account/activity" role="search" aria-label={t('filters.label')} className="no-print mt-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
        <div>
          <label htmlFor="activity-action" className="block text-sm font-medium">
            {t('filters.action')}
          </label>
          <select id="activity-action" name="action" defaultValue={params.action ?? ''} className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm">
            <option value="">{t('filters.allActions')}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`actions.${action}`)}
              </option>
            ))}
          </select>
        </div>
        {(['from', 'to'] as const).map((name) => (
          <div key={name}>
            <label htmlFor={`activity-${name}`} className="block text-sm font-medium">
              {t(`filters.${name}`)}
            </label>
            <input id={`activity-${name}`} name={name} type="date" defaultValue={params[name] ?? ''} className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm" />
          </div>
        ))}
        <button type="submit" className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
          {t('filters.submit')}
        </button>
        {filtered && (
          <Link href="/account/activity" className="py-1.5 text-sm link">
            {t('filters.clear')}
          </Link>
        )}
      </form>
      {reversed && (
        <ReversedRangeNotice
          testId="activity-reversed"
          text={t('filters.reversed', { from: formatDate(locale, params.from!), to: formatDate(locale, params.to!) })}
          swapLabel={t('filters.swap', { from: formatDate(locale, params.from!), to: formatDate(locale, params.to!) })}
          swapHref={hrefWith('/account/activity', { ...filters, from: params.to, to: params.from })}
        />
      )}

      <div className="mt-4 flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p role="status" data-testid="activity-count">
          {t('count', { count: activity.total })}
        </p>
        {activity.total > 0 && (
          <a href={hrefWith('/account/activity/export', filters)} download className="no-print link">
            {t('export')}
          </a>
        )}
      </div>
      <DataTable
        stacked
        namespace={ACTIVITY_NAMESPACE}
        columns={activityColumns({ t, locale, timeZone: env().APP_TIME_ZONE })}
        rows={activity.entries}
        rowKey={(entry) => entry.id}
        rowAttributes={() => ({ data: { testid: 'activity-row' } })}
        caption={t('caption')}
        className="mt-2"
        empty={{ title: filtered ? t('emptyFiltered') : t('empty'), action: filtered ? { href: '/account/activity', label: t('filters.clear') } : undefined }}
      />
      <Pagination page={activity.page} pages={activity.pages} hrefFor={(page) => hrefWith('/account/activity', { ...filters, page: page > 1 ? page : undefined })} />
    </PortalShell>
  );
}
