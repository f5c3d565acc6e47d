import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { pickMessages } from '@/lib/i18n/client-messages';

/**
 * Gives the client components inside it the catalogue namespaces they
 * translate with, and only those (lib/i18n/client-messages.ts): a form's
 * page wraps its form in it.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly string[]; children: React.ReactNode }) {
  const messages = (await getMessages()) as Parameters<typeof pickMessages>[0];
  return <NextIntlClientProvider messages={pickMessages(messages, namespaces)}>{children}</NextIntlClientProvider>;
}
