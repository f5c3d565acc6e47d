import { getTranslations } from 'next-intl/server';
import type { ProductGroup } from '@/lib/inventory/queries';
import { foldForSearch } from '@/lib/search/normalize';

type HeadingLevel = 'h2' | 'h3';
type Row = (group: ProductGroup, headingLevel: 'h3' | 'h4') => React.ReactNode;

/** The in-page anchor of a family heading (Parcourir). */
export function familyAnchor(family: string): string {
  return `family-${foldForSearch(family).trim().replace(/ /g, '-')}`;
}

/**
 * Parcourir: links to the headings of the page — the families, or in the
 * packages view the two sections shown (Produits, Packages).
 */
export async function BrowseLinks({ groups, split }: { groups: ProductGroup[]; split: boolean }) {
  const t = await getTranslations('inventory');
  const links = split
    ? [
        ...(groups.some((group) => group.packageId === null) ? [{ href: '#section-products', label: t('sections.products') }] : []),
        ...(groups.some((group) => group.packageId !== null) ? [{ href: '#section-packages', label: t('sections.packages') }] : []),
      ]
    : [...new Set(groups.map((group) => group.familyName))].map((family) => ({ href: `#${familyAnchor(family)}`, label: family }));
  return (
    <nav aria-label={t('toolbar.browse')} className="no-print mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="browse">
      <span className="font-medium">{t('toolbar.browseLabel')}</span>
      {links.map((link) => (
        <a key={link.href} href={link.href} className="link">
          {link.label}
        </a>
      ))}
    </nav>
  );
}

/** Consecutive product rows with the same heading (a family, a package) under that heading. */
function ByHeading({ groups, heading, level, row }: { groups: ProductGroup[]; heading: (group: ProductGroup) => string; level: HeadingLevel; row: Row }) {
  const blocks: { title: string; groups: ProductGroup[] }[] = [];
  for (const group of groups) {
    const title = heading(group);
    const last = blocks.at(-1);
    if (last && last.title === title) last.groups.push(group);
    else blocks.push({ title, groups: [group] });
  }
  const Heading = level;
  return blocks.map((block) => (
    <section key={`${level}-${block.title}`} id={level === 'h2' ? familyAnchor(block.title) : undefined} className="mt-5 scroll-mt-4">
      <Heading className={level === 'h2' ? 'text-lg font-semibold text-slate-800' : 'text-base font-semibold text-slate-800'}>{block.title}</Heading>
      <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white">{block.groups.map((group) => row(group, level === 'h2' ? 'h3' : 'h4'))}</ul>
    </section>
  ));
}

/** One category of the packages view, "Produits" or "Packages", with its hint. */
function Category({ id, title, hint, className, children }: { id: string; title: string; hint: string; className: string; children: React.ReactNode }) {
  return (
    <section className={className} aria-labelledby={id}>
      <h2 id={id} className="scroll-mt-4 text-xl font-semibold">
        {title}
      </h2>
      <p className="text-sm text-slate-600">{hint}</p>
      {children}
    </section>
  );
}

/** Product rows under family headings; in the packages view, "Produits" then "Packages" (each package with its items). */
export async function InventorySections({ groups, split, row }: { groups: ProductGroup[]; split: boolean; row: Row }) {
  const t = await getTranslations('inventory');
  const family = (group: ProductGroup) => group.familyName;
  if (!split) return <ByHeading groups={groups} heading={family} level="h2" row={row} />;
  const separate = groups.filter((group) => group.packageId === null);
  const packaged = groups.filter((group) => group.packageId !== null);
  return (
    <>
      {separate.length > 0 && (
        <Category id="section-products" title={t('sections.products')} hint={t('sections.productsHint')} className="mt-6">
          <ByHeading groups={separate} heading={family} level="h3" row={row} />
        </Category>
      )}
      {packaged.length > 0 && (
        <Category id="section-packages" title={t('sections.packages')} hint={t('sections.packagesHint')} className="mt-8">
          <ByHeading groups={packaged} heading={(group) => t('sections.package', { name: group.packageName ?? '' })} level="h3" row={row} />
        </Category>
      )}
    </>
  );
}
