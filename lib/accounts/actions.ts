'use server';
import { eq } from 'drizzle-orm';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { requireViewer } from '@/lib/auth/viewer';
import { hrefWith, scopeParams } from '@/lib/url';
import { getAccountByNumber } from './queries';

const chooseAccountForm = z.object({
  account: z.string().trim().min(1).max(64),
  customer: z.string().trim().max(64).optional(),
});

/** Picks a purchase account in the selector: remembers it as the default and opens its inventory. */
export async function chooseAccount(formData: FormData): Promise<void> {
  const parsed = chooseAccountForm.safeParse({ account: formData.get('account'), customer: formData.get('customer') || undefined });
  const viewer = await requireViewer(parsed.success ? parsed.data.customer : undefined);
  if (!parsed.success) notFound();
  const account = getAccountByNumber(viewer, parsed.data.account);
  if (!account) notFound();
  getDb().update(users).set({ rememberedAccountId: account.id }).where(eq(users.id, viewer.userId)).run();
  redirect(hrefWith('/inventory', { ...scopeParams(viewer), account: account.number }));
}
