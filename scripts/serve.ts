/**
 * The production server behind `npm start`, the demo and the end-to-end
 * tests: Next's request handler behind a plain node:http server.
 *
 * Why not `next start`: Next keeps an X-Forwarded-For header sent by the
 * client and never tells the application the socket's address, so sign-in
 * throttling could be dodged or turned against a victim by anyone who sends
 * the header. Here the server decides the client address itself and passes
 * it on in a header that clients cannot set (lib/http/request-headers.ts);
 * the application believes X-Forwarded-For only from TRUSTED_PROXIES.
 *
 * It also refuses, before Next reads anything, what Next would answer with
 * a server error: a body larger than MAX_BODY_BYTES (413, by Content-Length
 * or by counting what arrives) and a path whose percent-encoding is
 * malformed (400). See docs/decisions/0006-custom-server-and-client-address.md.
 *
 *   tsx scripts/serve.ts [--port N] [--hostname H]   (defaults: $PORT or 3000, 127.0.0.1)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { answerDatabaseFaults } from '../lib/http/database-fault';
import { errorPageHeaders, errorPageHtml, hasMalformedEncoding, MAX_BODY_BYTES, type RefusedRequest } from '../lib/http/error-page';
import { CLIENT_ADDRESS_HEADER, SERVER_OWNED_HEADERS } from '../lib/http/request-headers';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const port = Number(option('port') ?? process.env.PORT ?? 3000);
const hostname = option('hostname') ?? '127.0.0.1';

/** A refused body is read and thrown away up to this much (so the client sees the answer), then the connection is cut. */
const DISCARD_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

function refuse(request: IncomingMessage, response: ServerResponse, status: RefusedRequest) {
  if (response.headersSent) {
    request.socket.destroy();
    return;
  }
  response.writeHead(status, { ...errorPageHeaders(), connection: 'close' });
  response.end(errorPageHtml(status));
  // Let the client finish sending (it may only read the answer afterwards), within reason.
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT_BYTES) request.socket.destroy();
  });
  request.resume();
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

/**
 * Counts a body sent without Content-Length (chunked) as Next reads it, and
 * refuses it once it passes the limit. The counter listens without taking
 * the data from Next: the stream stays paused until Next reads it.
 */
function limitChunkedBody(request: IncomingMessage, response: ServerResponse): void {
  let received = 0;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received > MAX_BODY_BYTES) {
      request.off('data', count);
      refuse(request, response, 413);
    }
  };
  request.on('data', count);
  request.pause();
}

async function main() {
  const app = next({ dev: false, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((request, response) => {
    for (const header of SERVER_OWNED_HEADERS) delete request.headers[header];
    request.headers[CLIENT_ADDRESS_HEADER] = request.socket.remoteAddress ?? 'unknown';

    if (hasMalformedEncoding(pathOf(request.url))) return refuse(request, response, 400);
    const declared = request.headers['content-length'];
    if (declared !== undefined && !(Number(declared) <= MAX_BODY_BYTES)) return refuse(request, response, 413);
    if (declared === undefined && request.headers['transfer-encoding']) limitChunkedBody(request, response);

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
