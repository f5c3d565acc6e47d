import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { DataTable } from '@/components/DataTable';
import { Pagination } from '@/components/Pagination';
import { PortalShell } from '@/components/shell/PortalShell';
import { getDb } from '@/db/client';
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
});

/** Personnes (issue 11): a customer's people, for its administrators; 404 for anyone else. */
export default async function PeoplePage({ searchParams }: { searchParams: PageSearchParams }) {
  const params = paramsSchema.parse(await searchParams);
  const viewer = await requireViewer();
  const people = (await listPeople(getDb(), viewer, params.page ?? 1));
  if (!people) notFound();
  const t = await getTranslations(PEOPLE_NAMESPACE);
  const locale = (await getLocale()) as Locale;
  return (
    <PortalShell viewer={viewer} section="account" help="people">
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
      <DataTable
        stacked
        namespace={PEOPLE_NAMESPACE}
        columns={peopleColumns({ t, locale, timeZone: env().APP_TIME_ZONE })}
        rows={people.rows}
        rowKey={(person) => person.id}
        rowAttributes={() => ({ data: { testid: 'person-row' } })}
        caption={t('caption')}
        className="mt-4"
        empty={{ title: t('empty') }}
      />
      <Pagination page={people.page} pages={people.pages} hrefFor={(page) => hrefWith('/account/users', { page: page > 1 ? page : undefined })} />
    </PortalShell>
  );
}
