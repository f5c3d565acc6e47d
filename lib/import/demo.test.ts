import { describe, expect, it } from 'vitest';
import { daysBetween } from '@/lib/clock';
import { importDocument } from '@/lib/import/apply';
import { validateImport } from '@/lib/import/validate';
import { ledgerDiscrepancies } from '@/lib/inventory/ledger';
import { createTestDb } from '@/tests/helpers/db';
import { fastPasswordHash } from '@/tests/helpers/fixtures';
import { buildDemoDocument, DEMO_ACCOUNTS, DEMO_LOCKOUT_EMAIL, DEMO_PASSWORD, DEMO_SIGN_INS } from './demo';

const TODAY = '2026-11-24';
const doc = buildDemoDocument(TODAY);

describe('buildDemoDocument', () => {
  it('speaks both languages: the names that differ in English carry both forms, every benefit and remark too', () => {
    const english = (name: unknown) => (typeof name === 'string' ? name : (name as { en?: string }).en);
    const family = (code: string) => doc.productFamilies!.find((f) => f.code === code)!.name;
    const product = (code: string) => doc.products!.find((p) => p.code === code)!.name;
    expect(english(family('CAL'))).toBe('Client Access Licenses');
    expect(english(product('OFFICE-PROPLUS'))).toBe('Office Professional Plus');
    expect(english(product('VS-PRO'))).toBe('Visual Studio Professional with MSDN');
    expect(new Set(doc.benefits!.map((b) => english(b.benefit)))).toEqual(new Set(['Deployment planning days', 'Training', 'Home Use Rights', '24x7 support incidents']));
    const notes = [...doc.licensePositions!, ...doc.subscriptions!].flatMap((line) => (line.transactions ?? []).map((t) => t.note)).filter((note) => note !== undefined);
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(typeof note === 'object' && note.fr && note.en, JSON.stringify(note)).toBeTruthy();
    // Resource usage as the vocabulary's codes; editions that differ in English carry both forms.
    expect(new Set(doc.licensePositions!.map((p) => p.resourceUsage))).toEqual(new Set(['per_device', 'per_core', 'per_user', 'per_server', 'per_subscription']));
    expect(doc.licensePositions!.filter((p) => p.product === 'OFFICE-PROPLUS').every((p) => english(p.edition) === 'Professional Plus')).toBe(true);
  });

  it('writes its French as the catalogue does: a non-breaking space before : ; ? ! and inside « »', () => {
    // Every text of the document but its English forms (keys, codes and addresses have none of these signs).
    const french = (value: unknown, key = ''): string[] => {
      if (typeof value === 'string') return key === 'en' ? [] : [value];
      if (typeof value !== 'object' || value === null) return [];
      return Object.entries(value).flatMap(([child, inner]) => french(inner, Array.isArray(value) ? key : child));
    };
    const texts = french(doc);
    expect(texts.some((text) => text.includes('Activé par le client\u00a0: '))).toBe(true);
    expect(texts.filter((text) => /(?: [:;?!»])|(?:« )/.test(text))).toEqual([]);
  });

  it('is deterministic and relative to today', () => {
    expect(buildDemoDocument(TODAY)).toEqual(doc);
    const later = buildDemoDocument('2027-03-01');
    expect(later.subscriptions!.map((s) => daysBetween('2027-03-01', s.nextExpiration))).toEqual(
      doc.subscriptions!.map((s) => daysBetween(TODAY, s.nextExpiration)),
    );
  });

  it('imports into an empty database, and again the same day without any change', async () => {
    const db = createTestDb();
    expect(validateImport(db, doc).problems).toEqual([]);
    const summary = await importDocument(db, doc, { passwordHasher: fastPasswordHash, today: TODAY });
    expect(summary.purchaseAccounts.created).toBe(8);
    expect(ledgerDiscrepancies(db)).toEqual([]);
    const dump = () => db.$client.prepare('select * from inventory_lines order by id').all().concat(db.$client.prepare('select * from inventory_transactions order by id').all());
    const before = dump();
    const again = await importDocument(db, buildDemoDocument(TODAY), { passwordHasher: fastPasswordHash, today: TODAY });
    expect(again.transactions).toEqual({ created: 0, deleted: 0 });
    expect(again.licensePositions).toMatchObject({ created: 0, updated: 0 });
    expect(dump()).toEqual(before);
    // Seeded again on a later day (npm run db:seed -- --reset): the histories move with the dates.
    const moved = await importDocument(db, buildDemoDocument('2027-01-10'), { prune: true, passwordHasher: fastPasswordHash, today: '2027-01-10' });
    expect(moved.purchaseAccounts.deleted).toBe(0);
    expect(ledgerDiscrepancies(db)).toEqual([]);
  });

  it('has online services expiring at every threshold: past, 0–30, 31–90 and later', () => {
    const offsets = doc.subscriptions!.map((s) => daysBetween(TODAY, s.nextExpiration));
    expect(offsets).toEqual(expect.arrayContaining([-5, 0, 12, 30, 31, 60, 90, 91, 200]));
  });

  it('has self-provisioned gaps (available > ordered) and one subscription ordered but not yet provisioned', () => {
    expect(doc.subscriptions!.filter((s) => s.available > s.ordered).length).toBeGreaterThanOrEqual(4);
    expect(doc.subscriptions!.filter((s) => s.available < s.ordered)).toHaveLength(1);
    const selfProvisioning = doc.subscriptions!.flatMap((s) => s.transactions ?? []).filter((t) => t.kind === 'self_provisioning');
    expect(selfProvisioning.length).toBeGreaterThanOrEqual(4);
    expect(selfProvisioning.every((t) => (t.orderedDelta ?? 0) === 0 && (t.availableDelta ?? 0) > 0)).toBe(true);
  });

  it('has 12 to 20 orders in the past year, completed ones referred to by transactions', () => {
    const orders = doc.orders!;
    expect(orders.length).toBeGreaterThanOrEqual(12);
    expect(orders.length).toBeLessThanOrEqual(20);
    for (const order of orders) {
      expect(daysBetween(order.date, TODAY)).toBeGreaterThan(0);
      expect(daysBetween(order.date, TODAY)).toBeLessThanOrEqual(365);
    }
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(['submitted', 'processing', 'completed', 'cancelled']));
    const referred = new Set(
      [...doc.licensePositions!.flatMap((p) => p.transactions ?? []), ...doc.subscriptions!.flatMap((s) => s.transactions ?? [])].map((t) => t.order),
    );
    for (const order of orders.filter((o) => o.status === 'completed')) expect(referred).toContain(order.number);
  });

  it('holds products both through packages and separately, and has accounts without benefits', () => {
    const viaPackage = doc.licensePositions!.filter((p) => p.package);
    const separately = doc.licensePositions!.filter((p) => !p.package);
    expect(viaPackage.some((p) => separately.some((s) => s.account === p.account && s.product === p.product))).toBe(true);
    const withBenefits = new Set(doc.benefits!.map((b) => b.account));
    expect(withBenefits.has(DEMO_ACCOUNTS.lyonPlant)).toBe(false);
    expect(withBenefits.has(DEMO_ACCOUNTS.lyon)).toBe(true);
  });

  it('lets partner scoping show: Northwind serves both customers, Adatum some Fabrikam accounts', () => {
    const accounts = doc.purchaseAccounts!;
    expect(new Set(accounts.filter((a) => a.partner === 'NWP').map((a) => a.customer))).toEqual(new Set(['1000101', '1000201']));
    expect(accounts.filter((a) => a.partner === 'ADS').map((a) => a.number)).toEqual([DEMO_ACCOUNTS.lyonPlant, DEMO_ACCOUNTS.genevaSales]);
    expect(accounts.filter((a) => a.customer === '1000101')).toHaveLength(1);
  });

  it('has a user of every role in both languages, all with the demo password', () => {
    const users = doc.users!;
    for (const signIn of DEMO_SIGN_INS) {
      const user = users.find((u) => u.email === signIn.email)!;
      expect(user).toBeDefined();
      expect(user.locale).toBe(signIn.locale);
      expect(user.grants.map((g) => g.role)).toEqual([signIn.role]);
    }
    for (const role of ['customer_admin', 'account_viewer', 'partner_user'] as const) {
      expect(new Set(DEMO_SIGN_INS.filter((s) => s.role === role).map((s) => s.locale))).toEqual(new Set(['fr', 'en']));
    }
    expect(users.every((u) => u.password === DEMO_PASSWORD)).toBe(true);
    expect(users.find((u) => u.email === DEMO_LOCKOUT_EMAIL)?.grants).toEqual([
      { role: 'account_viewer', customer: '1000201', accounts: [DEMO_ACCOUNTS.lyon] },
    ]);
    expect(users.find((u) => u.email === 'lucie.bernard@fabrikam.example')?.grants).toEqual([
      { role: 'account_viewer', customer: '1000201', accounts: ['5100203', '5100204'] },
    ]);
  });
});
