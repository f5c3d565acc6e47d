import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { signOutAction } from '@/lib/auth/actions';
import type { Viewer } from '@/lib/auth/viewer';
import { elision } from '@/lib/i18n/elision';
import { hrefWith, scopeParams } from '@/lib/url';
import { LanguageSwitch } from './LanguageSwitch';

export type PortalSection = 'inventory' | 'orders' | 'reports' | 'partner' | 'accounts' | 'help' | 'activity' | 'account';

/** Product name, the menu (Inventaire ▸ Gérer mon inventaire; Compte ▸ Afficher l'historique des commandes; Rapports), the language switch and the user's menu. */
export async function TopBar({ viewer, section, account }: { viewer: Viewer; section?: PortalSection; account?: string }) {
  const t = await getTranslations('common');
  const scope = scopeParams(viewer);
  // The account in view travels with the menu, so that the inventory and the order history show the same one.
  const inView = { ...scope, account };
  const linkClass = (active: boolean) =>
    `block rounded px-1.5 py-1 text-sm whitespace-nowrap ${active ? 'bg-white/15 font-semibold text-white underline underline-offset-4' : 'text-blue-50 hover:bg-white/10 hover:text-white'}`;
  const groups = [
    { label: t('menu.inventory'), href: hrefWith('/inventory', inView), text: t('menu.manageInventory'), active: section === 'inventory' || section === 'accounts' },
    { label: t('menu.account'), href: hrefWith('/orders', inView), text: t('menu.orderHistory'), active: section === 'orders' },
    { label: null, href: hrefWith('/reports', scope), text: t('menu.reports'), active: section === 'reports' },
  ];
  if (viewer.role === 'partner_user') groups.push({ label: null, href: '/partner', text: t('menu.partnerWorkspace'), active: section === 'partner' });
  groups.push({ label: null, href: '/help', text: t('menu.help'), active: section === 'help' });

  const menu = (
    <ul className="flex flex-col gap-1 md:flex-row md:items-center md:gap-1">
      {groups.map((group) => (
        <li key={group.href} className="flex items-center gap-1">
          {group.label && <span className="whitespace-nowrap text-xs uppercase text-blue-200">{group.label} ▸</span>}
          <Link href={group.href} className={linkClass(group.active)} aria-current={group.active ? 'page' : undefined}>
            {group.text}
          </Link>
        </li>
      ))}
    </ul>
  );

  return (
    <header className="no-print bg-brand-800 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2 lg:flex-nowrap">
        <Link href={hrefWith('/inventory', scope)} className="text-lg font-semibold whitespace-nowrap text-white">
          {t('productName')}
        </Link>
        <nav aria-label={t('menu.label')} className="hidden min-w-0 md:block">
          {menu}
        </nav>
        <div className="ml-auto flex shrink-0 items-center gap-2 [&_button]:border-white/40 [&_button]:text-white [&_button:hover]:bg-white/10">
          <LanguageSwitch />
          <details className="relative">
            <summary className="cursor-pointer list-none rounded px-2 py-1 text-sm whitespace-nowrap hover:bg-white/10" aria-label={t('user.menu', { name: viewer.name, elision: elision(viewer.name) })}>
              {/* A long name is cut with an ellipsis, so that the top bar stays one row; the whole name is in the menu's label. */}
              <span className="inline-block max-w-36 truncate align-bottom">{viewer.name}</span> ▾
            </summary>
            <div className="absolute right-0 z-20 mt-1 w-64 rounded border border-slate-200 bg-white p-3 text-slate-900 shadow-lg [&_button]:!text-slate-900">
              <p className="break-all text-xs text-slate-600">{t('user.signedInAs', { email: viewer.email, elision: elision(viewer.email) })}</p>
              {viewer.role === 'customer_admin' && (
                <Link href="/account/users" className="mt-2 block rounded px-1 py-1 text-sm link hover:bg-slate-100">
                  {t('user.people')}
                </Link>
              )}
              {(viewer.role === 'customer_admin' || viewer.role === 'partner_user') && (
                <Link href="/account/activity" className="mt-2 block rounded px-1 py-1 text-sm link hover:bg-slate-100">
                  {t('user.activity')}
                </Link>
              )}
              <Link href="/settings" className="mt-1 block rounded px-1 py-1 text-sm link hover:bg-slate-100">
                {t('user.settings')}
              </Link>
              <Link href="/account/password" className="mt-1 block rounded px-1 py-1 text-sm link hover:bg-slate-100">
                {t('user.security')}
              </Link>
              <form action={signOutAction} className="mt-2">
                <button type="submit" className="w-full rounded border !border-slate-300 px-3 py-1.5 text-left text-sm hover:!bg-slate-100">
                  {t('user.signOut')}
                </button>
              </form>
            </div>
          </details>
        </div>
      </div>
      <details className="border-t border-white/20 px-4 py-2 md:hidden">
        <summary className="cursor-pointer text-sm">{t('menu.open')}</summary>
        <nav aria-label={t('menu.label')} className="mt-2">
          {menu}
        </nav>
      </details>
    </header>
  );
}
