/** The <title> of a page, from its catalogue namespace's `title` in the reader's language, with what it shows. */
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { AccountSelection } from '@/lib/accounts/queries';

/** A page's `generateMetadata`: `export const generateMetadata = titleFrom('reports');` */
export function titleFrom(namespace: string): () => Promise<Metadata> {
  return async () => {
    const t = await getTranslations(namespace);
    return { title: t('title') };
  };
}

/**
 * A title that names what the page shows: the page's name (or a heading
 * given whole) then each detail — the account, the filters — so that tabs,
 * bookmarks and the history of the browser tell pages apart.
 */
export function titleOf(...parts: (string | null | undefined | false)[]): Metadata {
  return { title: parts.filter(Boolean).join(' — ') };
}

/** The purchase account a page shows, as its title says it ("Compte d'achats 5100201 – Lyon" or every account). */
export async function accountInTitle(selection: AccountSelection | { number: string; name: string }): Promise<string | null> {
  const t = await getTranslations('common.context');
  if (!('kind' in selection)) return t('account', selection);
  if (selection.kind === 'account') return t('account', { number: selection.account.number, name: selection.account.name });
  if (selection.kind === 'all') return t('allAccounts', { count: selection.accountCount });
  return null;
}
