'use server';
/**
 * The confirmation form of the "stop these notices" link: no session needed —
 * the signed token in the form is the authority, and it can only turn the
 * notices of its own user off (lib/notices/unsubscribe.ts).
 */
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import { turnNoticesOff } from './unsubscribe';

const form = z.object({ token: z.string().max(200) });

export async function turnNoticesOffAction(formData: FormData): Promise<void> {
  const parsed = form.safeParse({ token: formData.get('token') ?? '' });
  const secret = env().AUTH_SECRET;
  const done = parsed.success && secret ? turnNoticesOff(getDb(), secret, parsed.data.token) : false;
  redirect(done ? '/notices/off?done=1' : '/notices/off');
}
