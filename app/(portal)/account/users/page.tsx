import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { DataTable } from '@/components/DataTable';
import { Pagination } from '@/components/Pagination';
import { PortalShell } from '@/components/shell/PortalShell';
import { database } from '@/db/client';
import type { Locale } from '@/db/schema';
import { requireViewer } from '@/lib/auth/viewer';
import { env } from '@/lib/env';
import { titleFrom } from '@/lib/i18n/metadata';
import { listPeople } from '@/lib/people/manage';
import { hrefWith, type PageSearchParams } from '@/lib/url';
import { PEOPLE_NAMESPACE, peopleColumns } from './columns';

export const generateMetadata = titleFrom(PEOPLE_NAMESPACE);

const paramsSchema = z.object({
  page: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.coerce.number().int().min(1).max(100_000).optional()).catch(undefined),
  invited: z.literal('1').optional().catch(undefined),
  q: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.string().trim().max(100).optional()).catch(undefined),
});

/** Personnes: a customer's people, for its administrators, searchable by name or address; 404 for anyone else. */
export default async function PeoplePage({ searchParams }: { searchParams: PageSearchParams }) {
  const params = paramsSchema.parse(await searchParams);
  const viewer = await requireViewer();
  const q = params.q || undefined;
  const people = await listPeople(database(), viewer, params.page ?? 1, q);
  if (!people) notFound();
  const t = await getTranslations(PEOPLE_NAMESPACE);
  const locale = (await getLocale()) as Locale;
  return (
    <PortalShell viewer={viewer} section="account" help="people" print={{ filters: q ? [t('printSearch', { q })] : [], page: { page: people.page, pages: people.pages } }}>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <Link href="/account/users/new" className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
          {t('invite.title')}
        </Link>
      </div>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('intro')}</p>
      {params.invited && (
        <p role="status" className="mt-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm">
          {t('invite.sent')}
        </p>
      )}
      <form method="get" action="/account/users" role="search" aria-label={t('searchLabel')} className="no-print mt-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
        <div>
          <label htmlFor="people-q" className="block text-sm font-medium">
            {t('search')}
          </label>
          <input id="people-q" name="q" type="search" maxLength={100} defaultValue={q ?? ''} aria-describedby="people-q-hint" className="mt-1 w-72 max-w-full rounded border border-slate-400 px-3 py-1.5 text-sm" />
          <p id="people-q-hint" className="mt-1 text-xs text-slate-600">
            {t('searchHint')}
          </p>
        </div>
        <button type="submit" className="mb-5 rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
          {t('searchSubmit')}
        </button>
      </form>
      <DataTable
        stacked
        namespace={PEOPLE_NAMESPACE}
        columns={peopleColumns({ t, locale, timeZone: env().APP_TIME_ZONE })}
        rows={people.rows}
        rowKey={(person) => person.id}
        rowAttributes={() => ({ data: { testid: 'person-row' } })}
        caption={t('caption')}
        className="mt-4"
        empty={q ? { title: t('emptySearch', { q }), hint: t('emptySearchHint'), action: { href: '/account/users', label: t('clearSearch') }, testId: 'people-empty' } : { title: t('empty') }}
      />
      <Pagination page={people.page} pages={people.pages} hrefFor={(page) => hrefWith('/account/users', { q, page: page > 1 ? page : undefined })} />
    </PortalShell>
  );
}
