/**
 * The bench's data, as one import document (docs/import-format.md)
 * loaded through lib/import like any customer's file:
 *
 * - the large customer: 300 purchase accounts, 20,000 licence positions over
 *   1,500 products, 2,000 online service subscriptions, 50,000 orders with
 *   200,000 items, 3 Software Assurance benefits per account;
 * - the same customer ten times smaller (another customer, its own administrator);
 * - 50 ordinary customers (4 accounts, 120 positions, 10 subscriptions, 40
 *   orders each), so that the big two are not alone in the tables.
 *
 * Everything is deterministic: the same numbers, names and dates every run.
 * Orders hold what their account holds (each item is one of the account's
 * positions); the newest orders of each account placed its online services
 * (the subscriptions' histories name them), so the report's order filter and
 * an order's links to its lines have something to find.
 */
import type { ImportDocument } from '@/lib/import/schema';

type Doc = Required<Pick<ImportDocument, 'partners' | 'customers' | 'agreements' | 'productFamilies' | 'products' | 'purchaseAccounts' | 'licensePositions' | 'subscriptions' | 'orders' | 'benefits' | 'users'>> & { version: 1 };

export const FAMILIES = 30;
/** Products P0…P99 are online services; P100…P1499 licences. */
export const ONLINE_PRODUCTS = 100;
export const PRODUCTS = 1_500;
const EDITIONS = ['Standard', 'Enterprise', 'Datacenter', 'Professionnel Plus'];
const VERSIONS = ['2016', '2019', '2021', '2022', '2025'];
const USAGES = ['Par cœur', 'Par utilisateur'];
const CITIES: [string, string][] = [
  ['Montréal', 'CA'],
  ['Québec', 'CA'],
  ['Genève', 'CH'],
  ['Besançon', 'FR'],
];
const BENEFITS = ['Formation', 'Services de planification', 'Support 24x7'];
const STATUSES = ['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'processing', 'submitted', 'cancelled'] as const;
/** Orders are spread evenly from this day over ORDER_DAYS days (to 2026-10-31). */
const FIRST_ORDER_DAY = Date.UTC(2016, 0, 1);
const ORDER_DAYS = 3_956;

export interface CustomerShape {
  number: string;
  legalName: string;
  /** Account numbers are `prefix` followed by a 6-digit index. */
  accountPrefix: string;
  accounts: number;
  positions: number;
  /** Licence products the positions are spread over (from P100). */
  licenseProducts: number;
  subscriptions: number;
  /** Online services the subscriptions are spread over (from P0). */
  onlineProducts: number;
  orders: number;
  itemsPerOrder: number;
  benefitsPerAccount: number;
  admin?: { email: string; name: string; password: string };
}

/** Users signed in by the bench: the large customer's and the small one's administrators. */
export const BENCH_PASSWORD = 'bench-password-2026';

export const LARGE: CustomerShape = {
  number: 'BIG',
  legalName: 'Grand Client Bench SA',
  accountPrefix: '9',
  accounts: 300,
  positions: 20_000,
  licenseProducts: 1_400,
  subscriptions: 2_000,
  onlineProducts: 100,
  orders: 50_000,
  itemsPerOrder: 4,
  benefitsPerAccount: 3,
  admin: { email: 'admin@big.example', name: 'Admin Grand Client', password: BENCH_PASSWORD },
};

/** Ten times smaller in every dimension. */
export const SMALL: CustomerShape = {
  number: 'SMALL',
  legalName: 'Petit Client Bench SARL',
  accountPrefix: '8',
  accounts: 30,
  positions: 2_000,
  licenseProducts: 140,
  subscriptions: 200,
  onlineProducts: 10,
  orders: 5_000,
  itemsPerOrder: 4,
  benefitsPerAccount: 3,
  admin: { email: 'admin@small.example', name: 'Admin Petit Client', password: BENCH_PASSWORD },
};

const ORDINARY_CUSTOMERS = 50;

function ordinary(index: number): CustomerShape {
  const number = `C${String(index).padStart(3, '0')}`;
  return {
    number,
    legalName: `Client ordinaire ${index} SA`,
    accountPrefix: `7${String(index).padStart(3, '0')}`,
    accounts: 4,
    positions: 120,
    licenseProducts: 60,
    subscriptions: 10,
    onlineProducts: 5,
    orders: 40,
    itemsPerOrder: 3,
    benefitsPerAccount: 2,
  };
}

export function accountNumber(shape: CustomerShape, index: number): string {
  return `${shape.accountPrefix}${String(index).padStart(6, '0')}`;
}

export function orderNumber(shape: CustomerShape, index: number): string {
  return `${shape.number}-${String(index).padStart(6, '0')}`;
}

function orderDate(shape: CustomerShape, index: number): string {
  return new Date(FIRST_ORDER_DAY + Math.floor((index * ORDER_DAYS) / shape.orders) * 86_400_000).toISOString().slice(0, 10);
}

/** The licence position `index` of a customer (the same formula for its order items). */
function position(shape: CustomerShape, index: number) {
  // Products start at an offset per customer so that customers do not all hold the same first products.
  return {
    account: accountNumber(shape, index % shape.accounts),
    product: `P${ONLINE_PRODUCTS + (index % shape.licenseProducts)}`,
    edition: EDITIONS[index % EDITIONS.length]!,
    version: VERSIONS[Math.floor(index / shape.accounts) % VERSIONS.length]!,
    resourceUsage: USAGES[Math.floor(index / (shape.accounts * VERSIONS.length)) % USAGES.length]!,
  };
}

/**
 * The order that placed subscription `index` (account index % accounts): one of
 * the newest orders of that account, so that the latest orders touched online services.
 */
function subscriptionOrder(shape: CustomerShape, index: number): number {
  const round = Math.floor(index / shape.accounts);
  const last = Math.floor(shape.orders / shape.accounts) * shape.accounts;
  return last - shape.accounts * (round + 1) + (index % shape.accounts);
}

function addCustomer(doc: Doc, shape: CustomerShape, partner: string): void {
  const agreements = shape.accounts > 50 ? [`AG-${shape.number}-1`, `AG-${shape.number}-2`] : [`AG-${shape.number}-1`];
  doc.customers.push({ number: shape.number, legalName: shape.legalName });
  for (const agreement of agreements) doc.agreements.push({ number: agreement, customer: shape.number, name: 'Contrat Entreprise' });
  for (let i = 0; i < shape.accounts; i++) {
    const [city, country] = CITIES[i % CITIES.length]!;
    doc.purchaseAccounts.push({ number: accountNumber(shape, i), name: `Compte ${i} ${city}`, city, country, customer: shape.number, agreement: agreements[i % agreements.length]!, partner });
  }
  for (let i = 0; i < shape.positions; i++) {
    doc.licensePositions.push({ ...position(shape, i), licenseCount: 10 + (i % 90), saCount: i % 3 === 0 ? 10 : 0 });
  }

  // Online services: subscription `s` is on account s % accounts, placed by one order of that account.
  const placedBy = new Map<number, { product: string; quantity: number }>();
  for (let s = 0; s < shape.subscriptions; s++) {
    const product = `P${(Math.floor(s / shape.accounts) + (s % shape.accounts)) % shape.onlineProducts}`;
    const order = subscriptionOrder(shape, s);
    const gap = s % 7;
    placedBy.set(order, { product, quantity: 50 });
    doc.subscriptions.push({
      account: accountNumber(shape, s % shape.accounts),
      product,
      available: 50 + gap,
      ordered: 50,
      nextExpiration: `2027-0${1 + (s % 9)}-15`,
      transactions: [
        { date: orderDate(shape, order), kind: 'order', availableDelta: 50, orderedDelta: 50, order: orderNumber(shape, order) },
        ...(gap > 0 ? [{ date: '2026-10-01', kind: 'self_provisioning' as const, availableDelta: gap }] : []),
      ],
    });
  }

  const perAccount = Math.max(1, Math.floor(shape.positions / shape.accounts));
  for (let o = 0; o < shape.orders; o++) {
    const account = o % shape.accounts;
    const round = Math.floor(o / shape.accounts);
    const items: Doc['orders'][number]['items'] = [];
    const service = placedBy.get(o);
    if (service) items.push({ product: service.product, quantity: service.quantity, termMonths: 12, unitPrice: 27.6 });
    for (let j = items.length; j < shape.itemsPerOrder; j++) {
      // One of the account's own positions: index ≡ account (mod accounts).
      const held = position(shape, account + shape.accounts * ((round * shape.itemsPerOrder + j) % perAccount));
      items.push({ product: held.product, edition: held.edition, version: held.version, resourceUsage: held.resourceUsage, quantity: 1 + ((o + j) % 20), softwareAssurance: j % 2 === 0, unitPrice: 100 + ((o * 7 + j) % 400) + 0.5 });
    }
    doc.orders.push({
      number: orderNumber(shape, o),
      date: orderDate(shape, o),
      status: STATUSES[o % STATUSES.length]!,
      partner,
      account: accountNumber(shape, account),
      customerPoNumber: `PO-${shape.number}-${o}`,
      currency: 'EUR',
      ...(o % 10 === 0 ? { billTo: { name: shape.legalName, address: `${1 + (o % 200)}, rue du Marché\n1204 Genève` } } : {}),
      items,
    });
  }

  for (let i = 0; i < shape.accounts; i++) {
    for (let b = 0; b < shape.benefitsPerAccount; b++) {
      doc.benefits.push({ account: accountNumber(shape, i), benefit: BENEFITS[b % BENEFITS.length]!, entitled: 10 + b * 5, used: (i + b) % 10, expires: `2027-0${1 + ((i + b) % 9)}-28` });
    }
  }
  doc.users.push(
    shape.admin
      ? { email: shape.admin.email, name: shape.admin.name, locale: 'fr', password: shape.admin.password, grants: [{ role: 'customer_admin', customer: shape.number }] }
      : // An ordinary customer's administrator who has not chosen a password yet (nothing to hash).
        { email: `admin@${shape.number.toLowerCase()}.example`, name: `Admin ${shape.number}`, locale: 'fr', grants: [{ role: 'customer_admin', customer: shape.number }] },
  );
}

/** The whole bench document: catalogue, partners, the large and the small customer, 50 ordinary ones. */
export function benchDocument(): ImportDocument {
  const doc: Doc = {
    version: 1,
    partners: [
      { code: 'PB', name: 'Partenaire Bench', contactEmail: 'commandes@partenaire-bench.example', contactPhone: '+41 22 555 01 42' },
      { code: 'PO', name: 'Partenaire Ordinaire' },
    ],
    customers: [],
    agreements: [],
    productFamilies: Array.from({ length: FAMILIES }, (_, i) => ({ code: `F${i}`, name: `Famille ${String(i).padStart(2, '0')}` })),
    products: Array.from({ length: PRODUCTS }, (_, i) => ({
      code: `P${i}`,
      family: `F${i % FAMILIES}`,
      name: `Produit ${String(i).padStart(4, '0')} ${['Standard', 'Entreprise', 'Datacenter'][i % 3]}`,
      kind: i < ONLINE_PRODUCTS ? ('online_service' as const) : ('license' as const),
      ...(i < ONLINE_PRODUCTS && i % 2 === 0 ? { managementUrl: 'https://admin.example.com/' } : {}),
    })),
    purchaseAccounts: [],
    licensePositions: [],
    subscriptions: [],
    orders: [],
    benefits: [],
    users: [],
  };
  addCustomer(doc, LARGE, 'PB');
  addCustomer(doc, SMALL, 'PB');
  for (let i = 1; i <= ORDINARY_CUSTOMERS; i++) addCustomer(doc, ordinary(i), i % 2 ? 'PO' : 'PB');
  return doc;
}

/** What the bench opens for one customer: an account, an order, an order filter that finds some. */
export function landmarks(shape: CustomerShape) {
  return {
    account: accountNumber(shape, Math.floor(shape.accounts / 2)),
    // An order of the account above that placed an online service: items linked to licence and subscription lines.
    order: orderNumber(shape, subscriptionOrder(shape, Math.floor(shape.accounts / 2))),
    // A licence product every customer's orders hold.
    orderProduct: `P${ONLINE_PRODUCTS + 50}`,
  };
}
