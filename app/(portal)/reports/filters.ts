import type { Translate } from '@/components/columns';

export type ReportFilterValues = { account?: string; order?: string; agreement?: string; product?: string };

/** The report's filters in words ("Compte d'achats : 5100201"), for its title and its printout. */
export function reportFilterWords(t: Translate, filters: ReportFilterValues): string[] {
  return (['account', 'order', 'agreement', 'product'] as const).flatMap((key) => (filters[key] ? [t('filterWord', { filter: t(`filters.${key}`), value: filters[key] })] : []));
}
