import type { Metadata } from 'next';
import { database } from '@/db/client';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/ClientMessages';
import { PublicShell } from '@/components/shell/PublicShell';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password-strength';
import { linkPageState } from '@/lib/people/link-page';
import { SetPasswordForm } from './SetPasswordForm';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.reset');
  return { title: t('title') };
}

/** Choosing a new password through a reset link; an expired or used link says so and offers a new one. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token).slice(0, 100);
  const t = await getTranslations('auth.reset');
  const state = await linkPageState(database(), token, 'password_reset');
  return (
    <PublicShell>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      {state.kind === 'valid' ? (
        <ClientMessages namespaces={['auth']}>
          <SetPasswordForm token={token} purpose="password_reset" minLength={MIN_PASSWORD_LENGTH} />
        </ClientMessages>
      ) : (
        <div className="mt-6 space-y-3" data-testid="link-state">
          <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
            {t(state.kind)}
          </p>
          <Link href="/forgot-password" className="text-sm link">
            {t('askAgain')}
          </Link>
        </div>
      )}
    </PublicShell>
  );
}
