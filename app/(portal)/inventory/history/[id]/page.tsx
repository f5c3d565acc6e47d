import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ExpiryDate } from '@/components/ExpiryBadge';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { formatCount, formatDate } from '@/lib/i18n/format';
import { getLineHistory, type Totals } from '@/lib/inventory/queries';
import { expiryStatus } from '@/lib/inventory/rules';
import { firstParam, hrefWith, scopeParams } from '@/lib/url';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('inventory.history');
  return { title: t('title') };
}

const idSchema = z.coerce.number().int().positive().max(2 ** 31);

/** Afficher l'historique: the dated transactions behind one line, with running totals ending at its counts. */
export default async function LineHistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const customer = firstParam((await searchParams).customer);
  const viewer = await requireCustomerViewer(customer);
  const id = idSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const history = getLineHistory(viewer, id.data);
  if (!history) notFound();

  const t = await getTranslations('inventory');
  const locale = (await getLocale()) as Locale;
  const { line, entries } = history;
  const isService = line.kind === 'subscription';
  const count = (value: number) => formatCount(locale, value);
  const signed = (value: number) => (value > 0 ? `+${count(value)}` : value < 0 ? `−${count(-value)}` : '0');
  const measures: { key: keyof Totals; delta: 'licenseDelta' | 'saDelta' | 'availableDelta' | 'orderedDelta'; label: string }[] = isService
    ? [
        { key: 'availableCount', delta: 'availableDelta', label: t('columns.available') },
        { key: 'orderedCount', delta: 'orderedDelta', label: t('columns.ordered') },
      ]
    : [
        { key: 'licenseCount', delta: 'licenseDelta', label: t('columns.licenseCount') },
        { key: 'saCount', delta: 'saDelta', label: t('columns.saCount') },
      ];
  const backHref = hrefWith('/inventory', { ...scopeParams(viewer), account: line.accountNumber, line: line.id }) + `#line-${line.id}`;

  return (
    <PortalShell viewer={viewer} section="inventory">
      <Link href={backHref} className="text-sm text-brand-700 underline underline-offset-2">
        ← {t('history.back')}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('history.heading', { product: line.productName })}</h1>
      <dl className="mt-3 grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-1 rounded border border-slate-200 bg-white p-4 text-sm" data-testid="history-line">
        <dt className="font-medium">{t('columns.family')}</dt>
        <dd>{line.familyName}</dd>
        <dt className="font-medium">{t('columns.edition')}</dt>
        <dd>{line.edition || '—'}</dd>
        <dt className="font-medium">{t('columns.version')}</dt>
        <dd>{line.version || '—'}</dd>
        <dt className="font-medium">{t('columns.accountNumber')}</dt>
        <dd className="tabular">{line.accountNumber}</dd>
        <dt className="font-medium">{t('columns.accountName')}</dt>
        <dd>{line.accountName}</dd>
        {line.resourceUsage && (
          <>
            <dt className="font-medium">{t('columns.resourceUsage')}</dt>
            <dd>{line.resourceUsage}</dd>
          </>
        )}
        {line.packageName && (
          <>
            <dt className="font-medium">{t('columns.package')}</dt>
            <dd>{line.packageName}</dd>
          </>
        )}
        {measures.map((measure) => (
          <div key={measure.key} className="contents">
            <dt className="font-medium">{measure.label}</dt>
            <dd className="tabular" data-testid={`current-${measure.key}`}>
              {count(line[measure.key])}
            </dd>
          </div>
        ))}
        {line.nextExpiration && (
          <>
            <dt className="font-medium">{t('columns.nextExpiration')}</dt>
            <dd>
              <ExpiryDate status={expiryStatus(today(), line.nextExpiration)} formatted={formatDate(locale, line.nextExpiration)} />
            </dd>
          </>
        )}
      </dl>
      <p className="mt-3 max-w-3xl text-sm text-slate-600">{t('history.intro')}</p>

      {entries.length === 0 ? (
        <p className="mt-4 rounded border border-dashed border-slate-300 bg-white p-6">{t('history.empty')}</p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="history-table">
            <thead className="bg-slate-100 text-left text-xs tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t('history.date')}</th>
                <th scope="col" className="px-3 py-2">{t('history.kind')}</th>
                <th scope="col" className="px-3 py-2">{t('history.order')}</th>
                {measures.map((measure) => (
                  <th key={`d-${measure.key}`} scope="col" className="px-3 py-2 text-right">
                    {measure.label} — {t('history.change')}
                  </th>
                ))}
                {measures.map((measure) => (
                  <th key={`r-${measure.key}`} scope="col" className="px-3 py-2 text-right">
                    {measure.label} — {t('history.running')}
                  </th>
                ))}
                <th scope="col" className="px-3 py-2">{t('history.note')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} className="border-t border-slate-200" data-testid="history-entry">
                  <td className="tabular whitespace-nowrap px-3 py-2">{formatDate(locale, entry.occurredOn)}</td>
                  <td className="px-3 py-2">{t(`history.kinds.${entry.kind}`)}</td>
                  <td className="tabular px-3 py-2">
                    {entry.orderNumber ? (
                      // The order behind the change, expanded (Afficher l'historique des commandes), in the same scope.
                      <Link href={hrefWith(`/orders/${encodeURIComponent(entry.orderNumber)}`, scopeParams(viewer))} prefetch={false} className="text-brand-700 underline underline-offset-2">
                        {entry.orderNumber}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  {measures.map((measure) => (
                    <td key={`d-${measure.key}`} className="tabular px-3 py-2 text-right">
                      {signed(entry[measure.delta])}
                    </td>
                  ))}
                  {measures.map((measure) => (
                    <td key={`r-${measure.key}`} className="tabular px-3 py-2 text-right" data-testid={`running-${measure.key}`}>
                      {count(entry.running[measure.key])}
                    </td>
                  ))}
                  <td className="px-3 py-2">{entry.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PortalShell>
  );
}
