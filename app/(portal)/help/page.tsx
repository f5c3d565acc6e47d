import { getTranslations } from 'next-intl/server';
import { PortalShell } from '@/components/shell/PortalShell';
import { requireViewer } from '@/lib/auth/viewer';
import { titleFrom } from '@/lib/i18n/metadata';

export const generateMetadata = titleFrom('help');

/** The quick starts, in the order a new user needs them. */
const SECTIONS = ['find', 'expiry', 'selfProvisioned', 'setUp', 'report'] as const;

/**
 * Aide: the customer guide's quick starts in the product's own words —
 * finding a product, the expiry markers, self-provisioning, setting up an
 * online service, the reconciliation report. The same for every role; no data.
 */
export default async function HelpPage() {
  const viewer = await requireViewer();
  const t = await getTranslations('help');
  return (
    <PortalShell viewer={viewer} section="help">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('intro')}</p>
      <nav aria-label={t('contents')} className="mt-4">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {SECTIONS.map((section) => (
            <li key={section}>
              <a href={`#${section}`} className="link">
                {t(`sections.${section}.title`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {SECTIONS.map((section) => (
        <section key={section} id={section} aria-labelledby={`${section}-title`} className="mt-6 max-w-3xl scroll-mt-4">
          <h2 id={`${section}-title`} className="text-lg font-semibold">
            {t(`sections.${section}.title`)}
          </h2>
          <ol className="mt-2 list-decimal space-y-1 pl-6 text-sm">
            {(t.raw(`sections.${section}.steps`) as string[]).map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </section>
      ))}
      {viewer.role === 'partner_user' && <p className="mt-6 max-w-3xl rounded border border-amber-300 bg-amber-50 p-3 text-sm">{t('partnerNote')}</p>}
    </PortalShell>
  );
}
