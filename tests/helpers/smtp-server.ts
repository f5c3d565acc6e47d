/**
 * A real SMTP server on 127.0.0.1 for integration tests (smtp-server): it
 * keeps every message it receives, parsed (mailparser), and refuses the
 * recipients a test names. `acceptDelayMs` makes it slow: each message is
 * accepted only that long after its data arrived (a slow or distant server).
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string[]; mail: ParsedMail; raw: string };

export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** Addresses refused for now (to make a delivery fail). */
  refused: Set<string>;
  close(): Promise<void>;
}

export async function startSmtpServer(options: { port?: number; acceptDelayMs?: number } = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const refused = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(refused.has(address.address) ? new Error('mailbox unavailable') : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (mail) => {
            setTimeout(() => {
              received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail, raw });
              callback();
            }, options.acceptDelayMs ?? 0);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, refused, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
