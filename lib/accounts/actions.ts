'use server';
import { database } from '@/db/client';
import { eq } from 'drizzle-orm';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { users } from '@/db/schema';
import { requireViewer } from '@/lib/auth/viewer';
import { plainFormAction, typed } from '@/lib/forms/action';
import { hrefWith, scopeParams } from '@/lib/url';
import { getAccountByNumber } from './queries';
import { selectorReturnSchema } from './return';

const chooseAccountForm = z.object({
  account: z.string().trim().min(1).max(64),
  customer: z.string().trim().max(64).optional(),
  return: selectorReturnSchema,
});

const choose = plainFormAction({
  // A partner user's viewer is the one of the customer the form names (a customer it does not serve is a 404).
  viewer: (formData) => requireViewer(typed(formData, 'customer', 64).trim() || undefined),
  values: (formData) => ({ account: formData.get('account'), customer: formData.get('customer') || undefined, return: formData.get('return') || undefined }),
  schema: chooseAccountForm,
  handle: async ({ viewer, data }) => {
    const account = (await getAccountByNumber(database(), viewer, data.account));
    if (!account) notFound();
    await database().update(users).set({ rememberedAccountId: account.id }).where(eq(users.id, viewer.userId));
    redirect(hrefWith(data.return ?? '/inventory', { ...scopeParams(viewer), account: account.number }));
  },
});

/** Picks a purchase account in the selector: remembers it as the default and goes back to the page the selector was opened from (the inventory by default). */
export async function chooseAccount(formData: FormData): Promise<void> {
  return choose(formData);
}
