/**
 * What the database already holds, loaded once into maps keyed by natural
 * key, so that validation and the importer resolve references and find the
 * rows to update without a query per entry.
 */
import 'server-only';
import type { Db } from '@/db/client';
import type { GrantRole, Locale, OrderStatus, ProductKind, TransactionKind } from '@/db/schema';
import type { LineCounts, NewLine } from '@/lib/inventory/ledger';
import { statement } from '@/db/statements';

export interface PartnerRow {
  id: number;
  code: string;
  name: string;
  contactEmail: string | null;
  contactPhone: string | null;
}
export interface CustomerRow {
  id: number;
  number: string;
  legalName: string;
  legalNameSearch: string;
}
export interface AgreementRow {
  id: number;
  number: string;
  customerId: number;
  name: string | null;
  startsOn: string | null;
  endsOn: string | null;
}
export interface FamilyRow {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
}
export interface ProductRow {
  id: number;
  code: string;
  familyId: number;
  name: string;
  nameEn: string | null;
  kind: ProductKind;
  managementUrl: string | null;
  search: string;
}
export interface PackageRow {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
}
export interface PackageItemRow {
  id: number;
  packageId: number;
  productId: number;
  edition: string;
  version: string;
  quantity: number;
}
export interface AccountRow {
  id: number;
  number: string;
  name: string;
  nameSearch: string;
  city: string;
  country: string;
  locationSearch: string;
  customerId: number;
  agreementId: number;
  partnerId: number;
}
/** A stored inventory line: the ledger's new line with its id and counts. */
export interface LineRow extends NewLine, LineCounts {
  id: number;
}
export interface OrderRow {
  id: number;
  number: string;
  orderedOn: string;
  status: OrderStatus;
  partnerId: number;
  purchaseAccountId: number;
  agreementId: number;
  customerPoNumber: string | null;
  billToName: string | null;
  billToAddress: string | null;
  shipToName: string | null;
  shipToAddress: string | null;
  currency: string | null;
}
export interface OrderItemRow {
  id: number;
  orderId: number;
  position: number;
  productId: number;
  edition: string;
  editionEn: string | null;
  version: string;
  resourceUsage: string;
  quantity: number;
  withSoftwareAssurance: number;
  termMonths: number | null;
  unitPriceMinor: number | null;
}
export interface BenefitRow {
  id: number;
  purchaseAccountId: number;
  benefit: string;
  benefitEn: string | null;
  entitled: number;
  used: number;
  expiresOn: string;
}
export interface UserRow {
  id: number;
  email: string;
  name: string;
  locale: Locale | null;
  passwordHash: string | null;
  active: number;
  receivesNotices: number;
  rememberedAccountId: number | null;
}
export interface GrantRow {
  id: number;
  userId: number;
  role: GrantRole;
  customerId: number | null;
  partnerId: number | null;
  accountIds: number[];
}
export interface TransactionRow {
  id: number;
  lineId: number;
  occurredOn: string;
  kind: TransactionKind;
  licenseDelta: number;
  saDelta: number;
  availableDelta: number;
  orderedDelta: number;
  orderId: number | null;
  note: string | null;
  noteEn: string | null;
}

/** A map by natural key and one by id. */
export class Table<Row extends { id: number }> {
  readonly byKey = new Map<string, Row>();
  readonly byId = new Map<number, Row>();
  readonly keyOf = new Map<number, string>();

  add(key: string, row: Row): void {
    this.byKey.set(key, row);
    this.byId.set(row.id, row);
    this.keyOf.set(row.id, key);
  }
}

const SEP = '\u001f';

/** Natural key of a licence position. */
export function licenseKey(account: string, product: string, edition: string, version: string, resourceUsage: string, pkg: string | null): string {
  return ['L', account, product, edition, version, resourceUsage, pkg ?? ''].join(SEP);
}

/** Natural key of an online service subscription. */
export function subscriptionKey(account: string, product: string): string {
  return ['S', account, product].join(SEP);
}

export function benefitKey(account: string, benefit: string, expires: string): string {
  return [account, benefit, expires].join(SEP);
}

export function packageItemKey(product: string, edition: string, version: string): string {
  return [product, edition, version].join(SEP);
}

export interface ExistingState {
  partners: Table<PartnerRow>;
  customers: Table<CustomerRow>;
  agreements: Table<AgreementRow>;
  families: Table<FamilyRow>;
  products: Table<ProductRow>;
  packages: Table<PackageRow>;
  packageItems: Map<number, PackageItemRow[]>;
  accounts: Table<AccountRow>;
  lines: Table<LineRow>;
  orders: Table<OrderRow>;
  orderItems: Map<number, OrderItemRow[]>;
  benefits: Table<BenefitRow>;
  users: Table<UserRow>;
  grants: Map<number, GrantRow[]>;
  /** Per line id, its transactions by date then id; loaded only when asked. */
  transactions: Map<number, TransactionRow[]> | null;
}

function groupBy<Row, K>(rows: Row[], keyOf: (row: Row) => K): Map<K, Row[]> {
  const map = new Map<K, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return map;
}

/** Loads every table the importer writes (the transactions only when `withTransactions`). */
export async function loadExistingState(db: Db, options: { withTransactions: boolean }): Promise<ExistingState> {
  const all = async <Row>(query: string): Promise<Row[]> => (await statement<Row>(db, query).all());

  const partners = new Table<PartnerRow>();
  for (const row of (await all<PartnerRow>('select id, code, name, contact_email as "contactEmail", contact_phone as "contactPhone" from partners'))) {
    partners.add(row.code, row);
  }
  const customers = new Table<CustomerRow>();
  for (const row of (await all<CustomerRow>('select id, number, legal_name as "legalName", legal_name_search as "legalNameSearch" from customers'))) {
    customers.add(row.number, row);
  }
  const agreements = new Table<AgreementRow>();
  for (const row of (await all<AgreementRow>(
    'select id, number, customer_id as "customerId", name, starts_on as "startsOn", ends_on as "endsOn" from agreements',
  ))) {
    agreements.add(row.number, row);
  }
  const families = new Table<FamilyRow>();
  for (const row of (await all<FamilyRow>('select id, code, name, name_en as "nameEn" from product_families'))) families.add(row.code, row);
  const products = new Table<ProductRow>();
  for (const row of (await all<ProductRow>(
    'select id, code, family_id as "familyId", name, name_en as "nameEn", kind, management_url as "managementUrl", search from products',
  ))) {
    products.add(row.code, row);
  }
  const packages = new Table<PackageRow>();
  for (const row of (await all<PackageRow>('select id, code, name, name_en as "nameEn" from packages'))) packages.add(row.code, row);
  const packageItems = groupBy(
    (await all<PackageItemRow>('select id, package_id as "packageId", product_id as "productId", edition, version, quantity from package_items order by id')),
    (row) => row.packageId,
  );
  const accounts = new Table<AccountRow>();
  for (const row of (await all<AccountRow>(
    `select id, number, name, name_search as "nameSearch", city, country, location_search as "locationSearch",
            customer_id as "customerId", agreement_id as "agreementId", partner_id as "partnerId" from purchase_accounts`,
  ))) {
    accounts.add(row.number, row);
  }
  const lines = new Table<LineRow>();
  for (const row of (await all<LineRow>(
    `select id, kind, purchase_account_id as "purchaseAccountId", product_id as "productId", edition, edition_en as "editionEn", version,
            resource_usage as "resourceUsage", package_id as "packageId", license_count as "licenseCount", sa_count as "saCount",
            available_count as "availableCount", ordered_count as "orderedCount", next_expiration as "nextExpiration", search
       from inventory_lines`,
  ))) {
    const account = accounts.keyOf.get(row.purchaseAccountId) ?? '';
    const product = products.keyOf.get(row.productId) ?? '';
    const pkg = row.packageId === null ? null : (packages.keyOf.get(row.packageId) ?? '');
    lines.add(
      row.kind === 'license'
        ? licenseKey(account, product, row.edition, row.version, row.resourceUsage, pkg)
        : subscriptionKey(account, product),
      row,
    );
  }
  const orders = new Table<OrderRow>();
  for (const row of (await all<OrderRow>(
    `select id, number, ordered_on as "orderedOn", status, partner_id as "partnerId", purchase_account_id as "purchaseAccountId",
            agreement_id as "agreementId", customer_po_number as "customerPoNumber", bill_to_name as "billToName",
            bill_to_address as "billToAddress", ship_to_name as "shipToName", ship_to_address as "shipToAddress", currency
       from orders`,
  ))) {
    orders.add(row.number, row);
  }
  const orderItems = groupBy(
    (await all<OrderItemRow>(
      `select id, order_id as "orderId", position, product_id as "productId", edition, edition_en as "editionEn", version, resource_usage as "resourceUsage",
              quantity, with_software_assurance as "withSoftwareAssurance", term_months as "termMonths", unit_price_minor as "unitPriceMinor"
         from order_items order by order_id, position`,
    )),
    (row) => row.orderId,
  );
  const benefits = new Table<BenefitRow>();
  for (const row of (await all<BenefitRow>(
    `select id, purchase_account_id as "purchaseAccountId", benefit, benefit_en as "benefitEn", entitled, used, expires_on as "expiresOn"
       from software_assurance_benefits`,
  ))) {
    benefits.add(benefitKey(accounts.keyOf.get(row.purchaseAccountId) ?? '', row.benefit, row.expiresOn), row);
  }
  const users = new Table<UserRow>();
  for (const row of (await all<UserRow>(
    `select id, email, name, locale, password_hash as "passwordHash", active, receives_notices as "receivesNotices",
            remembered_account_id as "rememberedAccountId" from users`,
  ))) {
    users.add(row.email.toLowerCase(), row);
  }
  const grantAccounts = groupBy(
    (await all<{ grantId: number; accountId: number }>(
      'select grant_id as "grantId", purchase_account_id as "accountId" from grant_accounts order by grant_id, purchase_account_id',
    )),
    (row) => row.grantId,
  );
  const grants = groupBy(
    (await all<Omit<GrantRow, 'accountIds'>>('select id, user_id as "userId", role, customer_id as "customerId", partner_id as "partnerId" from grants order by id')).map(
      (row): GrantRow => ({ ...row, accountIds: (grantAccounts.get(row.id) ?? []).map((entry) => entry.accountId) }),
    ),
    (row) => row.userId,
  );
  const transactions = options.withTransactions
    ? groupBy(
        (await all<TransactionRow>(
          `select id, line_id as "lineId", occurred_on as "occurredOn", kind, license_delta as "licenseDelta", sa_delta as "saDelta",
                  available_delta as "availableDelta", ordered_delta as "orderedDelta", order_id as "orderId", note, note_en as "noteEn"
             from inventory_transactions order by line_id, occurred_on, id`,
        )),
        (row) => row.lineId,
      )
    : null;

  return {
    partners,
    customers,
    agreements,
    families,
    products,
    packages,
    packageItems,
    accounts,
    lines,
    orders,
    orderItems,
    benefits,
    users,
    grants,
    transactions,
  };
}
