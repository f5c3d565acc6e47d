import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { switchLanguage } from '@/lib/i18n/actions';
import { REQUEST_PATH_HEADER } from '@/lib/auth/viewer';

/** A one-button form: works without JavaScript and comes back to the same page. */
export async function LanguageSwitch() {
  const locale = await getLocale();
  const t = await getTranslations('common.language');
  const other = locale === 'fr' ? 'en' : 'fr';
  const returnTo = (await headers()).get(REQUEST_PATH_HEADER) ?? '/';
  return (
    <form action={switchLanguage}>
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <button type="submit" lang={other} title={t("switchToLabel")} className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">
        {t('switchTo')}
      </button>
    </form>
  );
}
