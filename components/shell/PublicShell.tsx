import { getTranslations } from 'next-intl/server';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the pages open to everybody (sign-in, the notices link): the product's name, the language switch, a narrow column. */
export async function PublicShell({ width = 'max-w-sm', children }: { width?: 'max-w-sm' | 'max-w-md'; children: React.ReactNode }) {
  const t = await getTranslations('common');
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3">
        <span className="text-lg font-semibold text-slate-900">{t('productName')}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className={`mx-auto w-full ${width} flex-1 px-4 py-12`}>
        {children}
      </main>
    </div>
  );
}
