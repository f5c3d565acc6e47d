import Link from 'next/link';
import { database } from '@/db/client';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ExpiryDate } from '@/components/ExpiryBadge';
import { FieldList } from '@/components/FieldList';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { requireViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { formatCount, formatDate } from '@/lib/i18n/format';
import { elision } from '@/lib/i18n/elision';
import { titleFrom } from '@/lib/i18n/metadata';
import { expiryStatus, unpaidQuantity } from '@/lib/inventory/rules';
import { reduceHref, setupHref } from '@/lib/online-services/paths';
import { maySetUpOnlineServices } from '@/lib/online-services/provisioning';
import { getProvisioningReceipt } from '@/lib/online-services/queries';
import { hrefWith, type PageSearchParams } from '@/lib/url';

export const generateMetadata = titleFrom('onlineServices.done');

const paramsSchema = z.object({
  transaction: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.coerce.number().int().positive().max(2 ** 31).optional()).catch(undefined),
});

/**
 * What follows a set-up, a reduction or a switch-off: the guide's message —
 * ask your partner to order the service quickly to avoid an interruption —
 * naming the account's partner of record and how to reach them, the line as
 * it is now, and links to it in the inventory and in the report.
 */
export default async function ProvisioningReceiptPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { transaction } = paramsSchema.parse(await searchParams);
  const viewer = await requireViewer();
  if (!maySetUpOnlineServices(viewer) || transaction === undefined) notFound();
  const receipt = await getProvisioningReceipt(database(), viewer, transaction, (await getLocale()) as Locale);
  if (!receipt) notFound();

  const t = await getTranslations('onlineServices.done');
  const ti = await getTranslations('inventory');
  const locale = (await getLocale()) as Locale;
  const count = (value: number) => formatCount(locale, value);
  const unpaid = unpaidQuantity(receipt.available, receipt.ordered);
  const lineHref = hrefWith('/inventory', { account: receipt.accountNumber, line: receipt.lineId }) + `#line-${receipt.lineId}`;
  const reportHref = hrefWith('/reports', { account: receipt.accountNumber, product: receipt.productCode });
  const { partner } = receipt;

  return (
    <PortalShell viewer={viewer} section="inventory" help="setUp" print={{}} account={receipt.accountNumber}>
      <h1 className="text-2xl font-semibold">{receipt.change > 0 ? t('titleSetUp') : t('titleReduced')}</h1>
      <p className="mt-2 text-sm" data-testid="receipt-change">
        {receipt.change > 0
          ? t('setUp', { count: receipt.change, product: receipt.productName, elision: elision(receipt.productName), account: receipt.accountNumber, date: formatDate(locale, receipt.occurredOn) })
          : t('reduced', { count: -receipt.change, product: receipt.productName, elision: elision(receipt.productName), account: receipt.accountNumber, date: formatDate(locale, receipt.occurredOn) })}
      </p>

      {unpaid > 0 ? (
        <div role="status" className="mt-4 max-w-3xl rounded border border-amber-400 bg-amber-50 p-4" data-testid="order-reminder">
          <p className="font-semibold">{t('askPartner', { count: unpaid })}</p>
          <p className="mt-2 text-sm">{t('partnerOfRecord', { name: partner.name })}</p>
          <ul className="mt-1 text-sm">
            {partner.email && (
              <li>
                {t('email')}{' '}
                <a href={`mailto:${partner.email}`} className="link">
                  {partner.email}
                </a>
              </li>
            )}
            {partner.phone && (
              <li>
                {t('phone')}{' '}
                <a href={`tel:${partner.phone.replace(/[^\d+]/g, '')}`} className="link">
                  {partner.phone}
                </a>
              </li>
            )}
            {!partner.email && !partner.phone && <li>{t('noContact')}</li>}
          </ul>
        </div>
      ) : (
        <p role="status" className="mt-4 max-w-3xl rounded border border-emerald-300 bg-emerald-50 p-4 text-sm" data-testid="order-reminder">
          {t('nothingToOrder')}
        </p>
      )}

      <h2 className="mt-6 text-lg font-semibold">{t('lineNow')}</h2>
      <FieldList
        testId="receipt-line"
        fields={[
          { label: ti('columns.product'), value: receipt.productName },
          { label: ti('columns.accountNumber'), value: receipt.accountNumber, code: true },
          { label: ti('columns.accountName'), value: receipt.accountName },
          { label: ti('columns.available'), value: count(receipt.available), code: true, testId: 'receipt-available' },
          { label: ti('columns.ordered'), value: count(receipt.ordered), code: true, testId: 'receipt-ordered' },
          { label: ti('columns.unpaid'), value: count(unpaid), code: true, testId: 'receipt-unpaid' },
          {
            label: ti('columns.nextExpiration'),
            value: receipt.nextExpiration ? <ExpiryDate status={expiryStatus(today(), receipt.nextExpiration)} formatted={formatDate(locale, receipt.nextExpiration)} /> : ti('noExpirationLabel'),
          },
        ]}
      />

      <ul className="mt-4 flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <li>
          <Link href={lineHref} className="link">
            {t('seeLine')}
          </Link>
        </li>
        {unpaid > 0 && (
          <li>
            <Link href={reportHref} className="link">
              {t('seeReport')}
            </Link>
          </li>
        )}
        {unpaid > 0 && (
          <li>
            <Link href={reduceHref(receipt.lineId)} className="link">
              {t('reduce')}
            </Link>
          </li>
        )}
        <li>
          <Link href={setupHref({ account: receipt.accountNumber })} className="link">
            {t('another')}
          </Link>
        </li>
      </ul>
    </PortalShell>
  );
}
