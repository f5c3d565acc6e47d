'use server';
/**
 * The forms of Personnes (/account/users), through lib/forms/action.ts: invite, change access, deactivate
 * or reactivate, resend an invitation. Each asks for the viewer itself;
 * lib/people/manage.ts decides (customer administrators only, their own
 * customer's people only — a 404 otherwise — never the last administrator).
 */
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { database } from '@/db/client';
import { formAction, plainFormAction, typed, type FormState, type Translate, signedIn } from '@/lib/forms/action';
import { clientAddress } from '@/lib/http/request-headers';
import { requestMailContext } from '@/lib/notices/request-mail';
import { changeAccess, invitePerson, queueInvitation, setPersonActive, type ManageOutcome } from './manage';
import { statement } from '@/db/statements';

/** The fields of a person's forms, as typed (`accounts`: the numbers, separated by spaces). */
export type PersonFormState = FormState<{ email: string; name: string; locale: string; role: string; accounts: string }>;

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

/** The page after a change, or the message beside the field; a 404 when it was not the viewer's to do. */
function settle(outcome: ManageOutcome, values: PersonFormState['values'], next: string, t: Translate): PersonFormState {
  if (outcome.kind === 'not-found') notFound();
  if (outcome.kind === 'done' || outcome.kind === 'invited') redirect(next);
  return { values, errors: { [outcome.field]: t(outcome.message) } };
}

const noValues = { email: '', name: '', locale: '', role: '', accounts: '' };
const userOf = (formData: FormData) => typed(formData, 'user', 20);

const invite = formAction({
  viewer: signedIn,
  values: (formData) => ({
    email: typed(formData, 'email', 320),
    name: typed(formData, 'name', 200),
    locale: typed(formData, 'locale', 5) || 'fr',
    role: typed(formData, 'role', 20),
    accounts: accountNumbers(formData).join(' '),
  }),
  schema: personForm,
  messages: {
    namespace: 'people.errors',
    keys: ['emailRequired', 'emailInvalid', 'nameRequired'],
    fallback: (field) => (field === 'role' ? 'roleRequired' : field === 'locale' ? 'localeRequired' : 'emailInvalid'),
  },
  handle: async ({ viewer, data, values, formData, t }): Promise<PersonFormState> => {
    const outcome = (await invitePerson(database(), viewer, { ...data, accounts: accountNumbers(formData) }, await requestMailContext()));
    return settle(outcome, values, '/account/users?invited=1', t);
  },
});

export async function invitePersonAction(previous: PersonFormState, formData: FormData): Promise<PersonFormState> {
  return invite(previous, formData);
}

const access = formAction({
  viewer: signedIn,
  values: (formData) => ({ ...noValues, role: typed(formData, 'role', 20), accounts: accountNumbers(formData).join(' ') }),
  input: (values, formData) => ({ user: userOf(formData), role: values.role }),
  schema: accessForm,
  namespace: 'people.errors',
  handle: async ({ viewer, data, values, formData, t }): Promise<PersonFormState> => {
    const outcome = (await changeAccess(database(), viewer, data.user, { role: data.role, accounts: accountNumbers(formData) }, { now: Date.now(), address: clientAddress(await headers()) }));
    return settle(outcome, values, `/account/users/${data.user}?saved=1`, t);
  },
});

export async function changeAccessAction(previous: PersonFormState, formData: FormData): Promise<PersonFormState> {
  return access(previous, formData);
}

const activeness = formAction({
  viewer: signedIn,
  values: () => noValues,
  input: (_values, formData) => ({ user: userOf(formData), active: formData.get('active') }),
  schema: z.object({ user: z.coerce.number().int().positive(), active: z.enum(['1', '0']) }),
  namespace: 'people.errors',
  handle: async ({ viewer, data, values, t }): Promise<PersonFormState> => {
    const outcome = (await setPersonActive(database(), viewer, data.user, data.active === '1', { now: Date.now(), address: clientAddress(await headers()) }));
    return settle(outcome, values, `/account/users/${data.user}?saved=1`, t);
  },
});

export async function setPersonActiveAction(previous: PersonFormState, formData: FormData): Promise<PersonFormState> {
  return activeness(previous, formData);
}

const resend = plainFormAction({
  viewer: signedIn,
  values: userOf,
  input: (user) => ({ user }),
  schema: z.object({ user: z.coerce.number().int().positive() }),
  handle: async ({ viewer, data }) => {
    if (viewer.role !== 'customer_admin' || !viewer.customer) notFound();
    const db = database();
    const person = (await statement<{ id: number }>(db, 'select u.id from users u join grants g on g.user_id = u.id where u.id = ? and g.customer_id = ? and u.password_hash is null')
      .get(data.user, viewer.customer.id));
    if (!person) notFound();
    // Sent again in the name of the administrator who resends it.
    await queueInvitation(db, person.id, await requestMailContext(), { customerId: viewer.customer.id, invitedByUserId: viewer.userId });
    redirect(`/account/users/${person.id}?resent=1`);
  },
});

export async function resendInvitationAction(formData: FormData): Promise<void> {
  return resend(formData);
}
