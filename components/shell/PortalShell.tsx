import { getTranslations } from 'next-intl/server';
import { HelpLink } from '@/components/HelpLink';
import type { Viewer } from '@/lib/auth/viewer';
import type { HelpTopic } from '@/lib/help/topics';
import { PartnerBanner } from './ContextBar';
import { PrintContext, type PrintContextOf } from './PrintContext';
import { TopBar, type PortalSection } from './TopBar';

/**
 * The frame of every signed-in page: skip link, top bar, optional context
 * bar, the link to the page's help topic, the line that says on paper what
 * the screen's bars say (PrintContext), content.
 */
export async function PortalShell({
  viewer,
  section,
  account,
  context,
  help,
  print,
  children,
}: {
  viewer: Viewer;
  /** The menu entry to mark as current; none on a page of no section (a page not found). */
  section?: PortalSection;
  /** The purchase account in view (a number or `all`): every menu link carries it, so that moving between pages keeps the account. */
  account?: string | null;
  context?: React.ReactNode;
  /** The quick start of /help that explains this page. */
  help?: HelpTopic;
  /** What the printout says besides the customer and the date of the data. */
  print?: PrintContextOf;
  children: React.ReactNode;
}) {
  const t = await getTranslations('common');
  return (
    <>
      <a href="#main" className="sr-only z-50 rounded bg-white px-3 py-2 text-brand-800 focus:not-sr-only focus:absolute focus:left-2 focus:top-2">
        {t('skipToContent')}
      </a>
      <TopBar viewer={viewer} section={section} account={account ?? undefined} />
      {/* Pages without a context bar still say which customer a partner works for. */}
      {context ??
        (viewer.role === 'partner_user' && viewer.customer ? (
          <section aria-label={t('context.label')} className="no-print">
            <PartnerBanner viewer={viewer} />
          </section>
        ) : null)}
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
        <PrintContext viewer={viewer} context={print} />
        {help && <HelpLink topic={help} />}
        {children}
      </main>
    </>
  );
}
