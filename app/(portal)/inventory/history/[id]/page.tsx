import { database } from '@/db/client';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { DataTable } from '@/components/DataTable';
import { ExpiryDate } from '@/components/ExpiryBadge';
import { FieldList, type Field } from '@/components/FieldList';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { formatCount, formatDate } from '@/lib/i18n/format';
import { resourceUsageName } from '@/lib/i18n/names';
import { accountInTitle, titleOf } from '@/lib/i18n/metadata';
import { getLineHistory } from '@/lib/inventory/queries';
import { expiryStatus } from '@/lib/inventory/rules';
import { customerParamSchema, hrefWith, type PageSearchParams, scopeParams } from '@/lib/url';
import { countsOf } from '../../columns';
import { HISTORY_NAMESPACE, historyColumns, measuresOf } from './columns';

/** The line's history read once a request, for the title and the page. */
const historyOf = cache(getLineHistory);

/** "Historique : Windows Server Datacenter 2022 — Compte d'achats 5100201 – Lyon". */
export async function generateMetadata({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: PageSearchParams }) {
  const { customer, id } = paramsSchema.parse({ customer: (await searchParams).customer, id: (await params).id });
  const viewer = await requireCustomerViewer(customer, { line: id });
  const history = id === undefined ? null : await historyOf(database(), viewer, id, (await getLocale()) as Locale);
  const t = await getTranslations(HISTORY_NAMESPACE);
  if (!history) return titleOf(t('history.title'));
  const { line } = history;
  const product = [line.productName, line.edition, line.version].filter(Boolean).join(' ');
  return titleOf(t('history.heading', { product }), await accountInTitle({ number: line.accountNumber, name: line.accountName }));
}

const paramsSchema = z.object({
  customer: customerParamSchema,
  id: z.coerce.number().int().positive().max(2 ** 31).optional().catch(undefined),
});

/** Afficher l'historique: the dated transactions behind one line, with running totals ending at its counts. */
export default async function LineHistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: PageSearchParams }) {
  const { customer, id } = paramsSchema.parse({ customer: (await searchParams).customer, id: (await params).id });
  const viewer = await requireCustomerViewer(customer, { line: id });
  if (id === undefined) notFound();
  const locale = (await getLocale()) as Locale;
  const history = await historyOf(database(), viewer, id, locale);
  if (!history) notFound();

  const t = await getTranslations(HISTORY_NAMESPACE);
  const { line, entries } = history;
  const measures = measuresOf(line.kind === 'subscription' ? 'subscriptions' : countsOf(line.productKind));
  const scope = scopeParams(viewer);
  const backHref = hrefWith('/inventory', { ...scope, account: line.accountNumber, line: line.id }) + `#line-${line.id}`;
  const fields: (Field | false)[] = [
    { label: t('columns.family'), value: line.familyName },
    { label: t('columns.edition'), value: line.edition || '—' },
    { label: t('columns.version'), value: line.version || '—' },
    { label: t('columns.accountNumber'), value: line.accountNumber, code: true },
    { label: t('columns.accountName'), value: line.accountName },
    !!line.resourceUsage && { label: t('columns.resourceUsage'), value: resourceUsageName(line.resourceUsage, locale) },
    !!line.packageName && { label: t('columns.package'), value: line.packageName },
    ...measures.map((measure) => ({ label: t(measure.heading), value: formatCount(locale, line[measure.key]), code: true, testId: `current-${measure.key}` })),
    !!line.nextExpiration && {
      label: t('columns.nextExpiration'),
      value: <ExpiryDate status={expiryStatus(today(), line.nextExpiration)} formatted={formatDate(locale, line.nextExpiration)} />,
    },
  ];

  return (
    <PortalShell viewer={viewer} section="inventory" help="history" print={{ account: { number: line.accountNumber, name: line.accountName } }} account={line.accountNumber}>
      <Link href={backHref} className="back-link text-sm link">
        ← {t('history.back')}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('history.heading', { product: line.productName })}</h1>
      <FieldList className="mt-3" testId="history-line" fields={fields.filter((field): field is Field => field !== false)} />
      <p className="mt-3 max-w-3xl text-sm text-slate-600">{t('history.intro')}</p>

      <DataTable
        stacked
        namespace={HISTORY_NAMESPACE}
        columns={historyColumns({ t, locale, measures, scope, customerName: viewer.customer?.legalName })}
        rows={entries}
        rowKey={(entry) => entry.id}
        rowAttributes={() => ({ data: { testid: 'history-entry' } })}
        caption={t('history.tableCaption')}
        testId="history-table"
        className="mt-4"
        empty={{ title: t('history.empty'), className: 'mt-4' }}
      />
    </PortalShell>
  );
}
