'use server';
/**
 * The forms of Personnes (/account/users): invite, change access, deactivate
 * or reactivate, resend an invitation. Each asks for the viewer itself;
 * lib/people/manage.ts decides (customer administrators only, their own
 * customer's people only — a 404 otherwise — never the last administrator).
 */
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireViewer } from '@/lib/auth/viewer';
import { clientAddress } from '@/lib/http/request-headers';
import { requestMailContext } from '@/lib/notices/request-mail';
import { changeAccess, invitePerson, queueInvitation, setPersonActive, type ManageOutcome } from './manage';

export interface PersonFormState {
  values: { email: string; name: string; locale: string; role: string; accounts: string };
  errors: { email?: string; name?: string; role?: string; accounts?: string; active?: string };
}

/** Account numbers as the form sends them: checked boxes, or typed, separated by spaces or commas. */
function accountNumbers(formData: FormData): string[] {
  return [...new Set(formData.getAll('accounts').flatMap((value) => String(value).split(/[\s,;]+/)).map((value) => value.trim()).filter(Boolean))].slice(0, 1000);
}

const personForm = z.object({
  email: z.string().trim().min(1, 'emailRequired').max(320, 'emailInvalid').pipe(z.email({ message: 'emailInvalid' })),
  name: z.string().trim().min(1, 'nameRequired').max(200, 'nameRequired'),
  locale: z.enum(['fr', 'en']),
  role: z.enum(['customer_admin', 'account_viewer']),
});
const accessForm = z.object({ user: z.coerce.number().int().positive(), role: z.enum(['customer_admin', 'account_viewer']) });

/** The page after a change, or the messages beside the fields; a 404 when it was not the viewer's to do. */
async function settle(outcome: ManageOutcome, state: PersonFormState, next: string): Promise<PersonFormState> {
  if (outcome.kind === 'not-found') notFound();
  if (outcome.kind === 'done' || outcome.kind === 'invited') redirect(next);
  const t = await getTranslations('people.errors');
  return { ...state, errors: { [outcome.field]: t(outcome.message) } };
}

export async function invitePersonAction(_previous: PersonFormState, formData: FormData): Promise<PersonFormState> {
  const viewer = await requireViewer();
  const t = await getTranslations('people.errors');
  const values = {
    email: String(formData.get('email') ?? '').slice(0, 320),
    name: String(formData.get('name') ?? '').slice(0, 200),
    locale: String(formData.get('locale') ?? 'fr'),
    role: String(formData.get('role') ?? ''),
    accounts: accountNumbers(formData).join(' '),
  };
  const parsed = personForm.safeParse(values);
  if (!parsed.success) {
    const errors: PersonFormState['errors'] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof PersonFormState['errors'];
      errors[field] ??= t(['emailRequired', 'emailInvalid', 'nameRequired'].includes(issue.message) ? issue.message : field === 'role' ? 'roleRequired' : 'emailInvalid');
    }
    return { values, errors };
  }
  const outcome = invitePerson(getDb(), viewer, { ...parsed.data, accounts: accountNumbers(formData) }, await requestMailContext());
  return settle(outcome, { values, errors: {} }, '/account/users?invited=1');
}

export async function changeAccessAction(_previous: PersonFormState, formData: FormData): Promise<PersonFormState> {
  const viewer = await requireViewer();
  const parsed = accessForm.safeParse({ user: formData.get('user'), role: formData.get('role') });
  if (!parsed.success) notFound();
  const state: PersonFormState = { values: { email: '', name: '', locale: '', role: parsed.data.role, accounts: accountNumbers(formData).join(' ') }, errors: {} };
  const outcome = changeAccess(getDb(), viewer, parsed.data.user, { role: parsed.data.role, accounts: accountNumbers(formData) }, { now: Date.now(), address: clientAddress(await headers()) });
  return settle(outcome, state, `/account/users/${parsed.data.user}?saved=1`);
}

export async function setPersonActiveAction(_previous: PersonFormState, formData: FormData): Promise<PersonFormState> {
  const viewer = await requireViewer();
  const parsed = z.object({ user: z.coerce.number().int().positive(), active: z.enum(['1', '0']) }).safeParse({ user: formData.get('user'), active: formData.get('active') });
  if (!parsed.success) notFound();
  const outcome = setPersonActive(getDb(), viewer, parsed.data.user, parsed.data.active === '1', { now: Date.now(), address: clientAddress(await headers()) });
  return settle(outcome, { values: { email: '', name: '', locale: '', role: '', accounts: '' }, errors: {} }, `/account/users/${parsed.data.user}?saved=1`);
}

export async function resendInvitationAction(formData: FormData): Promise<void> {
  const viewer = await requireViewer();
  const parsed = z.object({ user: z.coerce.number().int().positive() }).safeParse({ user: formData.get('user') });
  if (!parsed.success || viewer.role !== 'customer_admin' || !viewer.customer) notFound();
  const db = getDb();
  const person = db.$client
    .prepare<[number, number], { id: number }>('select u.id from users u join grants g on g.user_id = u.id where u.id = ? and g.customer_id = ? and u.password_hash is null')
    .get(parsed.data.user, viewer.customer.id);
  if (!person) notFound();
  queueInvitation(db, person.id, await requestMailContext());
  redirect(`/account/users/${person.id}?resent=1`);
}
