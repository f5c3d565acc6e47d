'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { CopyLinkButton } from '@/components/CopyLinkButton';
import { calendarFeedAction, type CalendarFeedState } from '@/lib/settings/actions';

/**
 * The calendar feed: a new secret address (shown once, with a copy button when
 * JavaScript runs), or none. A plain form with two buttons; works without JavaScript.
 */
export function CalendarFeedForm({ active }: { active: boolean }) {
  const t = useTranslations('settings.calendar');
  const [state, action, pending] = useActionState<CalendarFeedState, FormData>(calendarFeedAction, {});
  const on = state.url ? true : state.revoked ? false : active;
  return (
    <form action={action} className="mt-3 space-y-3" data-testid="calendar-form">
      <p className="text-sm" role="status" data-testid="calendar-state">
        {on ? t('on') : t('off')}
      </p>
      {state.url && (
        <div className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
          <p className="font-medium">{t('newUrl')}</p>
          <p className="mt-1 break-all font-mono text-xs" data-testid="calendar-url">
            {state.url}
          </p>
          <div className="mt-2">
            <CopyLinkButton path={state.url} label={t('copy')} copiedLabel={t('copied')} />
          </div>
        </div>
      )}
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="issue" disabled={pending} className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-70">
          {on ? t('replace') : t('turnOn')}
        </button>
        {on && (
          <button type="submit" name="intent" value="revoke" disabled={pending} className="rounded border border-red-700 px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-70">
            {t('revoke')}
          </button>
        )}
      </div>
    </form>
  );
}
