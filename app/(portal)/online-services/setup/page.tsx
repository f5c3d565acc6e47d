import { randomBytes } from 'node:crypto';
import { database } from '@/db/client';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ClientMessages } from '@/components/ClientMessages';
import { EmptyState } from '@/components/EmptyState';
import { ContextBar } from '@/components/shell/ContextBar';
import { PortalShell } from '@/components/shell/PortalShell';
import { printAccountOf } from '@/components/shell/PrintContext';
import type { Locale } from '@/db/schema';
import { accountSelectionOf } from '@/lib/per-request';
import { requireViewer } from '@/lib/auth/viewer';
import { formatCount } from '@/lib/i18n/format';
import { accountInTitle, titleOf } from '@/lib/i18n/metadata';
import { accountParamOf, scopeLinkParams } from '@/lib/inventory/view';
import { SETUP_PATH, setupHref } from '@/lib/online-services/paths';
import { idempotencyKeySchema } from '@/lib/forms/once';
import { MAX_SELF_PROVISIONED_QUANTITY, maySetUpOnlineServices } from '@/lib/online-services/provisioning';
import { listAccountChoices, searchServiceCatalogue, SERVICE_CHOICES_LIMIT } from '@/lib/online-services/queries';
import { hrefWith, type PageSearchParams } from '@/lib/url';
import { SetupForm } from './SetupForm';

/** "Configurer des services en ligne — Compte d'achats 5100201 – Lyon" (or every account). */
export async function generateMetadata({ searchParams }: { searchParams: PageSearchParams }) {
  const params = paramsSchema.parse(await searchParams);
  const viewer = await requireViewer();
  const t = await getTranslations('onlineServices.setup');
  if (!maySetUpOnlineServices(viewer)) return titleOf(t('title'));
  return titleOf(t('title'), await accountInTitle(await accountSelectionOf(database(), viewer, params.account)));
}

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const paramsSchema = z.object({
  account: z.preprocess(single, z.string().trim().min(1).max(64).optional()).catch(undefined),
  product: z.preprocess(single, z.string().trim().min(1).max(64).optional()).catch(undefined),
  q: z.preprocess(single, z.string().trim().max(100).optional()).catch(undefined),
  key: z.preprocess(single, idempotencyKeySchema.optional()).catch(undefined),
});

/**
 * CONFIGURER DES SERVICES EN LIGNE: a customer
 * administrator chooses an online service, the purchase account and a
 * quantity. The form's idempotency key travels in the address, so that going
 * back to this page and posting again finds the same key and writes nothing
 * twice; the button on the inventory opens it without one, for a new set-up.
 */
export default async function SetUpOnlineServicesPage({ searchParams }: { searchParams: PageSearchParams }) {
  const params = paramsSchema.parse(await searchParams);
  const viewer = await requireViewer();
  // Account viewers and partner users may not switch services on: for them the page does not exist.
  if (!maySetUpOnlineServices(viewer)) notFound();
  const selection = (await accountSelectionOf(database(), viewer, params.account));
  if (selection.kind === 'not-found') notFound();
  if (!params.key) redirect(setupHref({ ...params, key: randomBytes(16).toString('hex') }));
  const catalogue = await searchServiceCatalogue(database(), params.q, params.product, (await getLocale()) as Locale);
  const accounts = await listAccountChoices(database(), viewer);

  const t = await getTranslations('onlineServices.setup');
  const locale = (await getLocale()) as Locale;
  const view = scopeLinkParams(viewer, selection);
  const keep = { account: params.account, product: params.product, key: params.key };

  return (
    <PortalShell viewer={viewer} section="inventory" help="setUp" print={{ account: printAccountOf(selection) }} account={accountParamOf(selection)} context={selection.kind === 'choose' ? undefined : <ContextBar viewer={viewer} selection={selection} returnTo={SETUP_PATH} />}>
      <Link href={hrefWith('/inventory', view)} className="back-link text-sm link">
        ← {t('back')}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('intro')}</p>

      <form method="get" action={SETUP_PATH} role="search" className="no-print mt-4 flex flex-wrap items-end gap-2">
        {Object.entries(keep).map(([name, value]) => value && <input key={name} type="hidden" name={name} value={value} />)}
        <div>
          <label htmlFor="service-q" className="block text-sm font-medium">
            {t('search')}
          </label>
          <input id="service-q" name="q" type="search" maxLength={100} defaultValue={params.q ?? ''} className="mt-1 w-64 max-w-full rounded border border-slate-400 px-3 py-1.5 text-sm" />
        </div>
        <button type="submit" className="rounded border border-brand-700 px-4 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50">
          {t('searchSubmit')}
        </button>
        {params.q && (
          <Link href={setupHref(keep)} className="py-1.5 text-sm link">
            {t('clearSearch')}
          </Link>
        )}
      </form>
      <p role="status" className="mt-2 text-sm text-slate-700" data-testid="service-count">
        {catalogue.total > SERVICE_CHOICES_LIMIT
          ? t('countCapped', { shown: SERVICE_CHOICES_LIMIT, total: catalogue.total })
          : t('count', { total: catalogue.total })}
      </p>

      {catalogue.choices.length === 0 ? (
        <EmptyState title={t('empty', { q: params.q ?? '' })} hint={t('emptyHint')} action={{ href: setupHref(keep), label: t('clearSearch') }} testId="service-empty" />
      ) : (
        <ClientMessages namespaces={['onlineServices.setup']}>
          <SetupForm
            idempotencyKey={params.key}
            services={catalogue.choices}
            accounts={accounts}
            initial={{ product: catalogue.selected?.code ?? (catalogue.choices.length === 1 ? catalogue.choices[0]!.code : ''), account: selection.kind === 'account' ? selection.account.number : '' }}
            maxQuantity={formatCount(locale, MAX_SELF_PROVISIONED_QUANTITY)}
          />
        </ClientMessages>
      )}
    </PortalShell>
  );
}
