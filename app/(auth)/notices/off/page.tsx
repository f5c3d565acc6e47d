import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { PublicShell } from '@/components/shell/PublicShell';
import { database } from '@/db/client';
import { env } from '@/lib/env';
import { turnNoticesOffAction } from '@/lib/notices/actions';
import { noticesOffRecipient } from '@/lib/notices/unsubscribe';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('notices.offPage');
  return { title: t('title') };
}

const paramsSchema = z.object({
  token: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.string().max(200).optional()).catch(undefined),
  done: z.literal('1').optional().catch(undefined),
});

/**
 * The "stop these notices" link of an expiry e-mail, signed out or not: it
 * asks to confirm (a link opened by a mail scanner must change nothing), then
 * turns the notices of the token's user off. Mail clients' one-click
 * unsubscribe posts to ./one-click instead.
 */
export default async function NoticesOffPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = paramsSchema.parse(await searchParams);
  const t = await getTranslations('notices.offPage');
  const secret = env().AUTH_SECRET;
  const recipient = params.token && secret ? (await noticesOffRecipient(database(), secret, params.token)) : null;

  return (
    <PublicShell width="max-w-md">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        {params.done ? (
          <p role="status" className="mt-4 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm" data-testid="notices-off-done">
            {t('done')}
          </p>
        ) : recipient ? (
          <form action={turnNoticesOffAction} className="mt-4 space-y-4">
            <input type="hidden" name="token" value={params.token} />
            <p className="text-sm">{t('question', { email: recipient.email })}</p>
            <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
              {t('confirm')}
            </button>
          </form>
        ) : (
          <p role="alert" className="mt-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
            {t('invalid')}
          </p>
        )}
        <p className="mt-6 text-sm">
          <Link href="/sign-in" className="link target">
            {t('signIn')}
          </Link>
        </p>
    </PublicShell>
  );
}
