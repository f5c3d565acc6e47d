import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { ClientMessages } from '@/components/ClientMessages';
import { PublicShell } from '@/components/shell/PublicShell';
import { getOptionalViewer } from '@/lib/auth/viewer';
import { safeCallbackPath } from '@/lib/auth/redirect';
import { SIGN_IN_EMAIL_COOKIE } from '@/lib/people/reset';
import { SignInForm } from './SignInForm';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.signIn');
  return { title: t('title') };
}

const paramsSchema = z.object({
  callbackUrl: z.string().optional().catch(undefined),
  reason: z.enum(['session']).optional().catch(undefined),
  signedOut: z.enum(['1', 'everywhere']).optional().catch(undefined),
  passwordChanged: z.literal('1').optional().catch(undefined),
  passwordReset: z.literal('1').optional().catch(undefined),
  invitationAccepted: z.literal('1').optional().catch(undefined),
});

const emailSchema = z.email().max(320);

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = paramsSchema.parse(await searchParams);
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if (await getOptionalViewer()) redirect(callbackPath);
  const t = await getTranslations('auth.signIn');
  const tr = await getTranslations('auth.reset');
  // After a password was chosen through a link: the address it was chosen for, filled in and said.
  const chosen = params.passwordReset || params.invitationAccepted ? emailSchema.safeParse((await cookies()).get(SIGN_IN_EMAIL_COOKIE)?.value) : null;
  const email = chosen?.success ? chosen.data : undefined;
  const passwordChosen = params.invitationAccepted ? 'invitationAccepted' : 'passwordReset';
  const notice =
    params.reason === 'session'
      ? t('sessionEnded')
      : params.passwordChanged
        ? t('passwordChanged')
        : params.passwordReset || params.invitationAccepted
          ? email
            ? t(`${passwordChosen}For`, { email })
            : t(passwordChosen)
        : params.signedOut === 'everywhere'
          ? t('signedOutEverywhere')
          : params.signedOut
            ? t('signedOut')
            : null;

  return (
    <PublicShell>
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="mt-2 text-sm text-slate-600">{t('intro')}</p>
        {notice && (
          <p role="status" className="mt-4 rounded border border-slate-300 bg-white px-3 py-2 text-sm">
            {notice}
          </p>
        )}
        <ClientMessages namespaces={['auth.signIn']}>
          <SignInForm callbackUrl={callbackPath} email={email} />
        </ClientMessages>
        <p className="mt-4 text-sm">
          <Link href="/forgot-password" className="link target">
            {tr('forgotLink')}
          </Link>
        </p>
    </PublicShell>
  );
}
