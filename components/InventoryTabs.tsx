import Link from 'next/link';
import { useTranslations } from 'next-intl';

/** The tabs of the inventory (licences and services, benefits, what expires soon), as links; the current one is marked for assistive technology. */
export function InventoryTabs({ current, params }: { current: 'licenses' | 'benefits' | 'expiring'; params: string }) {
  const t = useTranslations('inventory.tabs');
  const tabs = [
    { id: 'licenses', href: `/inventory${params}`, label: t('licenses') },
    { id: 'benefits', href: `/inventory/benefits${params}`, label: t('benefits') },
    { id: 'expiring', href: `/inventory/expiring${params}`, label: t('expiring') },
  ] as const;
  return (
    <nav aria-label={t('label')} className="mt-4 border-b border-slate-300">
      <ul className="-mb-px flex flex-wrap gap-1">
        {tabs.map((tab) => (
          <li key={tab.id}>
            <Link
              href={tab.href}
              aria-current={tab.id === current ? 'page' : undefined}
              className={`inline-block rounded-t border px-4 py-2 text-sm ${
                tab.id === current ? 'border-slate-300 border-b-white bg-white font-semibold text-slate-900' : 'border-transparent text-brand-700 hover:bg-white/60'
              }`}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
