/**
 * The demo data: two customers served by two partners, a realistic
 * catalogue, orders, histories, Software Assurance benefits and online
 * services expiring at every threshold of SPEC §5 — all relative to `today`,
 * so the demo always shows something expiring soon. Deterministic: the same
 * `today` gives the same document. Loaded through importDocument like any
 * import file (npm run db:seed, npm run demo, the end-to-end tests).
 */
import { addDays } from '@/lib/clock';
import type {
  BenefitInput,
  ImportDocument,
  LicensePositionInput,
  LicenseTransactionInput,
  OrderInput,
  SubscriptionInput,
  SubscriptionTransactionInput,
  UserInput,
} from '@/lib/import/schema';

export const DEMO_PASSWORD = 'demo-licences-2026';

export interface DemoSignIn {
  email: string;
  role: 'customer_admin' | 'account_viewer' | 'partner_user';
  locale: 'fr' | 'en';
  description: string;
}

/** The demo's people, printed by the demo start-up (all use DEMO_PASSWORD). */
export const DEMO_SIGN_INS: DemoSignIn[] = [
  { email: 'camille.martin@fabrikam.example', role: 'customer_admin', locale: 'fr', description: 'Fabrikam administrator: all 7 purchase accounts' },
  { email: 'jordan.lee@fabrikam.example', role: 'customer_admin', locale: 'en', description: 'Fabrikam administrator: all 7 purchase accounts' },
  { email: 'lucie.bernard@fabrikam.example', role: 'account_viewer', locale: 'fr', description: 'Fabrikam account viewer: Lyon accounts 5100203 and 5100204' },
  { email: 'sam.taylor@fabrikam.example', role: 'account_viewer', locale: 'en', description: 'Fabrikam account viewer: Lyon accounts 5100203 and 5100204' },
  { email: 'paul.roy@contoso.example', role: 'customer_admin', locale: 'fr', description: 'Contoso administrator: one purchase account' },
  { email: 'mathieu.gagnon@northwind.example', role: 'partner_user', locale: 'fr', description: 'Northwind Partenaires: serves Contoso and 5 Fabrikam accounts' },
  { email: 'emma.wilson@northwind.example', role: 'partner_user', locale: 'en', description: 'Northwind Partenaires: serves Contoso and 5 Fabrikam accounts' },
  { email: 'nadia.roux@adatum.example', role: 'partner_user', locale: 'fr', description: 'Adatum Solutions: serves 2 Fabrikam accounts (5100204, 5100206)' },
];

/** A demo user kept for the sign-in lockout test (account viewer of 5100203); not printed. */
export const DEMO_LOCKOUT_EMAIL = 'lockout.test@fabrikam.example';

export const DEMO_CUSTOMERS = { contoso: '1000101', fabrikam: '1000201' } as const;
export const DEMO_PARTNERS = { northwind: 'NWP', adatum: 'ADS' } as const;
export const DEMO_ACCOUNTS = {
  contoso: '5100101',
  montrealHq: '5100201',
  montrealRnd: '5100202',
  lyon: '5100203',
  lyonPlant: '5100204',
  geneva: '5100205',
  genevaSales: '5100206',
  besancon: '5100207',
} as const;

const A = DEMO_ACCOUNTS;

interface Place {
  city: string;
  country: string;
  address: string;
  currency: string;
}

const PLACES = {
  quebec: { city: 'Québec', country: 'CA', address: '1200, boulevard René-Lévesque Est\nQuébec (Québec) G1R 5A1\nCanada', currency: 'CAD' },
  montreal: { city: 'Montréal', country: 'CA', address: '800, rue Sherbrooke Ouest\nMontréal (Québec) H3A 1G1\nCanada', currency: 'CAD' },
  lyon: { city: 'Lyon', country: 'FR', address: '15, quai Perrache\n69002 Lyon\nFrance', currency: 'EUR' },
  lyonPlant: { city: 'Lyon', country: 'FR', address: "42, rue de l'Industrie\n69007 Lyon\nFrance", currency: 'EUR' },
  geneva: { city: 'Genève', country: 'CH', address: 'Rue du Rhône 30\n1204 Genève\nSuisse', currency: 'CHF' },
  besancon: { city: 'Besançon', country: 'FR', address: '8, avenue de la Gare-d’Eau\n25000 Besançon\nFrance', currency: 'EUR' },
} satisfies Record<string, Place>;

const ACCOUNTS: {
  number: string;
  name: string;
  place: Place;
  customer: string;
  agreement: string;
  partner: string;
}[] = [
  { number: A.contoso, name: 'Contoso Siège', place: PLACES.quebec, customer: DEMO_CUSTOMERS.contoso, agreement: '7600101', partner: 'NWP' },
  { number: A.montrealHq, name: 'Fabrikam Montréal – Siège', place: PLACES.montreal, customer: DEMO_CUSTOMERS.fabrikam, agreement: '7600201', partner: 'NWP' },
  { number: A.montrealRnd, name: 'Fabrikam Montréal – R&D', place: PLACES.montreal, customer: DEMO_CUSTOMERS.fabrikam, agreement: '7600201', partner: 'NWP' },
  { number: A.lyon, name: 'Fabrikam Lyon', place: PLACES.lyon, customer: DEMO_CUSTOMERS.fabrikam, agreement: '7600202', partner: 'NWP' },
  { number: A.lyonPlant, name: 'Fabrikam Lyon – Usine', place: PLACES.lyonPlant, customer: DEMO_CUSTOMERS.fabrikam, agreement: '7600202', partner: 'ADS' },
  { number: A.geneva, name: 'Fabrikam Genève', place: PLACES.geneva, customer: DEMO_CUSTOMERS.fabrikam, agreement: '7600201', partner: 'NWP' },
  { number: A.genevaSales, name: 'Fabrikam Genève – Ventes', place: PLACES.geneva, customer: DEMO_CUSTOMERS.fabrikam, agreement: '7600201', partner: 'ADS' },
  { number: A.besancon, name: 'Fabrikam Besançon – Atelier', place: PLACES.besancon, customer: DEMO_CUSTOMERS.fabrikam, agreement: '7600202', partner: 'NWP' },
];

const O365_ADMIN = 'https://admin.microsoft.com/';
const D365_ADMIN = 'https://admin.powerplatform.microsoft.com/';

const PRODUCT_FAMILIES = [
  { code: 'OFFICE', name: 'Office' },
  { code: 'WINSRV', name: 'Windows Server' },
  { code: 'SQL', name: 'SQL Server' },
  { code: 'CAL', name: { fr: "Licences d'accès client", en: 'Client Access Licenses' } },
  { code: 'O365', name: 'Office 365' },
  { code: 'D365', name: 'Dynamics 365' },
  { code: 'EMS', name: 'Enterprise Mobility + Security' },
  { code: 'VS', name: 'Visual Studio' },
  { code: 'AZURE', name: 'Azure' },
];

const PRODUCTS: ImportDocument['products'] = [
  { code: 'OFFICE-PROPLUS', family: 'OFFICE', name: { fr: 'Office Professionnel Plus', en: 'Office Professional Plus' }, kind: 'license' },
  { code: 'OFFICE-STD', family: 'OFFICE', name: 'Office Standard', kind: 'license' },
  { code: 'WINSRV', family: 'WINSRV', name: 'Windows Server', kind: 'license' },
  { code: 'SQLSRV', family: 'SQL', name: 'SQL Server', kind: 'license' },
  { code: 'SQL-CAL', family: 'SQL', name: 'SQL Server CAL', kind: 'license' },
  { code: 'WINSRV-CAL', family: 'CAL', name: 'Windows Server CAL', kind: 'license' },
  { code: 'EXCH-CAL-STD', family: 'CAL', name: 'Exchange Server Standard CAL', kind: 'license' },
  { code: 'EXCH-CAL-ENT', family: 'CAL', name: 'Exchange Server Enterprise CAL', kind: 'license' },
  { code: 'SP-CAL-STD', family: 'CAL', name: 'SharePoint Server Standard CAL', kind: 'license' },
  { code: 'SP-CAL-ENT', family: 'CAL', name: 'SharePoint Server Enterprise CAL', kind: 'license' },
  { code: 'O365-E1', family: 'O365', name: 'Office 365 E1', kind: 'online_service', managementUrl: O365_ADMIN },
  { code: 'O365-E3', family: 'O365', name: 'Office 365 E3', kind: 'online_service', managementUrl: O365_ADMIN },
  { code: 'O365-E5', family: 'O365', name: 'Office 365 E5', kind: 'online_service', managementUrl: O365_ADMIN },
  { code: 'EXO-P1', family: 'O365', name: 'Exchange Online (Plan 1)', kind: 'online_service', managementUrl: O365_ADMIN },
  { code: 'D365-SALES', family: 'D365', name: 'Dynamics 365 Sales', kind: 'online_service', managementUrl: D365_ADMIN },
  { code: 'D365-CS', family: 'D365', name: 'Dynamics 365 Customer Service', kind: 'online_service', managementUrl: D365_ADMIN },
  { code: 'EMS-E3', family: 'EMS', name: 'Enterprise Mobility + Security E3', kind: 'online_service', managementUrl: O365_ADMIN },
  { code: 'VS-PRO', family: 'VS', name: { fr: 'Visual Studio Professional avec MSDN', en: 'Visual Studio Professional with MSDN' }, kind: 'developer_subscription' },
  { code: 'VS-ENT', family: 'VS', name: { fr: 'Visual Studio Enterprise avec MSDN', en: 'Visual Studio Enterprise with MSDN' }, kind: 'developer_subscription' },
  { code: 'AZURE-EA', family: 'AZURE', name: 'Microsoft Azure (Enterprise Agreement)', kind: 'cloud_platform' },
];

const PACKAGES: ImportDocument['packages'] = [
  {
    code: 'CORECAL',
    name: 'Core CAL Suite',
    items: [
      { product: 'WINSRV-CAL', quantity: 1 },
      { product: 'EXCH-CAL-STD', quantity: 1 },
      { product: 'SP-CAL-STD', quantity: 1 },
    ],
  },
  {
    code: 'ECAL',
    name: 'Enterprise CAL Suite',
    items: [
      { product: 'WINSRV-CAL', quantity: 1 },
      { product: 'EXCH-CAL-STD', quantity: 1 },
      { product: 'EXCH-CAL-ENT', quantity: 1 },
      { product: 'SP-CAL-STD', quantity: 1 },
      { product: 'SP-CAL-ENT', quantity: 1 },
    ],
  },
  {
    code: 'M365-E3',
    name: 'Microsoft 365 E3',
    items: [
      { product: 'O365-E3', quantity: 1 },
      { product: 'EMS-E3', quantity: 1 },
    ],
  },
];

// Resource usage is a fixed vocabulary, given by its codes (named by the catalogues in each language).
const PER_CORE = 'per_core';
const PER_USER = 'per_user';
const PER_DEVICE = 'per_device';
const PER_SERVER = 'per_server';
const PER_SUBSCRIPTION = 'per_subscription';

/** The edition whose name differs in English. */
const PRO_PLUS = { fr: 'Professionnel Plus', en: 'Professional Plus' };

/** A name or remark in both languages. */
type Bilingual = { fr: string; en: string };

/** Builds the demo import document for a given "today" (YYYY-MM-DD). */
export function buildDemoDocument(today: string): ImportDocument {
  const day = (offset: number) => addDays(today, offset);
  const account = (number: string) => ACCOUNTS.find((a) => a.number === number)!;

  // ─ Orders (dated in the past year); the transactions below refer to them.
  const orders: OrderInput[] = [];
  const orderDates = new Map<string, string>();
  const order = (
    number: string,
    offset: number,
    status: OrderInput['status'],
    accountNumber: string,
    customerPoNumber: string | undefined,
    items: OrderInput['items'],
  ) => {
    const a = account(accountNumber);
    const legalName = a.customer === DEMO_CUSTOMERS.contoso ? 'Contoso Ltée' : 'Fabrikam Industries SA';
    orders.push({
      number,
      date: day(offset),
      status,
      partner: a.partner,
      account: a.number,
      ...(customerPoNumber ? { customerPoNumber } : {}),
      currency: a.place.currency,
      billTo: { name: `${legalName} – Comptabilité fournisseurs`, address: a.place.address },
      shipTo: { name: a.name, address: a.place.address },
      items,
    });
    orderDates.set(number, day(offset));
  };

  order('8800101', -320, 'completed', A.contoso, 'PO-CTS-2025-118', [{ product: 'O365-E3', quantity: 60, termMonths: 12, unitPrice: 27.6 }]);
  order('8800102', -40, 'completed', A.contoso, 'PO-CTS-2026-031', [
    { product: 'OFFICE-PROPLUS', edition: PRO_PLUS, version: '2019', resourceUsage: PER_DEVICE, quantity: 40, softwareAssurance: true, unitPrice: 98 },
  ]);
  order('8800201', -300, 'completed', A.montrealHq, 'FAB-MTL-0412', [
    { product: 'OFFICE-PROPLUS', edition: PRO_PLUS, version: '2021', resourceUsage: PER_DEVICE, quantity: 40, softwareAssurance: true, unitPrice: 412 },
  ]);
  order('8800202', -250, 'completed', A.montrealHq, 'FAB-MTL-0437', [
    { product: 'WINSRV', edition: 'Datacenter', version: '2022', resourceUsage: PER_CORE, quantity: 16, softwareAssurance: true, unitPrice: 845.25 },
  ]);
  order('8800204', -200, 'completed', A.montrealHq, 'FAB-MTL-0459', [{ product: 'O365-E3', quantity: 20, termMonths: 12, unitPrice: 27.6 }]);
  order('8800205', -150, 'completed', A.montrealHq, 'FAB-MTL-0488', [{ product: 'O365-E5', quantity: 25, termMonths: 12, unitPrice: 49.9 }]);
  order('8800206', -120, 'completed', A.montrealHq, 'FAB-MTL-0503', [
    { product: 'D365-SALES', edition: 'Enterprise', quantity: 30, termMonths: 12, unitPrice: 129.5 },
  ]);
  order('8800207', -90, 'completed', A.montrealHq, undefined, [
    { product: 'VS-ENT', edition: 'Enterprise', resourceUsage: PER_USER, quantity: 5, softwareAssurance: true },
  ]);
  order('8800208', -30, 'completed', A.montrealHq, 'FAB-MTL-0561', [
    { product: 'OFFICE-PROPLUS', edition: PRO_PLUS, version: 'LTSC 2024', resourceUsage: PER_DEVICE, quantity: 25, softwareAssurance: true, unitPrice: 498 },
  ]);
  order('8800210', -270, 'completed', A.montrealRnd, 'FAB-RND-0077', [{ product: 'O365-E5', quantity: 45, termMonths: 12, unitPrice: 49.9 }]);
  order('8800220', -3, 'submitted', A.montrealRnd, 'FAB-RND-0102', [
    { product: 'VS-PRO', edition: 'Professional', resourceUsage: PER_USER, quantity: 6, softwareAssurance: true, unitPrice: 1199 },
  ]);
  order('8800211', -330, 'completed', A.lyon, 'FAB-LYO-2025-19', [
    { product: 'OFFICE-PROPLUS', edition: PRO_PLUS, version: '2019', resourceUsage: PER_DEVICE, quantity: 20, softwareAssurance: true, unitPrice: 389.9 },
  ]);
  order('8800212', -15, 'processing', A.lyon, 'FAB-LYO-2026-44', [
    { product: 'WINSRV', edition: 'Standard', version: '2025', resourceUsage: PER_CORE, quantity: 16, softwareAssurance: true },
  ]);
  order('8800213', -10, 'completed', A.lyon, undefined, [{ product: 'O365-E3', quantity: 10, termMonths: 12, unitPrice: 23.1 }]);
  order('8800214', -200, 'completed', A.lyonPlant, 'USN-7731', [
    { product: 'WINSRV', edition: 'Standard', version: '2022', resourceUsage: PER_CORE, quantity: 16, softwareAssurance: true, unitPrice: 119.4 },
  ]);
  order('8800216', -60, 'completed', A.geneva, 'FAB-GVA-2026-08', [
    { product: 'WINSRV', edition: 'Datacenter', version: '2025', resourceUsage: PER_CORE, quantity: 32, softwareAssurance: true, unitPrice: 812.35 },
  ]);
  order('8800217', -240, 'completed', A.geneva, 'FAB-GVA-2025-31', [
    { product: 'O365-E3', quantity: 70, termMonths: 12, unitPrice: 25.8 },
    { product: 'EMS-E3', quantity: 70, termMonths: 12, unitPrice: 10.4 },
  ]);
  order('8800218', -100, 'completed', A.genevaSales, 'GVA-VTE-112', [
    { product: 'D365-SALES', edition: 'Enterprise', quantity: 5, termMonths: 12, unitPrice: 121 },
  ]);
  order('8800219', -25, 'cancelled', A.genevaSales, 'GVA-VTE-118', [
    { product: 'OFFICE-PROPLUS', edition: PRO_PLUS, version: 'LTSC 2024', resourceUsage: PER_DEVICE, quantity: 5, softwareAssurance: true },
  ]);

  // ─ Transactions
  const opened = day(-1000);
  const openedContoso = day(-900);
  const opening = (license: number, sa = 0, date = opened): LicenseTransactionInput => ({
    date,
    kind: 'opening_balance',
    licenseDelta: license,
    ...(sa ? { saDelta: sa } : {}),
  });
  const ordered = (number: string, license: number, sa = 0, kind: 'order' | 'renewal' = 'order'): LicenseTransactionInput => ({
    date: orderDates.get(number)!,
    kind,
    licenseDelta: license,
    ...(sa ? { saDelta: sa } : {}),
    order: number,
  });
  const subOpening = (quantity: number, date = opened): SubscriptionTransactionInput => ({
    date,
    kind: 'opening_balance',
    availableDelta: quantity,
    orderedDelta: quantity,
  });
  const subOrdered = (number: string, available: number, orderedQuantity = available, kind: 'order' | 'renewal' = 'order'): SubscriptionTransactionInput => ({
    date: orderDates.get(number)!,
    kind,
    availableDelta: available,
    orderedDelta: orderedQuantity,
    order: number,
  });
  const selfProvisioned = (offset: number, quantity: number, note: Bilingual): SubscriptionTransactionInput => ({
    date: day(offset),
    kind: 'self_provisioning',
    availableDelta: quantity,
    note,
  });

  const positions: LicensePositionInput[] = [];
  const position = (
    accountNumber: string,
    product: string,
    qualifiers: { edition?: LicensePositionInput['edition']; version?: string; resourceUsage?: LicensePositionInput['resourceUsage']; package?: string },
    transactions?: LicenseTransactionInput[],
    counts?: { licenseCount: number; saCount: number },
  ) => {
    positions.push({
      account: accountNumber,
      product,
      ...qualifiers,
      licenseCount: counts?.licenseCount ?? (transactions ?? []).reduce((sum, t) => sum + (t.licenseDelta ?? 0), 0),
      saCount: counts?.saCount ?? (transactions ?? []).reduce((sum, t) => sum + (t.saDelta ?? 0), 0),
      ...(transactions ? { transactions } : {}),
    });
  };
  const subscriptions: SubscriptionInput[] = [];
  const subscription = (
    accountNumber: string,
    product: string,
    expiresIn: number,
    transactions: SubscriptionTransactionInput[],
    extra: { edition?: string; package?: string } = {},
  ) => {
    subscriptions.push({
      account: accountNumber,
      product,
      ...extra,
      available: transactions.reduce((sum, t) => sum + (t.availableDelta ?? 0), 0),
      ordered: transactions.reduce((sum, t) => sum + (t.orderedDelta ?? 0), 0),
      nextExpiration: day(expiresIn),
      transactions,
    });
  };
  const proPlus = (version: string) => ({ edition: PRO_PLUS, version, resourceUsage: PER_DEVICE });
  const cals = (accountNumber: string, pkg: 'CORECAL' | 'ECAL', quantity: number) => {
    const products = pkg === 'CORECAL' ? ['WINSRV-CAL', 'EXCH-CAL-STD', 'SP-CAL-STD'] : ['WINSRV-CAL', 'EXCH-CAL-STD', 'EXCH-CAL-ENT', 'SP-CAL-STD', 'SP-CAL-ENT'];
    for (const product of products) position(accountNumber, product, { resourceUsage: PER_USER, package: pkg }, [opening(quantity, quantity)]);
  };

  // Contoso Siège — one account.
  position(A.contoso, 'OFFICE-PROPLUS', proPlus('2019'), [opening(40, 0, openedContoso), ordered('8800102', 0, 40, 'renewal')]);
  position(A.contoso, 'WINSRV', { edition: 'Standard', version: '2022', resourceUsage: PER_CORE }, [opening(32, 32, openedContoso)]);
  subscription(A.contoso, 'O365-E3', 45, [subOrdered('8800101', 60), selfProvisioned(-15, 5, { fr: 'Activé par le client\u00a0: nouvelle équipe de Lévis', en: 'Activated by the customer: new team in Lévis' })]);

  // Fabrikam Montréal – Siège: the richest account.
  position(A.montrealHq, 'OFFICE-PROPLUS', proPlus('2016'), [opening(120)]);
  position(A.montrealHq, 'OFFICE-PROPLUS', proPlus('2021'), [opening(80, 80), ordered('8800201', 40, 40)]);
  position(A.montrealHq, 'OFFICE-PROPLUS', proPlus('LTSC 2024'), [ordered('8800208', 25, 25)]);
  position(A.montrealHq, 'WINSRV', { edition: 'Datacenter', version: '2022', resourceUsage: PER_CORE }, [opening(48, 48), ordered('8800202', 16, 16)]);
  position(A.montrealHq, 'WINSRV', { edition: 'Standard', version: '2019', resourceUsage: PER_CORE }, [
    opening(64),
    { date: day(-100), kind: 'adjustment', licenseDelta: -8, note: { fr: 'Serveurs de test retirés du décompte', en: 'Test servers removed from the count' } },
  ]);
  position(A.montrealHq, 'SQLSRV', { edition: 'Enterprise', version: '2022', resourceUsage: PER_CORE }, [opening(16, 16)]);
  cals(A.montrealHq, 'CORECAL', 250);
  position(A.montrealHq, 'WINSRV-CAL', { resourceUsage: PER_USER }, [opening(40), { date: day(-180), kind: 'order', licenseDelta: 15, note: { fr: 'Commande antérieure au portail', en: 'Order placed before the portal' } }]);
  position(A.montrealHq, 'VS-ENT', { edition: 'Enterprise', resourceUsage: PER_USER }, [opening(10, 10), ordered('8800207', 5, 5)]);
  position(A.montrealHq, 'AZURE-EA', { edition: 'Enterprise Agreement', resourceUsage: PER_SUBSCRIPTION }, [opening(3)]);
  subscription(A.montrealHq, 'O365-E3', 12, [
    subOpening(300, day(-700)),
    subOrdered('8800204', 20, 20, 'renewal'),
    selfProvisioned(-20, 12, { fr: 'Activé par le client pour les stagiaires', en: 'Activated by the customer for the interns' }),
  ]);
  subscription(A.montrealHq, 'O365-E5', 200, [subOrdered('8800205', 25)]);
  subscription(A.montrealHq, 'D365-SALES', 60, [subOrdered('8800206', 30), selfProvisioned(-35, 4, { fr: 'Équipe commerciale Ottawa', en: 'Ottawa sales team' })], { edition: 'Enterprise' });

  // Fabrikam Montréal – R&D: developer subscriptions and Azure.
  position(A.montrealRnd, 'VS-PRO', { edition: 'Professional', resourceUsage: PER_USER }, [opening(40, 40), { date: day(-45), kind: 'order', licenseDelta: 10, saDelta: 10 }]);
  position(A.montrealRnd, 'VS-ENT', { edition: 'Enterprise', resourceUsage: PER_USER }, [opening(12, 12)]);
  position(A.montrealRnd, 'AZURE-EA', { edition: 'Enterprise Agreement', resourceUsage: PER_SUBSCRIPTION }, [opening(2)]);
  position(A.montrealRnd, 'SQLSRV', { edition: 'Standard', version: '2019', resourceUsage: PER_CORE }, [opening(8, 8)]);
  position(A.montrealRnd, 'SQLSRV', { edition: 'Standard', version: '2022', resourceUsage: PER_SERVER }, [opening(4, 4)]);
  position(A.montrealRnd, 'SQL-CAL', { version: '2022', resourceUsage: PER_USER }, [opening(60, 60)]);
  subscription(A.montrealRnd, 'O365-E5', 0, [subOrdered('8800210', 45)]);

  // Fabrikam Lyon.
  position(A.lyon, 'OFFICE-PROPLUS', proPlus('2013'), [opening(30)]);
  position(A.lyon, 'OFFICE-PROPLUS', proPlus('2019'), [opening(40, 40), ordered('8800211', 20, 20)]);
  position(A.lyon, 'OFFICE-STD', { edition: 'Standard', version: '2019', resourceUsage: PER_DEVICE }, [opening(15)]);
  cals(A.lyon, 'ECAL', 150);
  position(A.lyon, 'EXCH-CAL-STD', { resourceUsage: PER_DEVICE }, [opening(20)]);
  subscription(A.lyon, 'O365-E1', -5, [subOpening(80, day(-400)), selfProvisioned(-50, 6, { fr: 'Activé par le client\u00a0: atelier de prototypage', en: 'Activated by the customer: prototyping workshop' })]);
  // Ordered but not yet all provisioned: available < ordered.
  subscription(A.lyon, 'O365-E3', 31, [subOpening(30, day(-400)), subOrdered('8800213', 5, 10)]);

  // Fabrikam Lyon – Usine (partner of record Adatum).
  position(A.lyonPlant, 'WINSRV', { edition: 'Standard', version: '2022', resourceUsage: PER_CORE }, [opening(48, 48), ordered('8800214', 16, 16)]);
  position(A.lyonPlant, 'WINSRV-CAL', { resourceUsage: PER_DEVICE }, [opening(120, 120)]);
  position(A.lyonPlant, 'SQLSRV', { edition: 'Standard', version: '2019', resourceUsage: PER_CORE }, [opening(8)]);
  subscription(A.lyonPlant, 'O365-E1', 30, [subOpening(150, day(-400)), selfProvisioned(-12, 8, { fr: 'Postes partagés de la ligne 3', en: 'Shared workstations of line 3' })]);
  subscription(A.lyonPlant, 'EXO-P1', 91, [subOpening(25, day(-400))]);

  // Fabrikam Genève: online services through the Microsoft 365 E3 package.
  position(A.geneva, 'OFFICE-PROPLUS', proPlus('2021'), [opening(45, 45)]);
  position(A.geneva, 'WINSRV', { edition: 'Datacenter', version: '2025', resourceUsage: PER_CORE }, [ordered('8800216', 32, 32)]);
  subscription(A.geneva, 'O365-E3', 90, [subOrdered('8800217', 70)], { package: 'M365-E3' });
  subscription(A.geneva, 'EMS-E3', 90, [subOrdered('8800217', 70), selfProvisioned(-28, 3, { fr: 'Activé par le client', en: 'Activated by the customer' })], { package: 'M365-E3' });
  subscription(A.geneva, 'D365-CS', 120, [subOpening(12, day(-500))], { edition: 'Enterprise' });

  // Fabrikam Genève – Ventes (partner of record Adatum).
  cals(A.genevaSales, 'CORECAL', 30);
  subscription(A.genevaSales, 'D365-SALES', 200, [subOpening(20, day(-500)), subOrdered('8800218', 5), selfProvisioned(-7, 2, { fr: 'Deux commerciaux saisonniers', en: 'Two seasonal salespeople' })], {
    edition: 'Enterprise',
  });
  subscription(A.genevaSales, 'O365-E3', 60, [subOpening(30, day(-500))]);

  // Fabrikam Besançon – Atelier: imported counts without history (the importer writes opening balances); no benefits.
  position(A.besancon, 'WINSRV', { edition: 'Standard', version: '2019', resourceUsage: PER_CORE }, undefined, { licenseCount: 16, saCount: 0 });
  position(A.besancon, 'OFFICE-STD', { edition: 'Standard', version: '2016', resourceUsage: PER_DEVICE }, undefined, { licenseCount: 10, saCount: 0 });

  // ─ Software Assurance benefits (none for Lyon – Usine and Besançon).
  const PLANNING = { fr: 'Jours de planification du déploiement', en: 'Deployment planning days' };
  const TRAINING = { fr: 'Formation', en: 'Training' };
  const HOME_USE = { fr: "Droits d'utilisation à domicile", en: 'Home Use Rights' };
  const SUPPORT = { fr: 'Incidents de support 24 h/24, 7 j/7', en: '24x7 support incidents' };
  const benefit = (accountNumber: string, name: Bilingual, entitled: number, used: number, expiresIn: number): BenefitInput => ({
    account: accountNumber,
    benefit: name,
    entitled,
    used,
    expires: day(expiresIn),
  });
  const benefits: BenefitInput[] = [
    benefit(A.contoso, PLANNING, 10, 3, 200),
    benefit(A.contoso, TRAINING, 6, 6, 20),
    benefit(A.montrealHq, PLANNING, 20, 5, 150),
    benefit(A.montrealHq, TRAINING, 30, 12, 60),
    benefit(A.montrealHq, HOME_USE, 120, 45, 300),
    benefit(A.montrealHq, SUPPORT, 8, 8, -10),
    benefit(A.montrealHq, SUPPORT, 8, 1, 355),
    benefit(A.montrealRnd, TRAINING, 10, 2, 90),
    benefit(A.lyon, PLANNING, 15, 15, 90),
    benefit(A.lyon, TRAINING, 12, 4, 25),
    benefit(A.lyon, HOME_USE, 60, 10, 365),
    benefit(A.geneva, PLANNING, 8, 0, 45),
    benefit(A.genevaSales, TRAINING, 4, 1, 180),
  ];

  // ─ Users
  const fabrikamAdmin = [{ role: 'customer_admin' as const, customer: DEMO_CUSTOMERS.fabrikam }];
  const lyonViewer = [{ role: 'account_viewer' as const, customer: DEMO_CUSTOMERS.fabrikam, accounts: [A.lyon, A.lyonPlant] }];
  const northwind = [{ role: 'partner_user' as const, partner: DEMO_PARTNERS.northwind }];
  const person = (email: string, name: string, locale: 'fr' | 'en', grants: UserInput['grants']): UserInput => ({
    email,
    name,
    locale,
    password: DEMO_PASSWORD,
    grants,
  });
  const users: UserInput[] = [
    person('camille.martin@fabrikam.example', 'Camille Martin', 'fr', fabrikamAdmin),
    person('jordan.lee@fabrikam.example', 'Jordan Lee', 'en', fabrikamAdmin),
    person('lucie.bernard@fabrikam.example', 'Lucie Bernard', 'fr', lyonViewer),
    person('sam.taylor@fabrikam.example', 'Sam Taylor', 'en', lyonViewer),
    person('paul.roy@contoso.example', 'Paul Roy', 'fr', [{ role: 'customer_admin', customer: DEMO_CUSTOMERS.contoso }]),
    person('mathieu.gagnon@northwind.example', 'Mathieu Gagnon', 'fr', northwind),
    person('emma.wilson@northwind.example', 'Emma Wilson', 'en', northwind),
    // The second partner's user: the isolation tests need a partner on each side (tests/e2e/isolation.spec.ts).
    person('nadia.roux@adatum.example', 'Nadia Roux', 'fr', [{ role: 'partner_user', partner: DEMO_PARTNERS.adatum }]),
    person(DEMO_LOCKOUT_EMAIL, 'Test Verrouillage', 'fr', [{ role: 'account_viewer', customer: DEMO_CUSTOMERS.fabrikam, accounts: [A.lyon] }]),
  ];

  return {
    version: 1,
    partners: [
      { code: 'NWP', name: 'Northwind Partenaires', contactEmail: 'licences@northwind.example', contactPhone: '+1 514 555 0142' },
      { code: 'ADS', name: 'Adatum Solutions', contactEmail: 'commandes@adatum.example', contactPhone: '+33 4 72 55 01 23' },
    ],
    customers: [
      { number: DEMO_CUSTOMERS.contoso, legalName: 'Contoso Ltée' },
      { number: DEMO_CUSTOMERS.fabrikam, legalName: 'Fabrikam Industries SA' },
    ],
    agreements: [
      { number: '7600101', customer: DEMO_CUSTOMERS.contoso, name: 'Contrat Entreprise', startsOn: openedContoso, endsOn: day(195) },
      { number: '7600201', customer: DEMO_CUSTOMERS.fabrikam, name: 'Contrat Entreprise', startsOn: opened, endsOn: day(95) },
      { number: '7600202', customer: DEMO_CUSTOMERS.fabrikam, name: 'Contrat Select Plus', startsOn: opened },
    ],
    productFamilies: PRODUCT_FAMILIES,
    products: PRODUCTS,
    packages: PACKAGES,
    purchaseAccounts: ACCOUNTS.map((a) => ({
      number: a.number,
      name: a.name,
      city: a.place.city,
      country: a.place.country,
      customer: a.customer,
      agreement: a.agreement,
      partner: a.partner,
    })),
    orders: orders.sort((a, b) => a.number.localeCompare(b.number)),
    licensePositions: positions,
    subscriptions,
    benefits,
    users,
  };
}
