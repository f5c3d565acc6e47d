/**
 * The import document (docs/import-format.md): one JSON file with flat arrays
 * whose entries refer to each other by natural keys. This zod schema is the
 * single definition: the importer parses with it and docs/import.schema.json
 * is generated from it (scripts/generate-import-schema.ts).
 *
 * No transforms here, so that the JSON Schema says exactly what is accepted;
 * the importer normalises (lower-cased e-mails, empty editions) when it writes.
 */
import { z } from 'zod';
import { GRANT_ROLES, LOCALES, ORDER_STATUSES, PRODUCT_KINDS, RESOURCE_USAGES, TRANSACTION_KINDS } from '@/db/schema';
import { RESOURCE_USAGE_NAMES, resourceUsageCode } from '@/lib/i18n/names';

export const IMPORT_FORMAT_VERSION = 1;

/**
 * No control character (U+0000–U+001F, U+007F–U+009F: line breaks, tabs,
 * escapes…) in what people read as one line — names, keys, editions: pages,
 * CSV files, e-mails and the calendar feed show them, and a stray carriage
 * return or escape would break or disguise what they show.
 */
const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;
const noControlCharacters = { message: 'must not hold control characters (line breaks, tabs and the like)' };

/** A natural key: customer, agreement, account and order numbers, codes. */
const key = (what: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(NO_CONTROL_CHARACTERS, noControlCharacters)
    .regex(/^\S(?:.*\S)?$/, { message: 'must not be empty nor begin or end with a space' })
    .meta({ description: what });

/** A name or other human text on one line: not blank, no control character, kept as written. */
const text = (what: string, max = 200) =>
  z
    .string()
    .max(max)
    .regex(NO_CONTROL_CHARACTERS, noControlCharacters)
    .regex(/\S/, { message: 'must not be blank' })
    .meta({ description: what });

/** Optional one-line text (may be empty): no control character. */
const line = (what: string, max: number) => z.string().max(max).regex(NO_CONTROL_CHARACTERS, noControlCharacters).optional().meta({ description: what });

/** Several lines (an address, a note): line breaks (`\n`, `\r\n`) but no other control character. */
const MULTI_LINE = /^(?:\P{Cc}|\r?\n)*$/u;
const lines = (what: string, max: number) =>
  z.string().max(max).regex(MULTI_LINE, { message: 'must not hold control characters other than line breaks' }).meta({ description: what });

/** Optional qualifiers of a holding; absent means none (stored as an empty string). */
const qualifier = (what: string) => line(what, 100);

/**
 * A name people read, in French and English: a text (the same name in both
 * languages, as files written before both forms were known say it), or
 * `{ "fr": …, "en": … }` with one form or both; a missing form falls back to
 * the other.
 */
const bilingual = (what: string, form: z.ZodString) =>
  z
    .union(
      [
        form.meta({ description: `${what} The same in French and English.` }),
        z
          .strictObject({
            fr: form.optional().meta({ description: `${what} In French.` }),
            en: form.optional().meta({ description: `${what} In English.` }),
          })
          .refine((name) => name.fr !== undefined || name.en !== undefined, { message: 'needs its French form (fr), its English form (en), or both' })
          .meta({ description: `${what} In French and English; a missing form falls back to the other.`, minProperties: 1 }),
      ],
      { error: 'must be a text, or { "fr": "…", "en": "…" } with one form or both' },
    )
    .meta({ description: `${what} A text, or its French and English forms.` });

/** A required name people read (family, product, package, benefit). */
const name = (what: string, max = 200) =>
  bilingual(what, z.string().max(max).regex(NO_CONTROL_CHARACTERS, noControlCharacters).regex(/\S/, { message: 'must not be blank' }));

/** An optional qualifier people read (an edition); absent means none. */
const bilingualQualifier = (what: string) => bilingual(what, z.string().max(100).regex(NO_CONTROL_CHARACTERS, noControlCharacters)).optional();

/** A remark of a transaction, in one language or both. */
const note = () =>
  bilingual('Free text shown in the history.', z.string().max(500).regex(MULTI_LINE, { message: 'must not hold control characters other than line breaks' })).optional();

const RESOURCE_USAGE_INPUTS = [
  ...RESOURCE_USAGES,
  ...RESOURCE_USAGES.map((code) => RESOURCE_USAGE_NAMES[code].fr),
  ...RESOURCE_USAGES.map((code) => RESOURCE_USAGE_NAMES[code].en),
] as [string, ...string[]];

/** How a licence is counted: a code of the vocabulary, or its French or English name (as earlier files wrote it); absent means none. */
const resourceUsage = () =>
  z
    .enum(RESOURCE_USAGE_INPUTS, {
      error: `must be one of ${RESOURCE_USAGES.join(', ')} (or its French or English name, such as "${RESOURCE_USAGE_NAMES.per_device.fr}" or "${RESOURCE_USAGE_NAMES.per_device.en}")`,
    })
    .optional()
    .meta({ description: `How the licence is counted: ${RESOURCE_USAGES.map((code) => `${code} (${RESOURCE_USAGE_NAMES[code].fr} / ${RESOURCE_USAGE_NAMES[code].en})`).join(', ')}; the French or English name is accepted too.` });

/** A name as given: a text, or its forms. */
export type NameInput = string | { fr?: string; en?: string };

/** The form stored as the name, and in natural keys: the French one, or the only one given ('' when absent). */
export function frenchOf(name: NameInput | undefined): string {
  if (name === undefined) return '';
  return typeof name === 'string' ? name : (name.fr ?? name.en ?? '');
}

/** The English form stored beside it: null when none is given or it is the same. */
export function englishOf(name: NameInput | undefined): string | null {
  if (name === undefined || typeof name === 'string') return null;
  const english = name.en ?? null;
  return english === null || english === frenchOf(name) ? null : english;
}

/** The stored code of a resource usage as given ('' when absent). */
export function usageCodeOf(usage: string | undefined): string {
  if (usage === undefined) return '';
  return resourceUsageCode(usage) ?? usage;
}

/** A real calendar date written YYYY-MM-DD. */
const date = (what: string) => z.iso.date({ message: 'must be a real date written YYYY-MM-DD' }).meta({ description: what });

const count = (what: string) => z.int({ message: 'must be a whole number' }).min(0, { message: 'must not be negative' }).meta({ description: what });

const delta = (what: string) => z.int({ message: 'must be a whole number' }).optional().meta({ description: what });

const positive = (what: string) => z.int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).meta({ description: what });

export const partnerSchema = z
  .strictObject({
    code: key('Partner code (natural key).'),
    name: text('Partner name.'),
    contactEmail: z.email({ message: 'must be an e-mail address' }).optional().meta({ description: 'Contact e-mail shown to customers.' }),
    contactPhone: line('Contact phone number shown to customers.', 50),
  })
  .meta({ title: 'Partner', description: 'A reseller who orders for purchase accounts. Key: code.' });

export const customerSchema = z
  .strictObject({
    number: key('Customer number (natural key).'),
    legalName: text('Customer legal entity name.'),
  })
  .meta({ title: 'Customer', description: 'A legal entity. Key: number.' });

export const agreementSchema = z
  .strictObject({
    number: key('Agreement number (natural key).'),
    customer: key('Number of the customer the agreement belongs to.'),
    name: line('Agreement name or type.', 200),
    startsOn: date('First day of the agreement.').optional(),
    endsOn: date('Last day of the agreement.').optional(),
  })
  .meta({ title: 'Agreement', description: 'A licensing agreement of one customer. Key: number.' });

export const productFamilySchema = z
  .strictObject({
    code: key('Product family code (natural key).'),
    name: name('Product family name, as customers see it.'),
  })
  .meta({ title: 'Product family', description: 'A group of products (Office, Windows Server…). Key: code.' });

export const productSchema = z
  .strictObject({
    code: key('Product code (natural key).'),
    family: key('Code of the product family.'),
    name: name('Product name, as customers see it.'),
    kind: z.enum(PRODUCT_KINDS).meta({
      description:
        'license: on-premises licence; online_service: subscription with available and ordered counts and an expiration; developer_subscription: MSDN / Visual Studio subscriptions; cloud_platform: Azure.',
    }),
    // Shown to customers as a link: only web addresses, never javascript:, data: or the like.
    managementUrl: z
      .url({ protocol: /^https?$/, message: 'must be an absolute https: or http: URL' })
      .optional()
      .meta({ description: 'Where the customer manages the service: an absolute https: or http: URL.', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' }),
  })
  .meta({ title: 'Product', description: 'Key: code.' });

export const packageSchema = z
  .strictObject({
    code: key('Package code (natural key).'),
    name: name('Package name.'),
    items: z
      .array(
        z.strictObject({
          product: key('Product code.'),
          edition: qualifier('Edition.'),
          version: qualifier('Version.'),
          quantity: positive('Units of the product in one unit of the package.'),
        }),
      )
      .min(1, { message: 'a package needs at least one item' })
      .meta({ description: 'What one unit of the package contains; the list replaces the stored one.' }),
  })
  .meta({ title: 'Package', description: 'A named set of products bought together. Key: code.' });

export const purchaseAccountSchema = z
  .strictObject({
    number: key('Purchase account number (natural key).'),
    name: text('Purchase account name.'),
    city: text('City of the account.', 100),
    country: text('Country (a code such as CA or FR, or a name).', 100),
    customer: key('Number of the customer the account belongs to.'),
    agreement: key("Number of the account's agreement; it must belong to the same customer."),
    partner: key('Code of the partner of record.'),
  })
  .meta({ title: 'Purchase account', description: 'Key: number.' });

export const licenseTransactionSchema = z
  .strictObject({
    date: date('Day the transaction took effect.'),
    kind: z.enum(TRANSACTION_KINDS),
    licenseDelta: delta('Change of the licence count (may be negative).'),
    saDelta: delta('Change of the SA count (may be negative).'),
    order: key('Number of the order it comes from.').optional(),
    note: note(),
  })
  .meta({ title: 'Licence position transaction' });

export const licensePositionSchema = z
  .strictObject({
    account: key('Purchase account number.'),
    product: key('Product code (a licence, developer subscription or cloud platform product, not an online service).'),
    edition: bilingualQualifier('Edition licensed.'),
    version: qualifier('Version licensed.'),
    resourceUsage: resourceUsage(),
    package: key('Code of the package it was acquired through; absent when bought separately.').optional(),
    licenseCount: count('Licence count (seats or subscriptions for developer subscriptions and cloud platforms).'),
    saCount: count('Software Assurance count.'),
    transactions: z
      .array(licenseTransactionSchema)
      .optional()
      .meta({ description: 'The history. When given, its deltas (with stored transactions the file does not list) must add up to the counts.' }),
  })
  .meta({
    title: 'Licence position',
    description: 'Key: account, product, edition, version, resourceUsage, package.',
  });

export const subscriptionTransactionSchema = z
  .strictObject({
    date: date('Day the transaction took effect.'),
    kind: z.enum(TRANSACTION_KINDS),
    availableDelta: delta('Change of the available subscriptions (may be negative).'),
    orderedDelta: delta('Change of the ordered subscriptions (may be negative; never for self_provisioning).'),
    order: key('Number of the order it comes from.').optional(),
    note: note(),
  })
  .meta({ title: 'Subscription transaction' });

export const subscriptionSchema = z
  .strictObject({
    account: key('Purchase account number.'),
    product: key('Product code (an online service).'),
    edition: bilingualQualifier('Edition or plan.'),
    package: key('Code of the package it was acquired through; absent when bought separately.').optional(),
    available: count('Available subscriptions: usable online, self-provisioned included.'),
    ordered: count('Subscriptions ordered by the partner.'),
    nextExpiration: date('Next expiration date.'),
    transactions: z
      .array(subscriptionTransactionSchema)
      .optional()
      .meta({ description: 'The history. When given, its deltas (with stored transactions the file does not list) must add up to the counts.' }),
  })
  .meta({ title: 'Online service subscription', description: 'Key: account, product.' });

const party = z.strictObject({
  name: text('Name.'),
  address: lines('Postal address; lines separated by \\n.', 1000),
});

export const orderItemSchema = z.strictObject({
  product: key('Product code.'),
  edition: bilingualQualifier('Edition.'),
  version: qualifier('Version.'),
  resourceUsage: resourceUsage(),
  quantity: positive('Quantity ordered.'),
  softwareAssurance: z.boolean().optional().meta({ description: 'Whether Software Assurance is included (default false).' }),
  termMonths: positive('Term in months, for subscriptions.').optional(),
  unitPrice: z
    .number()
    .min(0, { message: 'must not be negative' })
    .optional()
    .meta({ description: "Unit price in major units of the order's currency (e.g. 12.5); absent when none." }),
});

export const orderSchema = z
  .strictObject({
    number: key('Order number (natural key).'),
    date: date('Order date.'),
    status: z.enum(ORDER_STATUSES),
    partner: key('Code of the partner who placed the order.'),
    account: key("Purchase account number; the order's agreement is the account's agreement."),
    customerPoNumber: line('Customer PO number (formerly the secondary PO number).', 100),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 currency code such as EUR or CAD' })
      .optional()
      .meta({ description: 'ISO 4217 currency code of the prices.' }),
    billTo: party.optional().meta({ description: 'Billing details.' }),
    shipTo: party.optional().meta({ description: 'Shipping details.' }),
    items: z.array(orderItemSchema).min(1, { message: 'an order needs at least one item' }).meta({ description: 'Order items, in order; the list replaces the stored one.' }),
  })
  .meta({ title: 'Order', description: 'Key: number.' });

export const benefitSchema = z
  .strictObject({
    account: key('Purchase account number.'),
    benefit: name('Benefit name.'),
    entitled: count('Quantity entitled.'),
    used: count('Quantity used.'),
    expires: date('Expiry date.'),
  })
  .meta({ title: 'Software Assurance benefit', description: 'Key: account, benefit, expires.' });

export const grantSchema = z.discriminatedUnion('role', [
  z.strictObject({
    role: z.literal(GRANT_ROLES[0]),
    customer: key('Customer number.'),
  }),
  z.strictObject({
    role: z.literal(GRANT_ROLES[1]),
    customer: key('Customer number.'),
    accounts: z
      .array(key('Purchase account number.'))
      .min(1, { message: 'an account viewer needs at least one purchase account' })
      .meta({ description: "Purchase accounts the viewer may see; all of the grant's customer." }),
  }),
  z.strictObject({
    role: z.literal(GRANT_ROLES[2]),
    partner: key('Partner code.'),
  }),
]);

export const userSchema = z
  .strictObject({
    email: z.email({ message: 'must be an e-mail address' }).max(254).meta({ description: 'E-mail address (natural key, compared without case).' }),
    name: text('Full name.'),
    locale: z.enum(LOCALES).optional().meta({ description: 'Preferred language. Absent: kept for an existing user.' }),
    password: z
      .string()
      .min(8, { message: 'must be at least 8 characters' })
      .max(256)
      .optional()
      .meta({ description: 'Initial password, used only when the user is created; an import never changes an existing password.' }),
    active: z.boolean().optional().meta({ description: 'Whether the user may sign in (default true). Absent: kept for an existing user.' }),
    receivesNotices: z.boolean().optional().meta({ description: 'Whether expiry notices are e-mailed (default true). Absent: kept for an existing user.' }),
    grants: z.array(grantSchema).meta({ description: 'What the user may see; the list replaces the stored one.' }),
  })
  .meta({ title: 'User', description: 'Key: email.' });

export const importDocumentSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Optional reference to this JSON Schema, for editors.' }),
    version: z.literal(IMPORT_FORMAT_VERSION).meta({ description: 'Format version; always 1.' }),
    partners: z.array(partnerSchema).optional(),
    customers: z.array(customerSchema).optional(),
    agreements: z.array(agreementSchema).optional(),
    productFamilies: z.array(productFamilySchema).optional(),
    products: z.array(productSchema).optional(),
    packages: z.array(packageSchema).optional(),
    purchaseAccounts: z.array(purchaseAccountSchema).optional(),
    licensePositions: z.array(licensePositionSchema).optional(),
    subscriptions: z.array(subscriptionSchema).optional(),
    orders: z.array(orderSchema).optional(),
    benefits: z.array(benefitSchema).optional(),
    users: z.array(userSchema).optional(),
  })
  .meta({
    title: 'License Desk import document',
    description:
      'Inventory data for License Desk (docs/import-format.md). Entries refer to each other by natural keys, resolved against this file and the database.',
  });

export type ImportDocument = z.infer<typeof importDocumentSchema>;
export type PartnerInput = z.infer<typeof partnerSchema>;
export type CustomerInput = z.infer<typeof customerSchema>;
export type AgreementInput = z.infer<typeof agreementSchema>;
export type ProductFamilyInput = z.infer<typeof productFamilySchema>;
export type ProductInput = z.infer<typeof productSchema>;
export type PackageInput = z.infer<typeof packageSchema>;
export type PurchaseAccountInput = z.infer<typeof purchaseAccountSchema>;
export type LicensePositionInput = z.infer<typeof licensePositionSchema>;
export type LicenseTransactionInput = z.infer<typeof licenseTransactionSchema>;
export type SubscriptionInput = z.infer<typeof subscriptionSchema>;
export type SubscriptionTransactionInput = z.infer<typeof subscriptionTransactionSchema>;
export type OrderInput = z.infer<typeof orderSchema>;
export type OrderItemInput = z.infer<typeof orderItemSchema>;
export type BenefitInput = z.infer<typeof benefitSchema>;
export type UserInput = z.infer<typeof userSchema>;
export type GrantInput = z.infer<typeof grantSchema>;

/** The entity arrays of a document, in the order they are written. */
export const ENTITY_TYPES = [
  'partners',
  'customers',
  'agreements',
  'productFamilies',
  'products',
  'packages',
  'purchaseAccounts',
  'orders',
  'licensePositions',
  'subscriptions',
  'benefits',
  'users',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** The JSON Schema published as docs/import.schema.json. */
export function importJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(importDocumentSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
}

/** Digits after the decimal point in a currency's minor unit (2 when unknown or absent). */
export function currencyFractionDigits(currency: string | null | undefined): number {
  if (!currency) return 2;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** A price in major units as an integer of minor units, or null when it has more decimals than the currency allows. */
export function toMinorUnits(amount: number, currency: string | null | undefined): number | null {
  const scaled = amount * 10 ** currencyFractionDigits(currency);
  const rounded = Math.round(scaled);
  return Math.abs(scaled - rounded) < 1e-6 * Math.max(1, Math.abs(scaled)) ? rounded : null;
}
