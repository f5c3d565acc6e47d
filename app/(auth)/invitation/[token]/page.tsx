import type { Metadata } from 'next';
import { database } from '@/db/client';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/ClientMessages';
import { PublicShell } from '@/components/shell/PublicShell';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password-strength';
import { linkPageState } from '@/lib/people/link-page';
import { SetPasswordForm } from '../../reset-password/[token]/SetPasswordForm';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.invitation');
  return { title: t('title') };
}

/** An invitation (valid 72 hours, once): the invited person chooses their password, then signs in. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token).slice(0, 100);
  const t = await getTranslations('auth');
  const state = await linkPageState(database(), token, 'invitation');
  return (
    <PublicShell>
      <h1 className="text-2xl font-semibold">{t('invitation.title')}</h1>
      {state.kind === 'valid' ? (
        <>
          <p className="mt-2 text-sm text-slate-600">{t('invitation.intro')}</p>
          <ClientMessages namespaces={['auth']}>
            <SetPasswordForm token={token} purpose="invitation" minLength={MIN_PASSWORD_LENGTH} />
          </ClientMessages>
        </>
      ) : (
        <div className="mt-6 space-y-3" data-testid="link-state">
          <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
            {t(`reset.${state.kind}`)} {t('invitation.askAgain')}
          </p>
          <Link href="/sign-in" className="text-sm link">
            {t('signIn.title')}
          </Link>
        </div>
      )}
    </PublicShell>
  );
}
