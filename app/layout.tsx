import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { pickMessages } from '@/lib/i18n/client-messages';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: t('productName'), template: `%s · ${t('productName')}` } };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        {/* Only what the error boundary (app/error.tsx) says; each form's page gives its form its own namespaces (components/ClientMessages.tsx). */}
        <NextIntlClientProvider messages={pickMessages((await getMessages()) as Parameters<typeof pickMessages>[0], ['common.errors'])}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
