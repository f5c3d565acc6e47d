/** next-intl's request configuration: the locale of this request and its catalogues. */
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getOptionalViewer } from '@/lib/auth/viewer';
import { LOCALE_COOKIE, resolveLocale } from './locale';
import { messages } from './messages';

export default getRequestConfig(async () => {
  const viewer = await getOptionalViewer();
  const locale = resolveLocale({
    userLocale: viewer?.locale,
    cookie: (await cookies()).get(LOCALE_COOKIE)?.value,
    acceptLanguage: (await headers()).get('accept-language'),
  });
  return { locale, messages: messages[locale], timeZone: 'UTC' };
});
