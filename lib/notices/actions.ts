'use server';
/**
 * The confirmation form of the "stop these notices" link: no session needed —
 * the signed token in the form is the authority, and it can only turn the
 * notices of its own user off (lib/notices/unsubscribe.ts).
 */
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { database } from '@/db/client';
import { env } from '@/lib/env';
import { plainFormAction, publicForm } from '@/lib/forms/action';
import { turnNoticesOff } from './unsubscribe';

const form = z.object({ token: z.string().max(200) });

const noticesOff = plainFormAction({
  viewer: publicForm,
  values: (formData) => ({ token: formData.get('token') ?? '' }),
  schema: form,
  invalid: () => redirect('/notices/off'),
  handle: async ({ data }) => {
    const secret = env().AUTH_SECRET;
    redirect(secret && (await turnNoticesOff(database(), secret, data.token)) ? '/notices/off?done=1' : '/notices/off');
  },
});

export async function turnNoticesOffAction(formData: FormData): Promise<void> {
  return noticesOff(formData);
}
