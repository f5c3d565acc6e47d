/**
 * Loads the demo data (fixtures/demo.ts) for today into DATABASE_PATH,
 * migrating it first, through the importer.
 *
 *   npm run db:seed            add or update the demo data; run again the same day, it changes nothing
 *   npm run db:seed -- --reset also delete what is not demo data (import --prune): for a demo database
 *                              seeded on an earlier day, whose dates and histories have moved
 */
import { database } from '@/db/client';
import { buildDemoDocument, DEMO_PASSWORD, DEMO_SIGN_INS } from '@/fixtures/demo';
import { today } from '@/lib/clock';
import { env } from '@/lib/env';
import { formatSummary, importDocument } from '@/lib/import/apply';
import { formatProblem, ImportValidationError } from '@/lib/import/problems';

async function main() {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const unknown = args.filter((arg) => arg !== '--reset');
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown[0]}\nusage: npm run db:seed [-- --reset]`);
    process.exit(2);
  }
  const reset = args.includes('--reset');
  const db = database(); // creates and migrates DATABASE_PATH
  const day = today();
  const started = Date.now();
  try {
    const summary = await importDocument(db, buildDemoDocument(day), { prune: reset });
    console.log(`Demo data for ${day} loaded into ${env().DATABASE_PATH}${reset ? ' (--reset)' : ''} in ${Date.now() - started} ms:`);
    console.log(formatSummary(summary));
    console.log(`\nDemo sign-ins (password for all: ${DEMO_PASSWORD}):`);
    for (const signIn of DEMO_SIGN_INS) console.log(`  ${signIn.email.padEnd(40)} ${signIn.locale}  ${signIn.description}`);
  } catch (error) {
    if (!(error instanceof ImportValidationError)) throw error;
    for (const problem of error.problems.slice(0, 20)) console.error(formatProblem(problem));
    if (error.problems.length > 20) console.error(`… and ${error.problems.length - 20} more`);
    console.error(
      `\nThe demo data could not be loaded; nothing was written. If this database was seeded on an earlier day, ` +
        `its histories are dated differently: run npm run db:seed -- --reset to replace them ` +
        `(this deletes everything that is not demo data).`,
    );
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
