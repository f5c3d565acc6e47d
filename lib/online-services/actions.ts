'use server';
/**
 * The set-up and reduction forms' server actions: viewer → authorise → parse
 * with zod → one write (./provisioning.ts) → redirect to the receipt. A post
 * from someone who may not set up services, or naming an account or line
 * outside their grants, is a 404 and writes nothing; a field to correct comes
 * back beside the field with what was typed.
 */
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { getAccountByNumber } from '@/lib/accounts/queries';
import { requireViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { clientAddress } from '@/lib/http/request-headers';
import { MAX_SELF_PROVISIONED_QUANTITY, maySetUpOnlineServices, reduceFormSchema, reduceSelfProvisioning, setUpFormSchema, setUpOnlineService, type WriteOutcome } from './provisioning';
import { receiptPath } from './paths';

export interface SetUpState {
  values: { product: string; account: string; quantity: string };
  errors: { product?: string; account?: string; quantity?: string };
}

export interface ReduceState {
  values: { available: string };
  errors: { available?: string };
}

const text = (formData: FormData, name: string, max: number) => String(formData.get(name) ?? '').slice(0, max);

const writeOptions = async () => ({
  today: today(),
  resultPath: ({ transactionId }: { transactionId: number }) => receiptPath(transactionId),
  address: clientAddress(await headers()),
});

/** Sends the person where a recorded (or repeated) write leads, or to 404; returns the message of a field otherwise. */
function settle(outcome: WriteOutcome): Extract<WriteOutcome, { kind: 'invalid' }> {
  switch (outcome.kind) {
    case 'recorded':
      redirect(receiptPath(outcome.transactionId));
    case 'repeat':
      redirect(outcome.result);
    case 'not-found':
      notFound();
    case 'invalid':
      return outcome;
  }
}

/** CONFIGURER DES SERVICES EN LIGNE: records a self-provisioning and shows what to ask the partner. */
export async function setUpOnlineServiceAction(_previous: SetUpState, formData: FormData): Promise<SetUpState> {
  const viewer = await requireViewer();
  if (!maySetUpOnlineServices(viewer)) notFound();
  const t = await getTranslations('onlineServices.errors');
  // What was typed comes back in the fields; an absurd length is not worth echoing.
  const values = { product: text(formData, 'product', 64), account: text(formData, 'account', 64), quantity: text(formData, 'quantity', 20) };
  const parsed = setUpFormSchema.safeParse({ key: formData.get('key'), product: formData.get('product') ?? '', account: formData.get('account') ?? '', quantity: formData.get('quantity') ?? '' });
  // An account outside the grants is not found whatever else the form holds: no field message may tell it apart from an unknown one.
  if (values.account.trim() && !getAccountByNumber(viewer, values.account.trim())) notFound();
  if (!parsed.success) {
    const errors: SetUpState['errors'] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      // A missing or forged key is not something a person typed: the form was not ours.
      if (field === 'key') notFound();
      if ((field === 'product' || field === 'account' || field === 'quantity') && !errors[field]) errors[field] = t(catalogueKey(issue.message, field), { max: MAX_SELF_PROVISIONED_QUANTITY });
    }
    return { values, errors };
  }
  const invalid = settle(setUpOnlineService(getDb(), viewer, parsed.data, await writeOptions()));
  return { values, errors: { [invalid.field]: t(invalid.message, invalid.values) } };
}

/** Reduces or switches off what was self-provisioned on one line. */
export async function reduceSelfProvisioningAction(_previous: ReduceState, formData: FormData): Promise<ReduceState> {
  const viewer = await requireViewer();
  if (!maySetUpOnlineServices(viewer)) notFound();
  const t = await getTranslations('onlineServices.errors');
  const values = { available: text(formData, 'available', 20) };
  const parsed = reduceFormSchema.safeParse({
    key: formData.get('key'),
    line: formData.get('line'),
    intent: formData.get('intent') ?? undefined,
    available: formData.get('available') ?? undefined,
  });
  if (!parsed.success) notFound();
  const invalid = settle(reduceSelfProvisioning(getDb(), viewer, parsed.data, await writeOptions()));
  return { values, errors: { available: t(invalid.message, invalid.values) } };
}

const MESSAGES = new Set(['productRequired', 'productUnknown', 'accountRequired', 'accountUnknown', 'quantityRequired', 'quantityWhole', 'quantityRange']);

/** Only our own message keys reach the catalogue; anything else is the field's generic message. */
function catalogueKey(message: string, field: 'product' | 'account' | 'quantity'): string {
  if (MESSAGES.has(message)) return message;
  return field === 'quantity' ? 'quantityWhole' : field === 'product' ? 'productUnknown' : 'accountUnknown';
}
