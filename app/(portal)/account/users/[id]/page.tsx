import Link from 'next/link';
import { database } from '@/db/client';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ClientMessages } from '@/components/ClientMessages';
import { FieldList } from '@/components/FieldList';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { requireViewer } from '@/lib/auth/viewer';
import { env } from '@/lib/env';
import { formatInstant } from '@/lib/i18n/format';
import { titleOf } from '@/lib/i18n/metadata';
import { listAccountChoices } from '@/lib/online-services/queries';
import { getPerson } from '@/lib/people/manage';
import { resendInvitationAction } from '@/lib/people/users-actions';
import type { PageSearchParams } from '@/lib/url';
import { PersonForms } from './PersonForms';

/** "Personne — Lucie Bernard". */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = paramsSchema.parse(await params);
  const viewer = await requireViewer();
  const t = await getTranslations('people.edit');
  const person = id === undefined ? null : (await getPerson(database(), viewer, id));
  return titleOf(t('title'), person?.name);
}

const paramsSchema = z.object({ id: z.coerce.number().int().positive().max(2 ** 31).optional().catch(undefined) });
const noticeSchema = z.object({ saved: z.literal('1').optional().catch(undefined), resent: z.literal('1').optional().catch(undefined) });

/** One of the customer's people: role and accounts, deactivation, the invitation sent again. Another customer's person is a 404. */
export default async function PersonPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: PageSearchParams }) {
  const { id } = paramsSchema.parse(await params);
  const notice = noticeSchema.parse(await searchParams);
  const viewer = await requireViewer();
  const person = id === undefined ? null : (await getPerson(database(), viewer, id));
  if (!person) notFound();
  const t = await getTranslations('people');
  const locale = (await getLocale()) as Locale;
  return (
    <PortalShell viewer={viewer} section="account" help="people">
      <Link href="/account/users" className="back-link text-sm link">
        ← {t('back')}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">{person.name}</h1>
      {(notice.saved || notice.resent) && (
        <p role="status" className="mt-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm">
          {notice.resent ? t('invite.sent') : t('edit.saved')}
        </p>
      )}
      <FieldList
        className="mt-3"
        testId="person"
        fields={[
          { label: t('fields.email'), value: person.email },
          { label: t('columns.status'), value: !person.active ? t('status.inactive') : person.invited ? t('status.invited') : t('status.active') },
          { label: t('columns.lastSignIn'), value: person.lastSignInAt ? formatInstant(locale, person.lastSignInAt, env().APP_TIME_ZONE) : t('never') },
        ]}
      />
      {person.invited && person.active && (
        <form action={resendInvitationAction} className="mt-3">
          <input type="hidden" name="user" value={person.id} />
          <button type="submit" className="rounded border border-brand-700 px-3 py-1.5 text-sm text-brand-700 hover:bg-blue-50">
            {t('edit.resend')}
          </button>
        </form>
      )}
      <h2 className="mt-6 text-lg font-semibold">{t('edit.access')}</h2>
      <ClientMessages namespaces={['people']}>
        <PersonForms userId={person.id} role={person.role} chosen={person.accounts} active={person.active} accounts={(await listAccountChoices(database(), viewer))} />
      </ClientMessages>
    </PortalShell>
  );
}
