/**
 * Runs the server's own start-up checks (lib/startup.ts, what
 * instrumentation.ts calls before the first request) in a process of their
 * own, so that tests can watch it refuse a bad database location and exit.
 */
import { startUp } from '@/lib/startup';

startUp().then(
  () => {
    console.log('start-up checks passed');
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
