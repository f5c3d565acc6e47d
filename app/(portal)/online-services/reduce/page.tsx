import { randomBytes } from 'node:crypto';
import { database } from '@/db/client';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ClientMessages } from '@/components/ClientMessages';
import { FieldList } from '@/components/FieldList';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { requireViewer } from '@/lib/auth/viewer';
import { formatCount } from '@/lib/i18n/format';
import { accountInTitle, titleOf } from '@/lib/i18n/metadata';
import { unpaidQuantity } from '@/lib/inventory/rules';
import { REDUCE_PATH } from '@/lib/online-services/paths';
import { idempotencyKeySchema } from '@/lib/forms/once';
import { maySetUpOnlineServices } from '@/lib/online-services/provisioning';
import { getProvisioningLine } from '@/lib/online-services/queries';
import { hrefWith, type PageSearchParams } from '@/lib/url';
import { ReduceForm } from './ReduceForm';

/** "Réduire ou désactiver : Office 365 E3 — Compte d'achats 5100201 – Lyon". */
export async function generateMetadata({ searchParams }: { searchParams: PageSearchParams }) {
  const params = paramsSchema.parse(await searchParams);
  const viewer = await requireViewer();
  const t = await getTranslations('onlineServices.reduce');
  const line = params.line === undefined || !maySetUpOnlineServices(viewer) ? null : await getProvisioningLine(database(), viewer, params.line, (await getLocale()) as Locale);
  if (!line) return titleOf(t('title'));
  return titleOf(t('heading', { product: line.productName }), await accountInTitle({ number: line.accountNumber, name: line.accountName }));
}

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const paramsSchema = z.object({
  line: z.preprocess(single, z.coerce.number().int().positive().max(2 ** 31).optional()).catch(undefined),
  key: z.preprocess(single, idempotencyKeySchema.optional()).catch(undefined),
});

/**
 * Reduce or switch off what a customer administrator switched on themselves
 * on one online service line: never below what the partner ordered. The key
 * travels in the address for the same reason as on the set-up page.
 */
export default async function ReduceSelfProvisioningPage({ searchParams }: { searchParams: PageSearchParams }) {
  const params = paramsSchema.parse(await searchParams);
  const viewer = await requireViewer();
  if (!maySetUpOnlineServices(viewer) || params.line === undefined) notFound();
  const line = await getProvisioningLine(database(), viewer, params.line, (await getLocale()) as Locale);
  if (!line) notFound();
  if (!params.key) redirect(hrefWith(REDUCE_PATH, { line: line.lineId, key: randomBytes(16).toString('hex') }));

  const t = await getTranslations('onlineServices.reduce');
  const ti = await getTranslations('inventory');
  const locale = (await getLocale()) as Locale;
  const count = (value: number) => formatCount(locale, value);
  const unpaid = unpaidQuantity(line.available, line.ordered);
  const lineHref = hrefWith('/inventory', { account: line.accountNumber, line: line.lineId }) + `#line-${line.lineId}`;

  return (
    <PortalShell viewer={viewer} section="inventory" help="setUp" print={{ account: { number: line.accountNumber, name: line.accountName } }} account={line.accountNumber}>
      <Link href={lineHref} className="back-link text-sm link">
        ← {t('back')}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('heading', { product: line.productName })}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('intro')}</p>
      <FieldList
        className="mt-3"
        testId="reduce-line"
        fields={[
          { label: ti('columns.accountNumber'), value: line.accountNumber, code: true },
          { label: ti('columns.accountName'), value: line.accountName },
          { label: ti('columns.available'), value: count(line.available), code: true },
          { label: ti('columns.ordered'), value: count(line.ordered), code: true },
          { label: ti('columns.unpaid'), value: count(unpaid), code: true },
        ]}
      />
      {unpaid > 0 ? (
        <ClientMessages namespaces={['onlineServices.reduce']}>
          <ReduceForm idempotencyKey={params.key} lineId={line.lineId} ordered={count(line.ordered)} available={count(line.available)} unpaid={count(unpaid)} formHref={hrefWith(REDUCE_PATH, { line: line.lineId, key: params.key })} />
        </ClientMessages>
      ) : (
        <p role="status" className="mt-4 max-w-3xl rounded border border-slate-300 bg-white p-4 text-sm" data-testid="nothing-to-reduce">
          {t('nothing')}
        </p>
      )}
    </PortalShell>
  );
}
