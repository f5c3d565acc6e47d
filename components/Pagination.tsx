import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** Previous/next links for a paged list; nothing when everything fits on one page. */
export async function Pagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  if (pages <= 1) return null;
  const t = await getTranslations('common.pagination');
  const link = 'rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100';
  return (
    <nav aria-label={t('label')} className="mt-4 flex items-center gap-3 text-sm">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className={link} rel="prev">
          {t('previous')}
        </Link>
      ) : null}
      <span aria-current="page">{t('page', { page, pages })}</span>
      {page < pages ? (
        <Link href={hrefFor(page + 1)} className={link} rel="next">
          {t('next')}
        </Link>
      ) : null}
    </nav>
  );
}
