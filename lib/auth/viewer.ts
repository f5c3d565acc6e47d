/**
 * The viewer: who is asking and what they may see, re-read from
 * the database on every request. Every page, route handler and server action
 * calls requireViewer() itself; every query takes the viewer and scopes its
 * `where` with accountScope(). The proxy only redirects early.
 */
import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { database } from '@/db/client';
import { sessionsCheckedThisRequest } from './checked-sessions';
import { auth, sessionLimits } from './config';
import { hasCustomer, isPartnerViewer, loadSessionViewer, servedCustomerOf, type CustomerReference, type CustomerViewer, type PartnerViewer, type Viewer } from './scope';
import { HOME_PATH } from './redirect';

export { accountScope, loadViewer, type CustomerReference, type CustomerViewer, type PartnerViewer, type Viewer } from './scope';

/** Set by proxy.ts on every request: the path and query the person asked for. */
export const REQUEST_PATH_HEADER = 'x-license-desk-path';

async function requestedPath(): Promise<string> {
  return (await headers()).get(REQUEST_PATH_HEADER) ?? HOME_PATH;
}

const viewerFor = cache(async (customerNumber: string | null): Promise<(Viewer & { unknownCustomer?: true }) | null | 'signed-out'> => {
  const session = await auth();
  if (!session?.userId) return 'signed-out';
  return loadSessionViewer(database(), session, Date.now(), sessionLimits(), customerNumber, sessionsCheckedThisRequest().get(session.sessionId));
});

/** The signed-in viewer, or null; for pages open to everybody (sign-in, language). */
export async function getOptionalViewer(): Promise<Viewer | null> {
  const viewer = await viewerFor(null);
  return viewer === 'signed-out' ? null : viewer;
}

/**
 * The viewer of this request, or a redirect to the sign-in page that comes
 * back to exactly the page asked for. A partner user passes the `customer=`
 * number of the page: one the partner does not serve is a 404.
 */
export async function requireViewer(customerNumber?: string | null): Promise<Viewer> {
  const viewer = await viewerFor(customerNumber ?? null);
  if (viewer === 'signed-out' || viewer === null) {
    const reason = viewer === null ? '&reason=session' : '';
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(await requestedPath())}${reason}`);
  }
  if (viewer.unknownCustomer) notFound();
  return viewer;
}

/**
 * The viewer of a page that shows one customer's data: as requireViewer(),
 * and a partner user who has not chosen the customer to work for yet is sent
 * to choose one first (a partner user works for one customer at a time) —
 * unless the address names something of one customer (`reference`: an
 * order, a line, an account): then the same page
 * opens in that customer's context when the partner serves it, and is a 404
 * when it does not.
 */
export async function requireCustomerViewer(customerNumber?: string | null, reference?: CustomerReference): Promise<CustomerViewer> {
  const viewer = await requireViewer(customerNumber);
  if (!hasCustomer(viewer)) {
    const referenced = reference && (reference.order || reference.line !== undefined || (reference.account && reference.account !== 'all'));
    if (!referenced) redirect('/partner');
    const customer = (await servedCustomerOf(database(), viewer.partner.id, reference));
    if (!customer) notFound();
    redirect(withCustomer(await requestedPath(), customer));
  }
  return viewer;
}

/** The viewer of a partner user's page (with or without a customer chosen); anybody else gets a 404. */
export async function requirePartnerViewer(customerNumber?: string | null): Promise<PartnerViewer> {
  const viewer = await requireViewer(customerNumber);
  if (!isPartnerViewer(viewer)) notFound();
  return viewer;
}

/** The same address with `customer=` first (and without Next's internal `_rsc`). */
function withCustomer(path: string, customer: string): string {
  const url = new URL(path, 'http://localhost');
  url.searchParams.delete('_rsc');
  url.searchParams.delete('customer');
  const rest = url.searchParams.toString();
  return `${url.pathname}?customer=${encodeURIComponent(customer)}${rest ? `&${rest}` : ''}${url.hash}`;
}
