import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ContextBar } from '@/components/shell/ContextBar';
import { PortalShell } from '@/components/shell/PortalShell';
import { resolveAccountSelection } from '@/lib/accounts/queries';
import { requireViewer } from '@/lib/auth/viewer';
import { firstParam, hrefWith, scopeParams } from '@/lib/url';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('inventory');
  return { title: t('title') };
}

const paramsSchema = z.object({
  customer: z.string().max(64).optional().catch(undefined),
  account: z.string().trim().min(1).max(64).optional().catch(undefined),
});

export default async function InventoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const params = paramsSchema.parse({ customer: firstParam(raw.customer), account: firstParam(raw.account) });
  const viewer = await requireViewer(params.customer);
  if (viewer.role === 'partner_user' && !viewer.customer) redirect('/partner');

  const selection = resolveAccountSelection(viewer, params.account);
  if (selection.kind === 'not-found') notFound();
  if (selection.kind === 'choose') redirect(hrefWith('/accounts', scopeParams(viewer)));
  const t = await getTranslations('inventory');

  return (
    <PortalShell viewer={viewer} section="inventory" context={<ContextBar viewer={viewer} selection={selection} />}>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      {selection.kind === 'account' && (
        <dl className="mt-4 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-1 rounded border border-slate-200 bg-white p-4 text-sm" data-testid="account-summary">
          <dt className="font-medium">{t('summary.customer')}</dt>
          <dd>{selection.account.customerLegalName}</dd>
          <dt className="font-medium">{t('summary.agreement')}</dt>
          <dd>{selection.account.agreementNumber}</dd>
          <dt className="font-medium">{t('summary.location')}</dt>
          <dd>
            {selection.account.city}, {selection.account.country}
          </dd>
          <dt className="font-medium">{t('summary.partnerOfRecord')}</dt>
          <dd>{selection.account.partnerName}</dd>
        </dl>
      )}
    </PortalShell>
  );
}
