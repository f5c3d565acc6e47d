import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PortalShell } from '@/components/shell/PortalShell';
import { requireViewer } from '@/lib/auth/viewer';
import { HELP_TOPIC_PAGES, HELP_TOPICS } from '@/lib/help/topics';
import { titleFrom } from '@/lib/i18n/metadata';
import { hrefWith, scopeParams } from '@/lib/url';

export const generateMetadata = titleFrom('help');

/**
 * Aide: a quick start for each part of the product, written from the
 * customer guide in the product's own words, each linking to the page it
 * explains (when the viewer may open it). Only the catalogue: no data.
 */
export default async function HelpPage() {
  const viewer = await requireViewer();
  const t = await getTranslations('help');
  const scope = scopeParams(viewer);
  return (
    <PortalShell viewer={viewer} section="help">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('intro')}</p>
      {viewer.role === 'partner_user' && <p className="mt-3 max-w-3xl rounded border border-amber-300 bg-amber-50 p-3 text-sm">{t('partnerNote')}</p>}
      <nav aria-label={t('contents')} className="no-print mt-4">
        <ul className="grid gap-x-6 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {HELP_TOPICS.map((topic) => (
            <li key={topic}>
              <a href={`#${topic}`} className="link inline-block py-0.5">
                {t(`sections.${topic}.title`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {HELP_TOPICS.map((topic) => {
        const target = HELP_TOPIC_PAGES[topic];
        const mayOpen = !target.roles || target.roles.includes(viewer.role);
        return (
          <section key={topic} id={topic} aria-labelledby={`${topic}-title`} className="mt-6 max-w-3xl scroll-mt-4">
            <h2 id={`${topic}-title`} className="text-lg font-semibold">
              {t(`sections.${topic}.title`)}
            </h2>
            <ol className="mt-2 list-decimal space-y-1 pl-6 text-sm">
              {(t.raw(`sections.${topic}.steps`) as string[]).map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
            {mayOpen && (
              <p className="mt-2 text-sm">
                <Link href={hrefWith(target.path, scope)} prefetch={false} className="link target" data-testid="help-page-link">
                  {t('open', { page: t(`sections.${topic}.page`) })} →
                </Link>
              </p>
            )}
          </section>
        );
      })}
    </PortalShell>
  );
}
