import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/ClientMessages';
import { PublicShell } from '@/components/shell/PublicShell';
import { ForgotPasswordForm } from './ForgotPasswordForm';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.reset');
  return { title: t('forgotTitle') };
}

/** Mot de passe oublié: a link by e-mail, valid one hour; open without a session. */
export default async function ForgotPasswordPage() {
  const t = await getTranslations('auth');
  return (
    <PublicShell>
      <h1 className="text-2xl font-semibold">{t('reset.forgotTitle')}</h1>
      <p className="mt-2 text-sm text-slate-600">{t('reset.forgotIntro')}</p>
      <ClientMessages namespaces={['auth.reset']}>
        <ForgotPasswordForm />
      </ClientMessages>
      <p className="mt-6 text-sm">
        <Link href="/sign-in" className="link target">
          {t('signIn.title')}
        </Link>
      </p>
    </PublicShell>
  );
}
