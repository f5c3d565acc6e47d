/**
 * `npm run user:create -- --email EMAIL --customer NUMBER --role customer_admin [--name NAME] [--locale fr|en]`
 *
 * Creates the first administrator of a customer (or any user of it) without
 * a password, and prints an invitation link (valid 72 hours) — also queued in
 * the mail outbox with the new user, in one transaction, and sent at once by
 * the command through SMTP_URL or to OUTBOX_DIR (if that fails, the server's
 * outbox worker retries it). APP_URL must be set: the link
 * points at the portal. Exit codes: 0 created; 1 refused (the reason is
 * printed); 2 wrong command line.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { database } from '@/db/client';
import { customers, grants, mailOutbox, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { env } from '@/lib/env';
import { deliverMail } from '@/lib/mail/outbox';
import { configuredTransport } from '@/lib/notices/mailer';
import { queueInvitation } from '@/lib/people/manage';
import { foldForSearch } from '@/lib/search/normalize';
import { withTransaction } from '@/db/transaction';

const USAGE = 'usage: npm run user:create -- --email EMAIL --customer NUMBER --role customer_admin [--name NAME] [--locale fr|en]';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const schema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  customer: z.string().trim().min(1).max(64),
  // An account viewer needs accounts, which the user management page chooses: the command creates administrators.
  role: z.literal('customer_admin'),
  name: z.string().trim().min(1).max(200).optional(),
  locale: z.enum(['fr', 'en']).default('fr'),
});

async function main() {
  const parsed = schema.safeParse({ email: option('email'), customer: option('customer'), role: option('role'), name: option('name'), locale: option('locale') });
  if (!parsed.success) {
    console.error(`${parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n')}\n${USAGE}`);
    process.exit(2);
  }
  const config = env();
  if (!config.APP_URL) {
    console.error('APP_URL is not set: the invitation links to the portal. Set APP_URL, such as https://licenses.example.com.');
    process.exit(1);
  }
  const db = database();
  const { email, customer: number, name, locale } = parsed.data;
  const customer = (await db.select({ id: customers.id }).from(customers).where(eq(customers.number, number)).limit(1))[0];
  if (!customer) {
    console.error(`No customer ${number}: import it first (npm run db:import).`);
    process.exit(1);
  }
  if ((await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1))[0]) {
    console.error(`${email} already has an account.`);
    process.exit(1);
  }
  const now = Date.now();
  const { link, userId } = (await withTransaction(db, async (tx) => {
    const { id } = (await tx.insert(users).values({ email, name: name ?? email, locale, passwordHash: null, createdAt: now, nameSearch: foldForSearch(name ?? email, email) }).returning({ id: users.id }))[0]!;
    await tx.insert(grants).values({ userId: id, role: 'customer_admin', customerId: customer.id });
    await recordAudit(tx, { action: 'person_invited', userId: null, entity: 'user', entityId: email, details: { role: 'customer_admin', by: 'user:create' }, customerId: customer.id, at: now });
    return { link: await queueInvitation(tx, id, { appUrl: config.APP_URL!, from: config.MAIL_FROM, now, address: 'command line' }, { customerId: customer.id, invitedByUserId: null }), userId: id };
  }));
  console.log(`${email} created as the administrator of customer ${number}.`);
  // The link is printed as well as sent: the first administrator may have no reachable mailbox yet.
  console.log(`Invitation (valid 72 hours, once): ${link}`);
  const queued = (
    await db
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.userId, userId), eq(mailOutbox.kind, 'invitation'), eq(mailOutbox.status, 'pending')))
  ).map((row) => row.id);
  const transport = configuredTransport(config);
  try {
    const report = await deliverMail(db, transport, { sender: `user:create:${process.pid}`, from: config.MAIL_FROM, ids: queued, log: () => undefined });
    if (report.sent > 0) console.log(config.SMTP_URL ? `Also e-mailed through ${transport.describe}.` : `Also written to ${transport.describe}.`);
    else if (report.failed.length > 0) console.log(`Not e-mailed yet (${report.failed[0]!.error}): the server's outbox worker retries it.`);
    else console.log(`Queued for e-mail: the server's outbox worker sends it.`);
  } finally {
    transport.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
