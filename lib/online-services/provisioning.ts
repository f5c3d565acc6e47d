/**
 * Configurer des services en ligne: a customer
 * administrator switches an online service on (self-provisioning) or reduces
 * what they switched on, and the partner is left to order it.
 *
 * Both writes go through the ledger (lib/inventory/ledger.ts) as dated
 * `self_provisioning` transactions: the available count moves, the ordered
 * count never does, and the author is recorded. Each runs in one immediate
 * SQLite transaction together with its idempotency key, so a form posted
 * twice (double click, reload, back and resubmit) is applied once: the
 * second post finds the key and is sent where the first one led.
 *
 * No Next.js here: the server actions (./actions.ts) ask for the viewer and
 * turn the outcomes into pages; tests call these functions directly.
 */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { inventoryLines, products, purchaseAccounts } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { accountScope, isCustomerAdmin, type CustomerAdminViewer, type Viewer } from '@/lib/auth/scope';
import { wholeNumber, wholeNumberField } from '@/lib/forms/numbers';
import { applyOnce, idempotencyKeySchema } from '@/lib/forms/once';
import { addDays } from '@/lib/clock';
import { createLedgerWriter, recordTransaction } from '@/lib/inventory/ledger';
import { foldForSearch } from '@/lib/search/normalize';
import { statement } from '@/db/statements';
import { lockRow, lockUntilCommit } from '@/db/locks';

/** The most subscriptions one self-provisioning may switch on. */
export const MAX_SELF_PROVISIONED_QUANTITY = 100_000;

/**
 * A subscription line that self-provisioning creates (the account had none
 * for that service) expires this many days later unless the partner orders
 * it: the trial period of the publisher's online services, after which the
 * service is interrupted (docs/self-provisioning.md). A line that exists
 * keeps its own expiration date.
 */
export const SELF_PROVISIONED_TERM_DAYS = 30;

/** Whether a viewer may set up, reduce or switch off online services: a customer administrator only (never an account viewer or a partner user). */
export function maySetUpOnlineServices(viewer: Viewer): viewer is CustomerAdminViewer {
  return isCustomerAdmin(viewer);
}

/** The available quantity typed in the reduction form. */
const typedQuantity = wholeNumber('quantityWhole');

/** What the set-up form sends; the messages are catalogue keys of onlineServices.setup.errors. */
export const setUpFormSchema = z.object({
  key: idempotencyKeySchema,
  product: z.string().trim().min(1, 'productRequired').max(64, 'productUnknown'),
  account: z.string().trim().min(1, 'accountRequired').max(64, 'accountUnknown'),
  quantity: wholeNumberField({ required: 'quantityRequired', whole: 'quantityWhole', range: 'quantityRange' }, MAX_SELF_PROVISIONED_QUANTITY),
});
export type SetUpForm = z.infer<typeof setUpFormSchema>;

/** What the reduction form sends: the new available quantity (`switch-off`: back to what is ordered). */
export const reduceFormSchema = z.object({
  key: idempotencyKeySchema,
  line: z.coerce.number().int().positive().max(2 ** 31),
  intent: z.enum(['reduce', 'switch-off']).default('reduce'),
  available: z.string().trim().max(20).optional(),
  /** Set by the confirmation step of a switch-off. */
  confirmed: z.literal('1').optional(),
});
export type ReduceForm = z.infer<typeof reduceFormSchema>;

export type WriteOutcome =
  /** Recorded now: the self_provisioning transaction and its line. */
  | { kind: 'recorded'; transactionId: number; lineId: number }
  /** The key was used before by this person: where the first submission led. */
  | { kind: 'repeat'; result: string }
  /** Not the viewer's (account, line, key of someone else) or not allowed: the caller answers 404. */
  | { kind: 'not-found' }
  /** A field the person must correct (catalogue key of the message, and values for it). */
  | { kind: 'invalid'; field: string; message: string; values?: Record<string, number> };

interface WriteOptions {
  /** YYYY-MM-DD: the date of the transaction. */
  today: string;
  now?: () => number;
  /** Where the result is shown, stored with the key so that a repeat is sent there too. */
  resultPath: (outcome: { transactionId: number; lineId: number }) => string;
  /** The client address, for the audit log. */
  address?: string;
}

/**
 * Runs a write once per key (lib/forms/once.ts) and files it in the audit
 * log, in the same transaction.
 */
async function once(db: Db, viewer: CustomerAdminViewer, key: string, options: WriteOptions, write: (tx: Db) => Promise<WriteOutcome>): Promise<WriteOutcome> {
  const now = options.now ?? Date.now;
  // Inside applyOnce's transaction: every statement goes through its handle.
  const audited = async (db: Db): Promise<WriteOutcome> => {
    const outcome = await write(db);
    if (outcome.kind === 'recorded') {
      const change = (await statement<{ delta: number; account: string; product: string }>(db, 
        `select t.available_delta as delta, a.number as account, p.code as product
           from inventory_transactions t join inventory_lines l on l.id = t.line_id
           join purchase_accounts a on a.id = l.purchase_account_id join products p on p.id = l.product_id where t.id = ?`,
      ).get(outcome.transactionId))!;
      await recordAudit(db, {
        action: change.delta > 0 ? 'self_provisioning' : 'self_provisioning_reduced',
        userId: viewer.userId,
        entity: 'inventory_line',
        entityId: String(outcome.lineId),
        details: { account: change.account, product: change.product, change: change.delta },
        customerId: viewer.customer.id,
        address: options.address ?? null,
        at: now(),
      });
    }
    return outcome;
  };
  return (await applyOnce(db, viewer.userId, key, audited, (outcome) => (outcome.kind === 'recorded' ? options.resultPath(outcome) : null), now));
}

/**
 * Switches on `quantity` subscriptions of an online service on one of the
 * viewer's purchase accounts: the available count of the account's
 * subscription line rises (the line is created when the account has none),
 * its ordered count does not.
 */
export async function setUpOnlineService(db: Db, viewer: Viewer, form: SetUpForm, options: WriteOptions): Promise<WriteOutcome> {
  if (!maySetUpOnlineServices(viewer)) return { kind: 'not-found' };
  return (await once(db, viewer, form.key, options, async (db) => {
    const account = (await db
      .select({ id: purchaseAccounts.id })
      .from(purchaseAccounts)
      .where(and(accountScope(viewer), eq(purchaseAccounts.number, form.account)))
      .limit(1))[0];
    // An account outside the grants is not found, exactly as one that does not exist.
    if (!account) return { kind: 'not-found' };
    const product = (await db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.code, form.product), eq(products.kind, 'online_service')))
      .limit(1))[0];
    if (!product) return { kind: 'invalid', field: 'product', message: 'productUnknown' };

    // One customer's inventory is written by one transaction at a time (taken first: no circle of waits), and the
    // line is looked for and created by one writer at a time (an order may create it too).
    await lockRow(db, 'customers', viewer.customer.id);
    await lockUntilCommit(db, 'account-product-lines', [account.id, product.id]);
    const existing = (await db
      .select({ id: inventoryLines.id })
      .from(inventoryLines)
      .where(and(eq(inventoryLines.purchaseAccountId, account.id), eq(inventoryLines.productId, product.id), eq(inventoryLines.kind, 'subscription')))
      .limit(1))[0];
    // A new line starts at zero: its counts come from the transaction recorded just after, like every line's.
    const lineId =
      existing?.id ??
      (await createLedgerWriter(db, { now: options.now }).insertLine(
        {
          kind: 'subscription',
          purchaseAccountId: account.id,
          productId: product.id,
          edition: '',
          version: '',
          resourceUsage: '',
          packageId: null,
          nextExpiration: addDays(options.today, SELF_PROVISIONED_TERM_DAYS),
          search: foldForSearch(''),
        },
        [],
      ));
    const recorded = (await recordTransaction(
      db,
      { lineId, occurredOn: options.today, kind: 'self_provisioning', availableDelta: form.quantity, authorUserId: viewer.userId },
      { now: options.now },
    ));
    return { kind: 'recorded', transactionId: recorded.transactionId, lineId };
  }));
}

/** A line the viewer may reduce: one of their online service subscriptions. */
async function reducibleLine(db: Db, viewer: Viewer, lineId: number) {
  return (await db
    .select({ id: inventoryLines.id, available: inventoryLines.availableCount, ordered: inventoryLines.orderedCount })
    .from(inventoryLines)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
    .where(and(accountScope(viewer), eq(inventoryLines.id, lineId), eq(inventoryLines.kind, 'subscription')))
    .limit(1))[0];
}

/**
 * Reduces what was self-provisioned on a subscription line, or switches it
 * off (back to the ordered count): never below what the partner ordered, and
 * only downwards (switching on more is setUpOnlineService()).
 */
export async function reduceSelfProvisioning(db: Db, viewer: Viewer, form: ReduceForm, options: WriteOptions): Promise<WriteOutcome> {
  if (!maySetUpOnlineServices(viewer)) return { kind: 'not-found' };
  return (await once(db, viewer, form.key, options, async (db): Promise<WriteOutcome> => {
    // The counts the reduction is computed from cannot change before it is recorded (two reductions take turns).
    await lockRow(db, 'customers', viewer.customer.id);
    await lockRow(db, 'inventory_lines', form.line);
    const line = (await reducibleLine(db, viewer, form.line));
    if (!line) return { kind: 'not-found' };
    if (line.available <= line.ordered) return { kind: 'invalid', field: 'available', message: 'nothingToReduce', values: { ordered: line.ordered } };
    let target: number;
    if (form.intent === 'switch-off') target = line.ordered;
    else {
      const parsed = typedQuantity.safeParse(form.available ?? '');
      if (!form.available?.trim()) return { kind: 'invalid', field: 'available', message: 'quantityRequired' };
      if (!parsed.success) return { kind: 'invalid', field: 'available', message: 'quantityWhole' };
      target = parsed.data;
    }
    if (target < line.ordered) return { kind: 'invalid', field: 'available', message: 'belowOrdered', values: { ordered: line.ordered } };
    if (target >= line.available) return { kind: 'invalid', field: 'available', message: 'notAReduction', values: { available: line.available } };
    const recorded = (await recordTransaction(
      db,
      { lineId: line.id, occurredOn: options.today, kind: 'self_provisioning', availableDelta: target - line.available, authorUserId: viewer.userId },
      { now: options.now },
    ));
    return { kind: 'recorded', transactionId: recorded.transactionId, lineId: line.id };
  }));
}
