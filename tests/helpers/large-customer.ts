/**
 * A generated customer for scale tests, as an import document
 * (docs/import-format.md): `accounts` purchase accounts served by the demo
 * partner Northwind, each with an Exchange Online and an Office 365 E3
 * subscription that have a self-provisioned gap, and `orders` orders spread
 * over the accounts, each ordering one Exchange Online subscription (so every
 * order touched an online service line). Importing a larger `orders` over a
 * smaller one adds orders and their transactions: the same customer, grown.
 * Uses the demo catalogue (fixtures/demo.ts), so it is imported over the demo data.
 */
import type { ImportDocument } from '@/lib/import/schema';

export const LARGE_CUSTOMER = { number: '9900001', admin: 'admin@scale.example', password: 'scale-customer-2026' } as const;

export function largeCustomerDocument({ accounts, orders }: { accounts: number; orders: number }): ImportDocument {
  const accountNumber = (index: number) => String(9910000 + index);
  const orderNumber = (index: number) => `SC-${String(index).padStart(6, '0')}`;
  const ordersOf = (account: number) => Array.from({ length: orders }, (_, index) => index).filter((index) => index % accounts === account);
  const day = (index: number) => {
    // One order a day from 2018 (3,000 orders end in March 2026, before the tests' today).
    const date = new Date(Date.UTC(2018, 0, 1) + index * 86_400_000);
    return date.toISOString().slice(0, 10);
  };
  return {
    version: 1,
    customers: [{ number: LARGE_CUSTOMER.number, legalName: 'Scale Corporation' }],
    agreements: [{ number: '9900100', customer: LARGE_CUSTOMER.number, name: 'Enterprise Agreement' }],
    purchaseAccounts: Array.from({ length: accounts }, (_, index) => ({
      number: accountNumber(index),
      name: `Scale ${index}`,
      city: 'Québec',
      country: 'CA',
      customer: LARGE_CUSTOMER.number,
      agreement: '9900100',
      partner: 'NWP',
    })),
    orders: Array.from({ length: orders }, (_, index) => ({
      number: orderNumber(index),
      date: day(index),
      status: 'completed' as const,
      partner: 'NWP',
      account: accountNumber(index % accounts),
      customerPoNumber: `PO-${index}`,
      items: [{ product: 'EXO-P1', quantity: 1, termMonths: 12 }],
    })),
    subscriptions: Array.from({ length: accounts }, (_, index) => {
      const placed = ordersOf(index);
      const gap = 1 + (index % 5);
      return [
        {
          account: accountNumber(index),
          product: 'EXO-P1',
          available: placed.length + gap,
          ordered: placed.length,
          nextExpiration: '2027-06-30',
          transactions: [
            ...placed.map((order) => ({ date: day(order), kind: 'order' as const, availableDelta: 1, orderedDelta: 1, order: orderNumber(order) })),
            { date: '2026-10-01', kind: 'self_provisioning' as const, availableDelta: gap },
          ],
        },
        { account: accountNumber(index), product: 'O365-E3', available: 10 + gap, ordered: 10, nextExpiration: '2027-03-31' },
      ];
    }).flat(),
    users: [{ email: LARGE_CUSTOMER.admin, name: 'Scale Admin', locale: 'fr', password: LARGE_CUSTOMER.password, grants: [{ role: 'customer_admin', customer: LARGE_CUSTOMER.number }] }],
  };
}
