import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/ClientMessages';
import { PortalShell } from '@/components/shell/PortalShell';
import { signOutEverywhereAction } from '@/lib/auth/actions';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password-strength';
import { requireViewer } from '@/lib/auth/viewer';
import { titleFrom } from '@/lib/i18n/metadata';
import { PasswordForm } from './PasswordForm';

export const generateMetadata = titleFrom('auth.password');

/**
 * Sécurité du compte, for everyone signed in: change the password
 * (every session then ends, and the person signs in again with the new one),
 * and sign out everywhere.
 */
export default async function AccountSecurityPage() {
  const viewer = await requireViewer();
  const t = await getTranslations('auth.password');
  return (
    <PortalShell viewer={viewer} section="account" help="people">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <h2 className="mt-6 text-lg font-semibold">{t('changeTitle')}</h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('intro', { min: MIN_PASSWORD_LENGTH })}</p>
      <ClientMessages namespaces={['auth.password']}>
        <PasswordForm minLength={MIN_PASSWORD_LENGTH} />
      </ClientMessages>

      <h2 className="mt-8 text-lg font-semibold">{t('everywhereTitle')}</h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('everywhereIntro')}</p>
      <form action={signOutEverywhereAction} className="mt-3">
        <button type="submit" className="rounded border border-red-700 px-4 py-2 font-medium text-red-800 hover:bg-red-50">
          {t('everywhere')}
        </button>
      </form>
    </PortalShell>
  );
}
