/**
 * `npm run notices [-- --dry-run]`: e-mails the expiry notices due today
 * (lib/notices/). For a scheduler, e.g. cron at 06:30 every day:
 *
 *   30 6 * * *  cd /srv/license-desk && npm run notices
 *
 * Exit codes: 0 done; 1 not configured (the variable is named) or some
 * e-mails could not be sent (each is named; the next run retries them);
 * 2 wrong command line.
 */
import { ConfigurationError } from '@/lib/env';
import { describeRun, NoticesConfigurationError, runConfiguredNotices } from '@/lib/notices/command';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = args.filter((arg) => arg !== '--dry-run');
if (unknown.length > 0) {
  console.error(`unknown option ${unknown.join(' ')}\nusage: npm run notices [-- --dry-run]`);
  process.exit(2);
}
const dryRun = args.includes('--dry-run');

runConfiguredNotices({ dryRun })
  .then((run) => {
    for (const line of describeRun(run, dryRun)) console.log(line);
    process.exitCode = run.summary.failed.length > 0 ? 1 : 0;
  })
  .catch((error: unknown) => {
    if (error instanceof NoticesConfigurationError || error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  });
