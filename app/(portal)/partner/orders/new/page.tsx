import { randomBytes } from 'node:crypto';
import { database } from '@/db/client';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ClientMessages } from '@/components/ClientMessages';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { getAccountByNumber } from '@/lib/accounts/queries';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { idempotencyKeySchema } from '@/lib/forms/once';
import { formatCount } from '@/lib/i18n/format';
import { titleOf } from '@/lib/i18n/metadata';
import { listAccountChoices } from '@/lib/online-services/queries';
import { emptyRow, MAX_ITEM_QUANTITY, MAX_TERM_MONTHS } from '@/lib/orders/form';
import { DEFAULT_CURRENCY, ORDER_CURRENCIES } from '@/lib/orders/money';
import { NEW_ORDER_PATH } from '@/lib/orders/paths';
import { getNewOrderDefaults } from '@/lib/orders/queries';
import { mayRecordOrders } from '@/lib/orders/record';
import { listProductsToOrder } from '@/lib/partner/queries';
import { customerParamSchema, hrefWith, type PageSearchParams, scopeParams } from '@/lib/url';
import { OrderForm } from './OrderForm';

/** "Enregistrer une commande — Client : Fabrikam Industries SA (1000201)": for whom. */
export async function generateMetadata({ searchParams }: { searchParams: PageSearchParams }) {
  const params = paramsSchema.parse(await searchParams);
  const viewer = await requireCustomerViewer(params.customer, { account: params.account });
  const t = await getTranslations('orders.record');
  const tc = await getTranslations('common');
  return titleOf(t('title'), mayRecordOrders(viewer) && tc('print.customer', { name: viewer.customer.legalName, number: viewer.customer.number }));
}

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const paramsSchema = z.object({
  customer: customerParamSchema,
  account: z.preprocess(single, z.string().trim().min(1).max(64).optional()).catch(undefined),
  // What the report's "order" link fills in: the service and the quantity to order.
  product: z.preprocess(single, z.string().trim().min(1).max(64).optional()).catch(undefined),
  quantity: z.preprocess(single, z.string().regex(/^\d{1,9}$/).optional()).catch(undefined),
  key: z.preprocess(single, idempotencyKeySchema.optional()).catch(undefined),
});

/**
 * ENREGISTRER UNE COMMANDE: a partner user records an order it
 * placed for the customer it works for, on one of the accounts it serves.
 * Nobody else has this page (404). Its idempotency key travels in the
 * address, so going back and posting again records nothing twice.
 */
export default async function RecordOrderPage({ searchParams }: { searchParams: PageSearchParams }) {
  const params = paramsSchema.parse(await searchParams);
  const viewer = await requireCustomerViewer(params.customer, { account: params.account });
  if (!mayRecordOrders(viewer)) notFound();
  // An account outside the partner's reach is not found, as everywhere else.
  const chosen = params.account ? await getAccountByNumber(database(), viewer, params.account) : null;
  if (params.account && !chosen) notFound();
  if (!params.key) redirect(hrefWith(NEW_ORDER_PATH, { ...scopeParams(viewer), account: params.account, product: params.product, quantity: params.quantity, key: randomBytes(16).toString('hex') }));

  const t = await getTranslations('orders.record');
  const locale = (await getLocale()) as Locale;
  const accounts = await listAccountChoices(database(), viewer);
  const suggestions = await listProductsToOrder(database(), viewer, locale);
  const onlyAccount = accounts?.length === 1 ? accounts[0]!.number : '';
  const account = chosen ?? (onlyAccount ? await getAccountByNumber(database(), viewer, onlyAccount) : null);
  // The account's latest currency and addresses, to check rather than type (lib/orders/queries.ts).
  const defaults = await getNewOrderDefaults(database(), viewer, account?.id ?? null);
  const currencyNames = new Intl.DisplayNames([locale === 'fr' ? 'fr-FR' : 'en-US'], { type: 'currency' });
  const currencies = ORDER_CURRENCIES.map((code) => ({ code, name: currencyNames.of(code) ?? code }));
  const currency = (ORDER_CURRENCIES as readonly string[]).includes(defaults.currency ?? '') ? defaults.currency! : DEFAULT_CURRENCY;

  return (
    <PortalShell viewer={viewer} section="orders" help="partner" print={{ account: account ? { number: account.number, name: account.name } : null }} account={params.account}>
      <Link href={hrefWith('/orders', { ...scopeParams(viewer), account: params.account ?? 'all' })} className="back-link text-sm link">
        ← {t('back')}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('intro')}</p>
      <ClientMessages namespaces={['orders.record']}>
        <OrderForm
          idempotencyKey={params.key}
          customer={viewer.customer.number}
          accounts={accounts}
          initial={{
            values: {
              account: params.account ?? onlyAccount,
              po: '',
              currency,
              billToName: defaults.billTo?.name ?? '',
              billToAddress: defaults.billTo?.address ?? '',
              shipToName: defaults.shipTo?.name ?? '',
              shipToAddress: defaults.shipTo?.address ?? '',
              rows: [emptyRow('1', { product: params.product ?? '', quantity: params.quantity ?? '' })],
            },
            errors: {},
          }}
          suggestions={suggestions}
          maxQuantity={formatCount(locale, MAX_ITEM_QUANTITY)}
          maxTerm={MAX_TERM_MONTHS}
          currencies={currencies}
        />
      </ClientMessages>
    </PortalShell>
  );
}
