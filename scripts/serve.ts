/**
 * The production server behind `npm start`, the demo and the end-to-end
 * tests: Next's request handler behind a plain node:http server.
 *
 * Why not `next start`: Next keeps an X-Forwarded-For header sent by the
 * client and never tells the application the socket's address, so sign-in
 * throttling could be dodged or turned against a victim by anyone who sends
 * the header. Here the server decides the client address itself and passes
 * it on in a header that clients cannot set (lib/http/request-headers.ts).
 *
 *   tsx scripts/serve.ts [--port N] [--hostname H]   (defaults: $PORT or 3000, 127.0.0.1)
 */
import { createServer } from 'node:http';
import next from 'next';
import { answerDatabaseFaults } from '../lib/http/database-fault';
import { CLIENT_ADDRESS_HEADER, SERVER_OWNED_HEADERS } from '../lib/http/request-headers';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const port = Number(option('port') ?? process.env.PORT ?? 3000);
const hostname = option('hostname') ?? '127.0.0.1';

async function main() {
  const app = next({ dev: false, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((request, response) => {
    for (const header of SERVER_OWNED_HEADERS) delete request.headers[header];
    request.headers[CLIENT_ADDRESS_HEADER] = request.socket.remoteAddress ?? 'unknown';
    answerDatabaseFaults(request, response, () => handle(request, response)).catch((error: unknown) => {
      console.error('[server]', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end();
    });
  });
  server.listen(port, hostname, () => console.log(`License Desk listening on http://${hostname}:${port}`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      server.close();
      void app.close().finally(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
