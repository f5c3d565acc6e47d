import Link from 'next/link';
import type { Column, Translate } from '@/components/columns';
import type { Locale } from '@/db/schema';
import { formatInstant } from '@/lib/i18n/format';
import type { PersonRow } from '@/lib/people/manage';

/** The catalogue namespace of Personnes. */
export const PEOPLE_NAMESPACE = 'people';

/** A customer's people: who, role, accounts, language, last sign-in, status; the name opens the person. */
export function peopleColumns({ t, locale, timeZone }: { t: Translate; locale: Locale; timeZone: string }): Column<PersonRow>[] {
  return [
    {
      key: 'name',
      heading: 'columns.name',
      rowHeader: true,
      text: true,
      cell: (person) => (
        <>
          <Link href={`/account/users/${person.id}`} className="font-medium link">
            {person.name}
          </Link>
          <span className="block text-xs text-slate-600">{person.email}</span>
        </>
      ),
    },
    { key: 'role', heading: 'columns.role', cell: (person) => t(`roles.${person.role}`) },
    { key: 'accounts', heading: 'columns.accounts', text: true, cell: (person) => (person.role === 'customer_admin' ? t('allAccounts') : person.accounts.join(', ')) },
    { key: 'locale', heading: 'columns.locale', cell: (person) => (person.locale ? t(`locales.${person.locale}`) : '—') },
    { key: 'lastSignIn', heading: 'columns.lastSignIn', code: true, cell: (person) => (person.lastSignInAt ? formatInstant(locale, person.lastSignInAt, timeZone) : t('never')) },
    { key: 'status', heading: 'columns.status', cell: (person) => (!person.active ? t('status.inactive') : person.invited ? t('status.invited') : t('status.active')) },
  ];
}
