/**
 * The quick starts of /help, one per part of the product, in the order a new
 * user needs them, each with the page it explains. Every page links to its
 * topic (components/HelpLink.tsx); the help page links back to the page.
 */
import type { GrantRole } from '@/db/schema';

export const HELP_TOPICS = ['inventory', 'packages', 'history', 'benefits', 'subscriptions', 'expiring', 'orders', 'report', 'setUp', 'people', 'partner', 'notices', 'accounts'] as const;

export type HelpTopic = (typeof HELP_TOPICS)[number];

/** The page a topic explains, and who may open it (the others read the quick start without the link). */
export const HELP_TOPIC_PAGES: Record<HelpTopic, { path: string; roles?: readonly GrantRole[] }> = {
  inventory: { path: '/inventory' },
  packages: { path: '/inventory' },
  history: { path: '/inventory' },
  benefits: { path: '/inventory/benefits' },
  subscriptions: { path: '/inventory' },
  expiring: { path: '/inventory/expiring' },
  orders: { path: '/orders' },
  report: { path: '/reports' },
  setUp: { path: '/online-services/setup', roles: ['customer_admin'] },
  people: { path: '/account/users', roles: ['customer_admin'] },
  partner: { path: '/partner', roles: ['partner_user'] },
  notices: { path: '/settings' },
  accounts: { path: '/accounts' },
};

/** Where the help of a topic is. */
export function helpHref(topic: HelpTopic): string {
  return `/help#${topic}`;
}
