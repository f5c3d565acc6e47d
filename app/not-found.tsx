import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PortalShell } from '@/components/shell/PortalShell';
import { PublicShell } from '@/components/shell/PublicShell';
import { headers } from 'next/headers';
import { getOptionalViewer, REQUEST_PATH_HEADER } from '@/lib/auth/viewer';
import { HOME_PATH } from '@/lib/auth/redirect';
import { askedFor } from '@/lib/http/asked-for';
import { hrefWith } from '@/lib/url';

/** Its own title, not the one of the page that was asked for ("Page introuvable · License Desk"). */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common.errors');
  return { title: t('notFoundTitle') };
}

/**
 * Anything that does not exist or is not the viewer's (answered exactly
 * alike). Signed in, it is a page of the portal — the menu, the language
 * switch, the person's menu — that says what was asked for (an order, a
 * purchase account, a line of an old e-mail) and leads to the nearest list
 * that still makes sense; signed out, the public frame.
 */
export default async function NotFound() {
  const t = await getTranslations('common.errors');
  const viewer = await getOptionalViewer();
  const productName = (await getTranslations('common'))('productName');
  const asked = viewer ? askedFor((await headers()).get(REQUEST_PATH_HEADER)) : null;
  const nearest =
    asked?.kind === 'order'
      ? { text: t('notFoundOrder', { number: asked.number }), href: hrefWith('/orders', { customer: asked.customer }), label: t('toOrders') }
      : asked?.kind === 'account'
        ? { text: t('notFoundAccount', { number: asked.number }), href: hrefWith('/accounts', { customer: asked.customer }), label: t('toAccounts') }
        : asked?.kind === 'line'
          ? { text: t('notFoundLine'), href: null, label: null }
          : null;
  const body = (
    <div data-testid="not-found">
      {/*
        Its own title: a page that answers not found has already resolved its own metadata (its title), which the
        metadata of this file does not replace; a <title> rendered here is hoisted into the head by React.
      */}
      <title>{`${t('notFoundTitle')} · ${productName}`}</title>
      <h1 className="text-2xl font-semibold">{t('notFoundTitle')}</h1>
      <p className="mt-2 text-slate-700" data-testid="not-found-what">
        {nearest?.text ?? t('notFoundBody')}
      </p>
      <p className="mt-4 flex flex-wrap gap-x-6 gap-y-2">
        {nearest?.href && (
          <Link href={nearest.href} className="link">
            {nearest.label}
          </Link>
        )}
        <Link href={HOME_PATH} className="link">
          {t('backHome')}
        </Link>
      </p>
    </div>
  );
  return viewer ? <PortalShell viewer={viewer}>{body}</PortalShell> : <PublicShell width="max-w-md">{body}</PublicShell>;
}
