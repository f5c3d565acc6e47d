import { getTranslations } from 'next-intl/server';
import type { Viewer } from '@/lib/auth/viewer';
import { TopBar, type PortalSection } from './TopBar';

/** The frame of every signed-in page: skip link, top bar, optional context bar, content. */
export async function PortalShell({ viewer, section, context, children }: { viewer: Viewer; section: PortalSection; context?: React.ReactNode; children: React.ReactNode }) {
  const t = await getTranslations('common');
  return (
    <>
      <a href="#main" className="sr-only z-50 rounded bg-white px-3 py-2 text-brand-800 focus:not-sr-only focus:absolute focus:left-2 focus:top-2">
        {t('skipToContent')}
      </a>
      <TopBar viewer={viewer} section={section} />
      {context}
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
        {children}
      </main>
    </>
  );
}
