import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PortalShell } from '@/components/shell/PortalShell';
import { PublicShell } from '@/components/shell/PublicShell';
import { getOptionalViewer } from '@/lib/auth/viewer';
import { HOME_PATH } from '@/lib/auth/redirect';

/** Its own title, not the one of the page that was asked for ("Page introuvable · License Desk"). */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common.errors');
  return { title: t('notFoundTitle') };
}

/**
 * Anything that does not exist or is not the viewer's (answered exactly
 * alike). Signed in, it is a page of the portal — the menu, the language
 * switch, the person's menu — with a way back; signed out, the public frame.
 */
export default async function NotFound() {
  const t = await getTranslations('common.errors');
  const viewer = await getOptionalViewer();
  const productName = (await getTranslations('common'))('productName');
  const body = (
    <div data-testid="not-found">
      {/*
        Its own title: a page that answers not found has already resolved its own metadata (its title), which the
        metadata of this file does not replace; a <title> rendered here is hoisted into the head by React.
      */}
      <title>{`${t('notFoundTitle')} · ${productName}`}</title>
      <h1 className="text-2xl font-semibold">{t('notFoundTitle')}</h1>
      <p className="mt-2 text-slate-700">{t('notFoundBody')}</p>
      <Link href={HOME_PATH} className="mt-4 inline-block link">
        {t('backHome')}
      </Link>
    </div>
  );
  return viewer ? <PortalShell viewer={viewer}>{body}</PortalShell> : <PublicShell width="max-w-md">{body}</PublicShell>;
}
