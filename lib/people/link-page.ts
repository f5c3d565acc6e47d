/**
 * What an invitation or reset page shows for its link, limited per client
 * address (LINK_LIMIT_PER_ADDRESS a minute): the links carry 256 random bits,
 * so guessing is hopeless anyway, but no address may try link after link.
 * Over the limit, the page says "too many requests" and looks nothing up.
 */
import type { Db } from '@/db/client';
import 'server-only';
import { headers } from 'next/headers';
import { takeLinkAllowance } from '@/lib/auth/throttle';
import { env } from '@/lib/env';
import { clientAddress } from '@/lib/http/request-headers';
import { linkState, type LinkPurpose, type LinkState } from './tokens';

export type LinkPageState = LinkState | { kind: 'tooMany' };

export async function linkPageState(db: Db, token: string, purpose: LinkPurpose): Promise<LinkPageState> {
  const allowance = await takeLinkAllowance(db, clientAddress(await headers()), env().LINK_LIMIT_PER_ADDRESS);
  if (!allowance.allowed) return { kind: 'tooMany' };
  return linkState(db, token, purpose, Date.now());
}
