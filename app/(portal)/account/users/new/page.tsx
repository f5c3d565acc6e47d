import Link from 'next/link';
import { database } from '@/db/client';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/ClientMessages';
import { PortalShell } from '@/components/shell/PortalShell';
import { requireViewer } from '@/lib/auth/viewer';
import { titleFrom } from '@/lib/i18n/metadata';
import { listAccountChoices } from '@/lib/online-services/queries';
import { InviteForm } from './InviteForm';

export const generateMetadata = titleFrom('people.invite');

/** Inviter une personne: customer administrators only. */
export default async function InvitePersonPage() {
  const viewer = await requireViewer();
  if (viewer.role !== 'customer_admin') notFound();
  const t = await getTranslations('people');
  return (
    <PortalShell viewer={viewer} section="account" help="people">
      <Link href="/account/users" className="back-link text-sm link">
        ← {t('back')}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('invite.title')}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('invite.intro')}</p>
      <ClientMessages namespaces={['people']}>
        <InviteForm accounts={(await listAccountChoices(database(), viewer))} />
      </ClientMessages>
    </PortalShell>
  );
}
