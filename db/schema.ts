/**
 * The whole data model of License Desk: who may see what, and the domain.
 *
 * Conventions: camelCase keys over snake_case columns; calendar dates are ISO
 * `YYYY-MM-DD` text (they have no time zone); instants are integer
 * milliseconds since the epoch. Every lookup path a page uses has an index
 * beside its table. `*_search` columns hold the accent- and case-folded text
 * that searches match (see lib/search/normalize.ts), kept by the write path.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at')
    .notNull()
    .default(sql`(unixepoch() * 1000)`);

// ─── Organisations ──────────────────────────────────────────────────────────

export const customers = sqliteTable(
  'customers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: text('number').notNull(),
    legalName: text('legal_name').notNull(),
    legalNameSearch: text('legal_name_search').notNull(),
    /** Last time this customer's inventory changed (import, order, provisioning). */
    dataUpdatedAt: integer('data_updated_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('customers_number_unique').on(t.number)],
);

export const agreements = sqliteTable(
  'agreements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: text('number').notNull(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    name: text('name'),
    startsOn: text('starts_on'),
    endsOn: text('ends_on'),
    /** Folded number and name, for the filters that take an agreement by either; null until folded (db/folded.ts). */
    search: text('search'),
  },
  (t) => [
    uniqueIndex('agreements_number_unique').on(t.number),
    index('agreements_customer_idx').on(t.customerId),
    index('agreements_unfolded_idx').on(t.id).where(sql.raw('search is null')),
  ],
);

export const partners = sqliteTable(
  'partners',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
  },
  (t) => [uniqueIndex('partners_code_unique').on(t.code)],
);

export const purchaseAccounts = sqliteTable(
  'purchase_accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: text('number').notNull(),
    name: text('name').notNull(),
    nameSearch: text('name_search').notNull(),
    city: text('city').notNull(),
    country: text('country').notNull(),
    locationSearch: text('location_search').notNull(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id),
    /** The partner of record: the reseller who orders for this account. */
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    /**
     * How many orders the account has: kept on write — by the
     * partner's order form, and rebuilt by an import for the customers it
     * touched — so the order history's total is not counted on every page.
     */
    orderCount: integer('order_count').notNull().default(0),
  },
  (t) => [
    uniqueIndex('purchase_accounts_number_unique').on(t.number),
    index('purchase_accounts_customer_idx').on(t.customerId, t.number),
    index('purchase_accounts_partner_idx').on(t.partnerId, t.customerId),
    index('purchase_accounts_agreement_idx').on(t.agreementId),
  ],
);

// ─── Catalogue ──────────────────────────────────────────────────────────────

export const productFamilies = sqliteTable(
  'product_families',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    /** The French name, or the only name given. */
    name: text('name').notNull(),
    /** The English name; null: the same as `name` (see lib/i18n/names.ts). */
    nameEn: text('name_en'),
  },
  (t) => [uniqueIndex('product_families_code_unique').on(t.code)],
);

export const PRODUCT_KINDS = ['license', 'online_service', 'developer_subscription', 'cloud_platform'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const products = sqliteTable(
  'products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    familyId: integer('family_id')
      .notNull()
      .references(() => productFamilies.id),
    /** The French name, or the only name given. */
    name: text('name').notNull(),
    /** The English name; null: the same as `name`. */
    nameEn: text('name_en'),
    kind: text('kind', { enum: PRODUCT_KINDS }).notNull(),
    /** Where the customer manages the service ("Gérer les services"), when it has such a page. */
    managementUrl: text('management_url'),
    /** Folded product and family names, in both languages, for the inventory search. */
    search: text('search').notNull(),
    /** The folded code, so that `o365-e3` names `O365-E3`; null until folded (db/folded.ts). */
    codeSearch: text('code_search'),
  },
  (t) => [
    uniqueIndex('products_code_unique').on(t.code),
    index('products_code_search_idx').on(t.codeSearch),
    index('products_family_idx').on(t.familyId),
    check('products_kind_check', sql`${t.kind} in ('license', 'online_service', 'developer_subscription', 'cloud_platform')`),
  ],
);

export const packages = sqliteTable(
  'packages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    /** The French name, or the only name given. */
    name: text('name').notNull(),
    /** The English name; null: the same as `name`. */
    nameEn: text('name_en'),
  },
  (t) => [uniqueIndex('packages_code_unique').on(t.code)],
);

/** What one unit of a package contains (e.g. a CAL suite: several CALs). */
export const packageItems = sqliteTable(
  'package_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    packageId: integer('package_id')
      .notNull()
      .references(() => packages.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    edition: text('edition').notNull().default(''),
    version: text('version').notNull().default(''),
    quantity: integer('quantity').notNull().default(1),
  },
  (t) => [uniqueIndex('package_items_unique').on(t.packageId, t.productId, t.edition, t.version)],
);

// ─── Holdings: licence positions and online service subscriptions ──────────

export const LINE_KINDS = ['license', 'subscription'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/**
 * One line of the inventory: a licence position (kind `license`: edition,
 * version, resource usage, licence and SA counts) or an online service
 * subscription (kind `subscription`: available and ordered subscriptions,
 * next expiration). Both share one table so that a line has one id across
 * kinds (`/inventory/history/ID`, `?line=ID`) and one list query serves the
 * inventory; see docs/decisions/0002-one-table-for-inventory-lines.md.
 *
 * The counts are the sums of the line's transactions, maintained by the only
 * write path (lib/inventory/ledger.ts) in the same database transaction.
 */
export const inventoryLines = sqliteTable(
  'inventory_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: LINE_KINDS }).notNull(),
    purchaseAccountId: integer('purchase_account_id')
      .notNull()
      .references(() => purchaseAccounts.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    /** The edition as the natural key knows it: its French form, or the only one given. */
    edition: text('edition').notNull().default(''),
    /** The edition's English form; null: the same as `edition`. */
    editionEn: text('edition_en'),
    version: text('version').notNull().default(''),
    /**
     * How the licence is counted: a code of RESOURCE_USAGES ('' when none),
     * named in the reader's language by the catalogues. A value written before
     * the vocabulary that matched none of its names is kept as written.
     */
    resourceUsage: text('resource_usage').notNull().default(''),
    /** The package it was acquired through; null when bought separately. */
    packageId: integer('package_id').references(() => packages.id),
    licenseCount: integer('license_count').notNull().default(0),
    saCount: integer('sa_count').notNull().default(0),
    availableCount: integer('available_count').notNull().default(0),
    orderedCount: integer('ordered_count').notNull().default(0),
    nextExpiration: text('next_expiration'),
    /** Folded edition (both forms) and version, for the inventory search. */
    search: text('search').notNull().default(''),
    updatedAt: integer('updated_at'),
  },
  (t) => [
    // Natural keys (docs/import-format.md): one licence position per
    // (account, product, edition, version, resource usage, package); one
    // subscription per (account, product).
    // (Two partial indexes because a unique index treats NULL package ids as distinct.)
    uniqueIndex('inventory_lines_license_key')
      .on(t.purchaseAccountId, t.productId, t.edition, t.version, t.resourceUsage)
      .where(sql.raw("kind = 'license' and package_id is null")),
    uniqueIndex('inventory_lines_package_license_key')
      .on(t.purchaseAccountId, t.productId, t.edition, t.version, t.resourceUsage, t.packageId)
      .where(sql.raw("kind = 'license' and package_id is not null")),
    uniqueIndex('inventory_lines_subscription_key').on(t.purchaseAccountId, t.productId).where(sql.raw("kind = 'subscription'")),
    // A line's account, product, searchable text and counts: an inventory search, or the product rows of one
    // account, read this index alone, in order, and never the table's rows (at 22,000 lines, 5 ms instead of 14).
    index('inventory_lines_account_lines_idx').on(
      t.purchaseAccountId,
      t.productId,
      t.search,
      t.packageId,
      t.licenseCount,
      t.saCount,
      t.availableCount,
      t.orderedCount,
      t.nextExpiration,
    ),
    index('inventory_lines_product_idx').on(t.productId),
    index('inventory_lines_expiration_idx').on(t.nextExpiration),
    // The unpaid online services (the reconciliation report's rows): a small index of the gaps only, so the
    // report reads them without reading every line of the accounts.
    // Online services by account and next expiration: the partner workspace ranks its customers by the services
    // that expire soon, counting them per account from this index instead of reading every line of its book.
    index('inventory_lines_subscription_expiry_idx').on(t.purchaseAccountId, t.nextExpiration).where(sql.raw("kind = 'subscription'")),
    index('inventory_lines_unpaid_idx').on(t.purchaseAccountId).where(sql.raw("kind = 'subscription' and available_count > ordered_count")),
    check('inventory_lines_kind_check', sql`${t.kind} in ('license', 'subscription')`),
  ],
);

/**
 * The inventory's product rows, summed ahead: per customer,
 * partner of record of the accounts, product and package (`package_key` 0:
 * bought separately), the number of lines, the sums of their counts and the
 * earliest next expiration. The all-accounts inventory reads these instead
 * of adding up every line of a large customer on every request.
 *
 * Derived data, kept by the only write paths: the ledger refreshes the row
 * of a line it changes in the same database transaction
 * (lib/inventory/summaries.ts); an import rebuilds the rows of the customers
 * it touched before it commits. No foreign keys: it is rebuilt, never the
 * source of anything (`productSummaryDiscrepancies()` checks it).
 */
export const productSummaries = sqliteTable(
  'product_summaries',
  {
    customerId: integer('customer_id').notNull(),
    partnerId: integer('partner_id').notNull(),
    productId: integer('product_id').notNull(),
    packageKey: integer('package_key').notNull(),
    lineCount: integer('line_count').notNull(),
    licenseCount: integer('license_count').notNull(),
    saCount: integer('sa_count').notNull(),
    availableCount: integer('available_count').notNull(),
    orderedCount: integer('ordered_count').notNull(),
    earliestExpiration: text('earliest_expiration'),
    /**
     * The unpaid online services among the lines (lib/inventory/unpaid.ts): how many lines have more
     * available than ordered, and their available and ordered sums. The reconciliation report's totals
     * are read from these rather than summed over every gap on each request.
     */
    unpaidLineCount: integer('unpaid_line_count').notNull().default(0),
    unpaidAvailable: integer('unpaid_available').notNull().default(0),
    unpaidOrdered: integer('unpaid_ordered').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.partnerId, t.productId, t.packageKey] })],
);

/** How a licence is counted: the fixed vocabulary of resource usage, stored as these codes. */
export const RESOURCE_USAGES = ['per_device', 'per_user', 'per_core', 'per_processor', 'per_server', 'per_subscription'] as const;
export type ResourceUsage = (typeof RESOURCE_USAGES)[number];

export const TRANSACTION_KINDS = ['opening_balance', 'order', 'renewal', 'self_provisioning', 'cancellation', 'adjustment'] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

// ─── Orders ─────────────────────────────────────────────────────────────────

export const ORDER_STATUSES = ['submitted', 'processing', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: text('number').notNull(),
    orderedOn: text('ordered_on').notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    purchaseAccountId: integer('purchase_account_id')
      .notNull()
      .references(() => purchaseAccounts.id),
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id),
    /** "NUMÉRO DU BON DE COMMANDE DU CLIENT" (formerly the secondary PO number). */
    customerPoNumber: text('customer_po_number'),
    billToName: text('bill_to_name'),
    billToAddress: text('bill_to_address'),
    shipToName: text('ship_to_name'),
    shipToAddress: text('ship_to_address'),
    currency: text('currency'),
    /**
     * The sum of its priced items' quantity × unit price, in minor units of
     * its currency; null when no item has a price. Kept on write by whatever
     * writes the items (the partner's order form, the import), never summed
     * on a read.
     */
    totalMinor: integer('total_minor'),
    /**
     * The customer of its purchase account, copied here so that a
     * customer's order history is read newest first from one index instead
     * of gathering and sorting every account's orders. Written with the
     * order, and set again by an import for the customers it touched (an
     * account may move to another customer).
     */
    customerId: integer('customer_id').references(() => customers.id),
    /** Who recorded it in the portal (a partner user); null for imported orders. */
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    /** YYYY-MM-DD: when a partner cancelled it (its effects reversed by `cancellation` transactions). */
    cancelledOn: text('cancelled_on'),
    createdAt: createdAt(),
    /** The folded order number and customer PO number ('' when none), which the searches compare; null until folded (db/folded.ts). */
    numberSearch: text('number_search'),
    customerPoSearch: text('customer_po_search'),
  },
  (t) => [
    uniqueIndex('orders_number_unique').on(t.number),
    index('orders_unfolded_idx').on(t.id).where(sql.raw('number_search is null')),
    index('orders_account_date_idx').on(t.purchaseAccountId, t.orderedOn, t.number),
    index('orders_customer_date_idx').on(t.customerId, t.orderedOn, t.number),
    index('orders_partner_date_idx').on(t.partnerId, t.orderedOn),
    check('orders_status_check', sql`${t.status} in ('submitted', 'processing', 'completed', 'cancelled')`),
  ],
);

export const orderItems = sqliteTable(
  'order_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    position: integer('position').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    edition: text('edition').notNull().default(''),
    /** The edition's English form; null: the same as `edition`. */
    editionEn: text('edition_en'),
    version: text('version').notNull().default(''),
    /** A code of RESOURCE_USAGES, or '' (as on inventory lines). */
    resourceUsage: text('resource_usage').notNull().default(''),
    quantity: integer('quantity').notNull(),
    /** Whether Software Assurance is included with the item. */
    withSoftwareAssurance: integer('with_software_assurance', { mode: 'boolean' }).notNull().default(false),
    /** Term in months, when the item is a subscription. */
    termMonths: integer('term_months'),
    /** Unit price in minor units of the order's currency; null when none is given. */
    unitPriceMinor: integer('unit_price_minor'),
  },
  (t) => [uniqueIndex('order_items_order_position_unique').on(t.orderId, t.position), index('order_items_product_idx').on(t.productId)],
);

/**
 * A dated event that changes one inventory line. The counts on the line are
 * the sums of these deltas: every figure can be explained by its history.
 */
export const inventoryTransactions = sqliteTable(
  'inventory_transactions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    lineId: integer('line_id')
      .notNull()
      .references(() => inventoryLines.id),
    occurredOn: text('occurred_on').notNull(),
    kind: text('kind', { enum: TRANSACTION_KINDS }).notNull(),
    licenseDelta: integer('license_delta').notNull().default(0),
    saDelta: integer('sa_delta').notNull().default(0),
    availableDelta: integer('available_delta').notNull().default(0),
    orderedDelta: integer('ordered_delta').notNull().default(0),
    orderId: integer('order_id').references(() => orders.id),
    /** Who caused it: a user of the portal, or null for imports. */
    authorUserId: integer('author_user_id').references(() => users.id),
    /** Free text shown in the history (e.g. "import", a partner's remark): its French form, or the only one given. */
    note: text('note'),
    /** The note's English form; null: the same as `note`. */
    noteEn: text('note_en'),
    /**
     * When the transaction moved the line's next expiration (an order of an
     * online service for a term): the date before and after, so that a
     * cancellation can put it back and the history shows the move.
     */
    expirationBefore: text('expiration_before'),
    expirationAfter: text('expiration_after'),
    createdAt: createdAt(),
  },
  (t) => [
    index('inventory_transactions_line_idx').on(t.lineId, t.occurredOn, t.id),
    index('inventory_transactions_order_idx').on(t.orderId),
    check(
      'inventory_transactions_kind_check',
      sql`${t.kind} in ('opening_balance', 'order', 'renewal', 'self_provisioning', 'cancellation', 'adjustment')`,
    ),
  ],
);

export const softwareAssuranceBenefits = sqliteTable(
  'software_assurance_benefits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    purchaseAccountId: integer('purchase_account_id')
      .notNull()
      .references(() => purchaseAccounts.id),
    /** The benefit's name as the natural key knows it: its French form, or the only one given. */
    benefit: text('benefit').notNull(),
    /** The English name; null: the same as `benefit`. */
    benefitEn: text('benefit_en'),
    entitled: integer('entitled').notNull(),
    used: integer('used').notNull().default(0),
    expiresOn: text('expires_on').notNull(),
  },
  (t) => [uniqueIndex('sa_benefits_key').on(t.purchaseAccountId, t.benefit, t.expiresOn)],
);

// ─── People and access ──────────────────────────────────────────────────────

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Stored lower-cased: e-mail addresses are compared without case. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    locale: text('locale', { enum: LOCALES }),
    /** scrypt hash (lib/auth/password.ts); null until an invitation is accepted. */
    passwordHash: text('password_hash'),
    /** Raised to sign the user out everywhere (password change, role change). */
    sessionVersion: integer('session_version').notNull().default(1),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    receivesNotices: integer('receives_notices', { mode: 'boolean' }).notNull().default(true),
    rememberedAccountId: integer('remembered_account_id').references(() => purchaseAccounts.id),
    lastSignInAt: integer('last_sign_in_at'),
    createdAt: createdAt(),
    /** Folded name then e-mail: the people list sorts by it (so "Élodie" comes before "Test") and searches it; null until folded (db/folded.ts). */
    nameSearch: text('name_search'),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), index('users_unfolded_idx').on(t.id).where(sql.raw('name_search is null'))],
);

export const GRANT_ROLES = ['customer_admin', 'account_viewer', 'partner_user'] as const;
export type GrantRole = (typeof GRANT_ROLES)[number];

/**
 * What a user may see: a customer administrator or account viewer
 * of one customer, or a user of one partner.
 */
export const grants = sqliteTable(
  'grants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: GRANT_ROLES }).notNull(),
    customerId: integer('customer_id').references(() => customers.id),
    partnerId: integer('partner_id').references(() => partners.id),
  },
  (t) => [
    index('grants_user_idx').on(t.userId),
    check(
      'grants_scope_check',
      sql`(${t.role} in ('customer_admin', 'account_viewer') and ${t.customerId} is not null and ${t.partnerId} is null)
       or (${t.role} = 'partner_user' and ${t.partnerId} is not null and ${t.customerId} is null)`,
    ),
  ],
);

/** The purchase accounts an account viewer's grant lists. */
export const grantAccounts = sqliteTable(
  'grant_accounts',
  {
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'cascade' }),
    purchaseAccountId: integer('purchase_account_id')
      .notNull()
      .references(() => purchaseAccounts.id),
  },
  (t) => [primaryKey({ columns: [t.grantId, t.purchaseAccountId] }), index('grant_accounts_account_idx').on(t.purchaseAccountId)],
);

// ─── Bookkeeping ────────────────────────────────────────────────────────────

/** Every sign-in attempt, for the lockout (10 failures / 15 min / e-mail and address). */
export const signInAttempts = sqliteTable(
  'sign_in_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    ipAddress: text('ip_address').notNull(),
    succeeded: integer('succeeded', { mode: 'boolean' }).notNull(),
    attemptedAt: integer('attempted_at').notNull(),
  },
  (t) => [index('sign_in_attempts_lookup_idx').on(t.email, t.ipAddress, t.attemptedAt)],
);

export const SESSION_END_REASONS = ['signed_out', 'idle', 'expired', 'revoked'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * Every signed-in session (lib/auth/sessions.ts). The cookie carries only a
 * random session id; this row says whether it still stands: signing out,
 * idleness and the absolute lifetime end it here, on the server.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 (base64url) of the random id in the cookie: a copy of this table opens no session. */
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    /** Last request seen, written at most once a minute per session. */
    lastSeenAt: integer('last_seen_at').notNull(),
    endedAt: integer('ended_at'),
    endReason: text('end_reason', { enum: SESSION_END_REASONS }),
  },
  (t) => [index('sessions_user_idx').on(t.userId, t.endedAt), index('sessions_created_idx').on(t.createdAt)],
);

/**
 * Counters of the sign-in rate limits, in the layout rate-limiter-flexible's
 * SQLite store reads and writes (lib/auth/throttle.ts): created here, by a
 * migration, rather than by the library at run time.
 */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  /** Epoch milliseconds; null for a counter without expiry. */
  expire: integer('expire'),
});

export const MAIL_KINDS = ['notice', 'reset', 'invitation', 'order', 'access_notice'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * Every e-mail the portal sends (lib/mail/outbox.ts): written here in the
 * same transaction as the change that causes it, then sent by the outbox
 * worker of the server (or by the command that wrote it). A sender claims a
 * row before the SMTP hand-off (claimed_by, claimed_at) and marks it `sent`
 * after; a failure puts it back with a later next_attempt_at, and after
 * MAX_ATTEMPTS it is `failed`. A resend is the same message, byte for byte
 * (`raw`, built once, with its Message-ID).
 */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: MAIL_KINDS }).notNull(),
    /** The person it is for, when it is a person of the portal. */
    userId: integer('user_id').references(() => users.id),
    /** The envelope's recipient address. */
    recipient: text('recipient').notNull(),
    /** The Message-ID header, `<…@host>`. */
    messageId: text('message_id').notNull(),
    /** The message as composed (JSON: from, subject, text, html, headers, date), until `raw` is built from it. */
    content: text('content'),
    /** The whole message as handed to SMTP (RFC 5322), built once before the first hand-off. */
    raw: text('raw'),
    status: text('status', { enum: MAIL_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Not sent before this time (epoch ms): the back-off after a failure. */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    /** Not sent after this time (a link message whose link has expired); null: no limit. */
    discardAfter: integer('discard_after'),
    /** The sender holding it now, and since when (a claim older than CLAIM_MS may be taken over). */
    claimedBy: text('claimed_by'),
    claimedAt: integer('claimed_at'),
    /** The last SMTP error, for the operator; never shown to customers. */
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    uniqueIndex('mail_outbox_message_id_unique').on(t.messageId),
    index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('mail_outbox_user_idx').on(t.userId),
    check('mail_outbox_status_check', sql`${t.status} in ('pending', 'sent', 'failed')`),
  ],
);

/**
 * "Mot de passe oublié ?" requests waiting to be handled (lib/people/reset.ts):
 * the request writes one row whatever the address — so a known and an unknown
 * address cost the request the same — and the outbox worker turns each into
 * a reset link and its e-mail (a known, active person) or nothing, deleting
 * the row either way.
 */
export const passwordResetRequests = sqliteTable(
  'password_reset_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** As typed (trimmed, lower-cased); not necessarily anyone's. */
    email: text('email').notNull(),
    /** The client address of the request (for the audit log). */
    address: text('address'),
    requestedAt: integer('requested_at').notNull(),
  },
  (t) => [index('password_reset_requests_requested_idx').on(t.requestedAt)],
);

/**
 * The runs of the server's scheduled work (the daily expiry notices,
 * NOTICES_DAILY_AT), one row per job and day: the first server to start a
 * day's run inserts it, and every other server sharing the database finds it
 * and skips that day.
 */
export const scheduledRuns = sqliteTable(
  'scheduled_runs',
  {
    job: text('job').notNull(),
    /** The day in APP_TIME_ZONE, YYYY-MM-DD. */
    day: text('day').notNull(),
    startedAt: integer('started_at').notNull(),
    /** Which server started it (host name and process id), for an operator reading the table. */
    startedBy: text('started_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.job, t.day] })],
);

/**
 * The health check's own write (lib/health.ts): one row, rewritten and
 * committed by every check, so that "healthy" means a committed write reached
 * the disk. Never more than one row.
 */
export const healthChecks = sqliteTable(
  'health_checks',
  {
    id: integer('id').primaryKey(),
    checkedAt: integer('checked_at').notNull(),
  },
  (t) => [check('health_checks_single_row', sql`${t.id} = 1`)],
);

/**
 * Work that one process of all those sharing the database does at a time
 * (the outbox's sender): the row names its holder until `expires_at`; the
 * holder renews it, anyone may take it once it has expired.
 */
export const workerLeases = sqliteTable('worker_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/**
 * What each expiry e-mail announced: one row per (person, line, threshold,
 * expiration date). Its unique key is the once-only rule and the lock: two
 * runs at once cannot both record the same notice.
 */
export const noticesSent = sqliteTable(
  'notices_sent',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    lineId: integer('line_id')
      .notNull()
      .references(() => inventoryLines.id),
    /** The threshold crossed: a number of days (`90`, `30`, as NOTICE_THRESHOLDS says) or `expired`. */
    threshold: text('threshold').notNull(),
    expiresOn: text('expires_on').notNull(),
    /** The e-mail that announced it (mail_outbox). */
    noticeMessageId: integer('notice_message_id')
      .notNull()
      .references(() => mailOutbox.id),
    sentAt: integer('sent_at').notNull(),
  },
  (t) => [uniqueIndex('notices_sent_unique').on(t.userId, t.lineId, t.threshold, t.expiresOn), index('notices_sent_message_idx').on(t.noticeMessageId)],
);

/** The secret in a user's calendar-feed URL; only its hash is stored. */
export const calendarFeedSecrets = sqliteTable(
  'calendar_feed_secrets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    secretHash: text('secret_hash').notNull(),
    createdAt: createdAt(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('calendar_feed_secrets_hash_unique').on(t.secretHash), index('calendar_feed_secrets_user_idx').on(t.userId)],
);

export const TOKEN_PURPOSES = ['invitation', 'password_reset', 'notices_off'] as const;

/** Invitation, password-reset and one-click links; only the token's hash is stored. */
export const oneTimeTokens = sqliteTable(
  'one_time_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose', { enum: TOKEN_PURPOSES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('one_time_tokens_hash_unique').on(t.tokenHash), index('one_time_tokens_user_idx').on(t.userId, t.purpose)],
);

/** Keys of forms already handled, so that a double submit writes once. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    key: text('key').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** Where the first submission led, to send a repeat there too. */
    result: text('result'),
    createdAt: createdAt(),
  },
  (t) => [index('idempotency_keys_created_idx').on(t.createdAt)],
);

/**
 * Who did what, when, from where: sign-ins, self-provisionings,
 * exports, and every change to people and grants. `customer_id` and
 * `partner_id` say whose log an entry belongs to: a customer's administrators
 * read their customer's entries, a partner's users their partner's.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    occurredAt: integer('occurred_at').notNull(),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    /** JSON with what changed; never a secret. */
    details: text('details'),
    customerId: integer('customer_id').references(() => customers.id),
    partnerId: integer('partner_id').references(() => partners.id),
    /** The client address of the request (lib/http/client-address.ts). */
    address: text('address'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_user_idx').on(t.userId, t.occurredAt),
    index('audit_log_customer_idx').on(t.customerId, t.occurredAt, t.id),
    index('audit_log_partner_idx').on(t.partnerId, t.occurredAt, t.id),
  ],
);

export type Customer = typeof customers.$inferSelect;
export type PurchaseAccount = typeof purchaseAccounts.$inferSelect;
export type InventoryLine = typeof inventoryLines.$inferSelect;
export type User = typeof users.$inferSelect;
