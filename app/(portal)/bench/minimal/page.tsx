import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PortalShell } from '@/components/shell/PortalShell';
import { requireViewer } from '@/lib/auth/viewer';
import { env } from '@/lib/env';

/**
 * The bench's minimal signed-in page (`npm run bench`): what every
 * portal page costs before its own content — the viewer check, the shell, a
 * heading. The bench subtracts its time and bytes from every page's. Served
 * only when LICENSE_DESK_BENCH=1 (the bench's server); a 404 otherwise.
 */
export default async function BenchMinimalPage() {
  const viewer = await requireViewer();
  if (!env().LICENSE_DESK_BENCH) notFound();
  const t = await getTranslations('common');
  return (
    <PortalShell viewer={viewer} section="account">
      <h1 className="text-2xl font-semibold">{t('productName')}</h1>
    </PortalShell>
  );
}
