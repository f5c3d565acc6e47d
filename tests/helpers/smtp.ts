/**
 * The test SMTP server (tests/helpers/smtp-server.ts) for vitest files: one
 * per file, emptied before each test.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from './smtp-server';

export { startSmtpServer, type ReceivedMail, type TestSmtpServer } from './smtp-server';

/** A server for the whole test file, emptied before each test; call at the top of the file. */
export function smtpServerForEachFile(): () => TestSmtpServer {
  let server: TestSmtpServer | undefined;
  beforeAll(async () => {
    server = await startSmtpServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    if (!server) return;
    server.received.length = 0;
    server.refused.clear();
  });
  return () => server!;
}
