import { getTranslations } from 'next-intl/server';
import { database } from '@/db/client';
import { z } from 'zod';
import { ClientMessages } from '@/components/ClientMessages';
import { PortalShell } from '@/components/shell/PortalShell';
import { requireViewer } from '@/lib/auth/viewer';
import { titleFrom } from '@/lib/i18n/metadata';
import { setNoticesAction } from '@/lib/settings/actions';
import { ownSettings } from '@/lib/settings/queries';
import type { PageSearchParams } from '@/lib/url';
import { CalendarFeedForm } from './CalendarFeedForm';

export const generateMetadata = titleFrom('settings');

const paramsSchema = z.object({ saved: z.literal('notices').optional().catch(undefined) });

/** Préférences: expiry notices by e-mail on or off, and the private calendar feed. Everyone signed in; their own settings only. */
export default async function SettingsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { saved } = paramsSchema.parse(await searchParams);
  const viewer = await requireViewer();
  const { receivesNotices: receives, calendarFeed } = (await ownSettings(database(), viewer));
  const t = await getTranslations('settings');
  return (
    <PortalShell viewer={viewer} section="account" help="notices">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>

      <section aria-labelledby="notices-title" className="mt-6 max-w-3xl">
        <h2 id="notices-title" className="text-lg font-semibold">
          {t('notices.title')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t('notices.intro')}</p>
        <p className="mt-2 text-sm font-medium" data-testid="notices-state">
          {receives ? t('notices.on') : t('notices.off')}
        </p>
        {saved && (
          <p role="status" className="mt-2 text-sm text-emerald-800">
            {t('notices.saved')}
          </p>
        )}
        <form action={setNoticesAction} className="mt-3">
          <input type="hidden" name="receives" value={receives ? '0' : '1'} />
          <button type="submit" className="rounded border border-brand-700 px-4 py-2 text-sm font-medium text-brand-700 hover:bg-blue-50">
            {receives ? t('notices.turnOff') : t('notices.turnOn')}
          </button>
        </form>
      </section>

      <section aria-labelledby="calendar-title" className="mt-8 max-w-3xl">
        <h2 id="calendar-title" className="text-lg font-semibold">
          {t('calendar.title')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t('calendar.intro')}</p>
        <ClientMessages namespaces={['settings.calendar']}>
          <CalendarFeedForm active={calendarFeed} />
        </ClientMessages>
      </section>
    </PortalShell>
  );
}
