/**
 * `npm run mail:status`: what the mail outbox holds — messages waiting (and
 * since when), sent, and given up (each with its last error) — for the
 * operator. The server logs every failure as it happens (`[mail] …`); this
 * says where things stand. Exit code 1 when a message was given up.
 */
import { count, min } from 'drizzle-orm';
import { database } from '@/db/client';
import { mailOutbox } from '@/db/schema';
import { failedMail } from '@/lib/mail/outbox';

async function main(): Promise<void> {
  const db = database();
  const counts = await db
    .select({ status: mailOutbox.status, n: count(), oldest: min(mailOutbox.createdAt) })
    .from(mailOutbox)
    .groupBy(mailOutbox.status)
    .orderBy(mailOutbox.status);
  const of = (status: string) => counts.find((row) => row.status === status);
  const pending = of('pending');
  console.log(`waiting: ${pending?.n ?? 0}${pending?.oldest ? ` (oldest queued ${new Date(pending.oldest).toISOString()})` : ''}`);
  console.log(`sent: ${of('sent')?.n ?? 0}`);
  const failed = (await failedMail(db));
  console.log(`given up: ${of('failed')?.n ?? 0}`);
  for (const message of failed) {
    console.log(`  #${message.id} ${message.kind} to ${message.recipient}, queued ${new Date(message.createdAt).toISOString()}, ${message.attempts} attempt(s): ${message.lastError ?? ''}`);
  }
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
