/** The <title> of a page, from its catalogue namespace's `title` in the reader's language. */
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

/** A page's `generateMetadata`: `export const generateMetadata = titleFrom('reports');` */
export function titleFrom(namespace: string): () => Promise<Metadata> {
  return async () => {
    const t = await getTranslations(namespace);
    return { title: t('title') };
  };
}
