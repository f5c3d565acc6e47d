/**
 * Bad input at the parsers (a malformed value falls back to its default,
 * never an exception), property-based and
 * bounded (fast-check, at most 50 runs per property, a time limit): every
 * page's search-parameter parser and the import validator take anything a
 * person or a file can send — any text, repeated parameters, unknown keys,
 * wrong JSON types — and answer with defaults or problems, never an
 * exception. The same over HTTP, against the server: tests/e2e/bad-input.spec.ts.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { parseBenefitsParams } from '@/lib/inventory/benefits';
import { inventoryParamsSchema, parseInventoryParams } from '@/lib/inventory/view';
import { validateImport } from '@/lib/import/validate';
import { activityParamsSchema } from '@/lib/audit/queries';
import { setUpFormSchema } from '@/lib/online-services/provisioning';
import { ordersParamsSchema, parseOrdersParams } from '@/lib/orders/params';
import { parseReportParams, reportParamsSchema } from '@/lib/reports/queries';
import { isCalendarDate } from '@/lib/calendar-date';
import { addDays } from '@/lib/clock';
import { formatDate } from '@/lib/i18n/format';
import { resolveAccountSelection } from '@/lib/accounts/queries';
import { authorizeCredentials } from '@/lib/auth/sign-in';
import { requestPasswordReset } from '@/lib/people/reset';
import { createTestDb } from '@/tests/helpers/db';
import { FIXTURE_USERS as U, fixtureDocument, loadFixtures } from '@/tests/helpers/fixtures';
import { viewerOf } from '@/tests/helpers/viewers';

const RUNS = { numRuns: 50, interruptAfterTimeLimit: 10_000 };

/** Texts people and attackers send: anything, markup, very long, odd Unicode. */
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR 1=1 --", '../../etc/passwd', '\u0000', '\uFFFF\uD800', 'NaN', '-1', '1e309', '0x10', ' '),
  fc.string({ minLength: 500, maxLength: 5000 }),
  dateLike(),
);

/** Texts shaped like dates, most of them not real days (`2026-13-01`, `0000-00-00`, `2025-02-29`). */
function dateLike() {
  return fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([year, month, day]) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

/** A kept date is a real day, and what the pages do with one (the day after, formatting) works. */
function expectUsableDate(date: string | undefined) {
  if (date === undefined) return;
  expect(isCalendarDate(date), date).toBe(true);
  expect(() => formatDate('fr', addDays(date, 1))).not.toThrow();
}
const value = fc.oneof(text, fc.array(text, { maxLength: 4 }));

function rawParams(keys: string[]) {
  return fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 10 })), value, { maxKeys: 8 });
}

describe('search parameters never throw', () => {
  it('inventory (and orders, which uses a part of it)', () => {
    fc.assert(
      fc.property(rawParams(Object.keys(inventoryParamsSchema.shape)), (raw) => {
        const { params } = parseInventoryParams(raw);
        expect(Array.isArray(params.open)).toBe(true);
        if (params.q !== undefined) expect(params.q.length).toBeLessThanOrEqual(100);
      }),
      RUNS,
    );
  });

  it('orders search', () => {
    fc.assert(
      fc.property(rawParams(Object.keys(ordersParamsSchema.shape)), (raw) => {
        const { params } = parseOrdersParams(raw);
        for (const date of [params.from, params.to]) expectUsableDate(date);
        if (params.product !== undefined) expect(params.product.length).toBeLessThanOrEqual(100);
      }),
      RUNS,
    );
  });

  it('activity', () => {
    fc.assert(
      fc.property(rawParams(Object.keys(activityParamsSchema.shape)), (raw) => {
        const params = activityParamsSchema.parse(raw);
        for (const date of [params.from, params.to]) expectUsableDate(date);
      }),
      RUNS,
    );
  });

  it('dates: the one parser of every date parameter keeps real days only', () => {
    fc.assert(
      fc.property(fc.oneof(dateLike(), text), (date) => {
        for (const params of [activityParamsSchema.parse({ from: date, to: date }), parseOrdersParams({ from: date, to: date }).params]) {
          for (const kept of [params.from, params.to]) expectUsableDate(kept);
          if (!isCalendarDate(date)) expect([params.from, params.to]).toEqual([undefined, undefined]);
        }
      }),
      { ...RUNS, examples: [['2026-13-01'], ['0000-00-00'], ['2025-02-29']] },
    );
  });

  it('set-up form: anything typed is a message beside its field, never a throw', () => {
    fc.assert(
      fc.property(fc.record({ key: text, product: text, account: text, quantity: text }), (form) => {
        const parsed = setUpFormSchema.safeParse(form);
        if (parsed.success) expect(parsed.data.quantity).toBeGreaterThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('benefits', () => {
    fc.assert(fc.property(rawParams(['customer', 'account']), (raw) => void parseBenefitsParams(raw)), RUNS);
  });

  it('reports', () => {
    fc.assert(
      fc.property(rawParams(Object.keys(reportParamsSchema.shape)), (raw) => {
        const { params: { page, ...params } } = parseReportParams(raw);
        for (const kept of Object.values(params)) if (kept !== undefined) expect(typeof kept).toBe('string');
        // The page, when kept, is a whole number in range.
        if (page !== undefined) expect(Number.isInteger(page) && page >= 1 && page <= 100_000).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('import fields never throw, and every problem has a JSON path', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });

  const json = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), text, { maxKeys: 3 }));

  it('any field of any entry set to any JSON value', async () => {
    const doc = fixtureDocument() as unknown as Record<string, unknown>;
    const sections = Object.keys(doc).filter((key) => Array.isArray(doc[key]) && (doc[key] as unknown[]).length > 0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sections), fc.nat(), fc.string({ maxLength: 12 }), fc.boolean(), json, async (section, index, unknownField, knownField, replacement) => {
        const copy = structuredClone(doc);
        const entries = copy[section] as Record<string, unknown>[];
        const entry = entries[index % entries.length]!;
        const fields = Object.keys(entry);
        const field = knownField && fields.length > 0 ? fields[index % fields.length]! : unknownField;
        entry[field] = replacement;
        const result = (await validateImport(db, copy));
        for (const problem of result.problems) {
          expect(typeof problem.path).toBe('string');
          expect(problem.message.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('a document that is not a document at all', async () => {
    await fc.assert(fc.asyncProperty(json, async (input) => {
          expect((await validateImport(db, input)).problems.length).toBeGreaterThan(0);
        }), RUNS);
  });
});

describe('text a person types reaches the database as a parameter, never as a database error', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
    await loadFixtures(db);
  });

  // NUL first: SQLite's text holds it, PostgreSQL's cannot (db/postgres.ts binds it as U+FFFD).
  const examples: [string][] = [['\u0000'], ['60000\u000011'], ['admin@alpha.example\u0000'], ['\uFFFD']];

  it('an account number in the address: one of the viewer’s accounts, not found, or (none typed) the chooser', async () => {
    const viewer = await viewerOf(db, U.alphaAdmin);
    await fc.assert(
      fc.asyncProperty(text, async (typed) => {
        expect(['account', 'all', 'not-found', 'choose']).toContain((await resolveAccountSelection(db, viewer, typed)).kind);
      }),
      { ...RUNS, examples },
    );
  });

  it('an e-mail at sign-in and at "Mot de passe oublié ?": refused as incorrect, or recorded', async () => {
    const context = { db, address: '198.51.100.7', now: Date.now(), limits: { perAddress: 10_000, perAccount: 10_000 }, refusalDelayMs: 0 };
    await fc.assert(
      fc.asyncProperty(text, async (typed) => {
        const signIn = await authorizeCredentials({ email: typed, password: 'not the password' }, context).then(
          () => 'signed-in',
          (error: { code?: string }) => error.code,
        );
        expect(signIn).toBe('invalid');
        await requestPasswordReset(db, typed, { now: Date.now(), address: '198.51.100.7' });
      }),
      { ...RUNS, numRuns: 15, examples },
    );
  });
});
