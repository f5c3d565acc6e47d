'use client';

import { useTranslations } from 'next-intl';

/**
 * Set by the server's answer to a server action that met a database fault
 * (lib/http/database-fault.ts): Next throws that text/plain answer here as
 * the error's message. Kept in sync with UNAVAILABLE_STATUS_LINE there (not
 * imported, so that no server module reaches the browser bundle).
 */
const UNAVAILABLE_STATUS_LINE = '503 Service Unavailable';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('common.errors');
  const unavailable = !error.digest && error.message.startsWith(UNAVAILABLE_STATUS_LINE);
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">{unavailable ? t('unavailableTitle') : t('errorTitle')}</h1>
      <p className="mt-2 text-slate-700">{unavailable ? t('unavailableBody') : t('errorBody')}</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-brand-700 px-4 py-2 text-white">
        {unavailable ? t('unavailableRetry') : t('retry')}
      </button>
    </main>
  );
}
