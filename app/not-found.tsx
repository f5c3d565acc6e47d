import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { HOME_PATH } from '@/lib/auth/redirect';

/** Anything that does not exist or is not the viewer's (SPEC §1: answered exactly alike). */
export default async function NotFound() {
  const t = await getTranslations('common.errors');
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">{t('notFoundTitle')}</h1>
      <p className="mt-2 text-slate-700">{t('notFoundBody')}</p>
      <Link href={HOME_PATH} className="mt-4 inline-block link">
        {t('backHome')}
      </Link>
    </main>
  );
}
