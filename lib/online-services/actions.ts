'use server';
/**
 * The set-up and reduction forms' server actions (lib/forms/action.ts): the
 * viewer → the form parsed → one write (./provisioning.ts) → the receipt. A
 * post from someone who may not set up services, or naming an account or line
 * outside their grants, is a 404 and writes nothing; a field to correct comes
 * back beside the field with what was typed.
 */
import { database } from '@/db/client';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getAccountByNumber } from '@/lib/accounts/queries';
import { requireViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { formAction, settleOnce, typed, type FormState, type Translate } from '@/lib/forms/action';
import { clientAddress } from '@/lib/http/request-headers';
import { MAX_SELF_PROVISIONED_QUANTITY, maySetUpOnlineServices, reduceFormSchema, reduceSelfProvisioning, setUpFormSchema, setUpOnlineService, type WriteOutcome } from './provisioning';
import { receiptPath } from './paths';
import { getProvisioningLine } from './queries';

export type SetUpState = FormState<{ product: string; account: string; quantity: string }>;
export type ReduceState = FormState<{ available: string; intent: string }>;

const writeOptions = async () => ({
  today: today(),
  resultPath: ({ transactionId }: { transactionId: number }) => receiptPath(transactionId),
  address: clientAddress(await headers()),
});

/** Only a customer administrator may set services up: for anyone else the form does not exist. */
async function provisioningViewer() {
  const viewer = await requireViewer();
  if (!maySetUpOnlineServices(viewer)) notFound();
  return viewer;
}

/** Sends the person where a recorded (or repeated) write leads, or to 404; otherwise the message of the field to correct. */
function settle<V>(outcome: WriteOutcome, values: V, t: Translate): FormState<V> {
  if (outcome.kind === 'recorded') redirect(receiptPath(outcome.transactionId));
  if (outcome.kind !== 'invalid') settleOnce(outcome);
  return { values, errors: { [outcome.field]: t(outcome.message, outcome.values) } };
}

const setUp = formAction({
  viewer: provisioningViewer,
  // What was typed comes back in the fields; an absurd length is not worth echoing.
  values: (formData) => ({ product: typed(formData, 'product', 64), account: typed(formData, 'account', 64), quantity: typed(formData, 'quantity', 20) }),
  input: (values, formData) => ({ ...values, key: formData.get('key') }),
  schema: setUpFormSchema,
  once: true,
  // An account outside the grants is not found whatever else the form holds: no field message may tell it apart from an unknown one.
  before: async ({ viewer, values }) => {
    if (values.account.trim() && !(await getAccountByNumber(database(), viewer, values.account.trim()))) notFound();
  },
  messages: {
    namespace: 'onlineServices.errors',
    keys: ['productRequired', 'productUnknown', 'accountRequired', 'accountUnknown', 'quantityRequired', 'quantityWhole', 'quantityRange'],
    fallback: (field) => (field === 'quantity' ? 'quantityWhole' : field === 'product' ? 'productUnknown' : 'accountUnknown'),
    values: { max: MAX_SELF_PROVISIONED_QUANTITY },
  },
  handle: async ({ viewer, data, values, t }): Promise<SetUpState> => settle((await setUpOnlineService(database(), viewer, data, await writeOptions())), values, t),
});

/** CONFIGURER DES SERVICES EN LIGNE: records a self-provisioning and shows what to ask the partner. */
export async function setUpOnlineServiceAction(previous: SetUpState, formData: FormData): Promise<SetUpState> {
  return setUp(previous, formData);
}

const reduce = formAction({
  viewer: provisioningViewer,
  values: (formData) => ({ available: typed(formData, 'available', 20), intent: typed(formData, 'intent', 20) }),
  input: (values, formData) => ({ key: formData.get('key'), line: formData.get('line'), intent: formData.get('intent') ?? undefined, available: formData.get('available') ?? undefined, confirmed: formData.get('confirmed') ?? undefined }),
  schema: reduceFormSchema,
  once: true,
  // Every field the person types is read by the write itself; a malformed hidden field is not a mistake of theirs (404).
  namespace: 'onlineServices.errors',
  handle: async ({ viewer, data, values, t }): Promise<ReduceState> => {
    // Switching off asks first: the first press only shows the confirmation, a second (with `confirmed`) writes.
    if (data.intent === 'switch-off' && !data.confirmed) {
      // Never asked about a line that is not the viewer's: that is not found, as the write would answer.
      if (!(await getProvisioningLine(database(), viewer, data.line))) notFound();
      return { values: { ...values, intent: 'confirm-switch-off' }, errors: {} };
    }
    return settle((await reduceSelfProvisioning(database(), viewer, data, await writeOptions())), values, t);
  },
});

/** Reduces or switches off what was self-provisioned on one line. */
export async function reduceSelfProvisioningAction(previous: ReduceState, formData: FormData): Promise<ReduceState> {
  return reduce(previous, formData);
}
