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
 * One server process per core (WEB_CONCURRENCY, default os.availableParallelism()):
 * a primary process checks the configuration and migrates the database once,
 * then forks that many server processes (node:cluster) that share the port and
 * the SQLite database (WAL; writes wait for each other through the busy
 * timeout). It restarts a server process that dies — at most MAX_RESTARTS
 * within RESTART_WINDOW_MS, then it stops everything — and on SIGTERM or
 * SIGINT stops them all before it exits. WEB_CONCURRENCY=1 is one process,
 * without a primary. See docs/decisions/0010-one-server-process-per-core.md.
 *
 *   tsx scripts/serve.ts [--port N] [--hostname H]   (defaults: $PORT or 3000, 127.0.0.1)
 */
import cluster, { type Worker } from 'node:cluster';
import { createServer, IncomingMessage, type ServerResponse } from 'node:http';
import { closeDatabase } from '../db/client';
import { ConfigurationError, env } from '../lib/env';
import { isActionBody } from '../lib/http/action-body';
import { answerDatabaseFaults } from '../lib/http/database-fault';
import { hstsFor } from '../lib/http/hsts';
import { errorPageHeaders, errorPageHtml, hasMalformedEncoding, MAX_BODY_BYTES, type RefusedRequest } from '../lib/http/error-page';
import { CLIENT_ADDRESS_HEADER, SERVER_OWNED_HEADERS } from '../lib/http/request-headers';
import { checkStartUp, SERVER_PROCESS_VARIABLE } from '../lib/startup';

// This script serves the production build (`dev: false`), which runs as production whatever the
// environment says; the primary's own start-up checks (lib/startup.ts) must judge the same way.
(process.env as Record<string, string | undefined>).NODE_ENV ??= 'production';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const port = Number(option('port') ?? process.env.PORT ?? 3000);
const hostname = option('hostname') ?? '127.0.0.1';

/** A refused body is read and thrown away up to this much (so the client sees the answer), then the connection is cut. */
const DISCARD_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

/**
 * Answers a refused request with its short page and closes the connection.
 * `afterBody`: the request was refused before anything read it (its declared
 * length, its path): its body is read and thrown away first, up to a limit,
 * and the answer comes once it is all in. Closing while the client is still
 * sending makes it fail with a broken pipe before it reads the answer — it
 * would never see the 413. A body refused while Next reads it (chunked) is
 * answered at once, before Next can answer.
 */
function refuse(request: IncomingMessage, response: ServerResponse, status: RefusedRequest, { afterBody = false } = {}) {
  if (response.headersSent) {
    request.socket.destroy();
    return;
  }
  const answer = () => {
    if (response.headersSent) return;
    response.writeHead(status, { ...errorPageHeaders(), connection: 'close' });
    response.end(errorPageHtml(status));
  };
  if (!afterBody || request.complete) answer();
  // Let the client finish sending (it may only read the answer afterwards), within reason.
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT_BYTES) request.socket.destroy();
  });
  if (afterBody) request.on('end', answer);
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

/**
 * A server action called from JavaScript (`Next-Action`) is read whole (the
 * body is at most MAX_BODY_BYTES) and checked before Next sees it: anything
 * but the action's form data is answered 400 here, with one line in the log
 * instead of an exception in the action (lib/http/action-body.ts). The body
 * is then handed to Next as a request of its own, read from memory.
 */
async function checkedAction(request: IncomingMessage, response: ServerResponse): Promise<IncomingMessage | null> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of request) chunks.push(chunk as Buffer);
  } catch {
    return null; // the client went away, or the body was refused and cut off
  }
  if (response.headersSent || response.writableEnded) return null; // refused meanwhile (413)
  const body = Buffer.concat(chunks);
  if (!(await isActionBody(String(request.headers['next-action']), request.headers['content-type'], body))) {
    console.warn(`[server] 400 for POST ${pathOf(request.url)}: a server action called without its form data`);
    refuse(request, response, 400);
    return null;
  }
  const replay = new IncomingMessage(request.socket);
  replay.method = request.method;
  replay.url = request.url;
  replay.httpVersion = request.httpVersion;
  replay.httpVersionMajor = request.httpVersionMajor;
  replay.httpVersionMinor = request.httpVersionMinor;
  replay.headers = request.headers;
  replay.rawHeaders = request.rawHeaders;
  // Whole already: otherwise, once read, it would count as cut short and close the connection.
  replay.complete = true;
  replay.push(body);
  replay.push(null);
  return replay;
}

/** One server process: Next's handler behind the guards above, on the shared port. */
async function serve(slot: number | null) {
  const { default: next } = await import('next');
  const app = next({ dev: false, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const hsts = hstsFor(process.env.APP_URL);
  const server = createServer((request, response) => {
    // Every answer, whoever gives it (Next, a refusal here, a static file), with an https APP_URL.
    if (hsts) response.setHeader('strict-transport-security', hsts);
    for (const header of SERVER_OWNED_HEADERS) delete request.headers[header];
    request.headers[CLIENT_ADDRESS_HEADER] = request.socket.remoteAddress ?? 'unknown';

    if (hasMalformedEncoding(pathOf(request.url))) return refuse(request, response, 400, { afterBody: true });
    const declared = request.headers['content-length'];
    if (declared !== undefined && !(Number(declared) <= MAX_BODY_BYTES)) {
      // A body small enough to throw away is read first; a larger one is answered at once and cut off at the limit.
      return refuse(request, response, 413, { afterBody: Number(declared) <= DISCARD_LIMIT_BYTES });
    }
    if (declared === undefined && request.headers['transfer-encoding']) limitChunkedBody(request, response);

    const answer = (checked: IncomingMessage) => answerDatabaseFaults(checked, response, () => handle(checked, response));
    const isAction = request.method === 'POST' && request.headers['next-action'] !== undefined;
    (isAction ? checkedAction(request, response).then((checked) => (checked ? answer(checked) : undefined)) : answer(request)).catch((error: unknown) => {
      console.error('[server]', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end();
    });
  });
  server.listen(port, hostname, () => console.log(slot === null ? `License Desk listening on http://${hostname}:${port}` : `[server ${slot}] listening on http://${hostname}:${port} (pid ${process.pid})`));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    void app.close().finally(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stop);
  // A server process whose primary is gone (killed without a chance to stop it) stops too: no orphans.
  if (cluster.isWorker) cluster.worker!.on('disconnect', stop);
}

/** A server process that dies is restarted, but not more than this many times within RESTART_WINDOW_MS (no crash loop). */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** Pause before a restart. */
const RESTART_DELAY_MS = 1000;
/** How long the server processes get to stop on SIGTERM/SIGINT before they are killed. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * The primary process: checks the configuration and migrates the database
 * once (server processes would otherwise race to migrate a new database),
 * then forks `processes` server processes, each with its slot (1..N) in
 * LICENSE_DESK_SERVER_PROCESS (slot 1 runs the scheduled work, lib/startup.ts).
 */
async function supervise(processes: number) {
  await checkStartUp();
  // The primary serves nothing: it keeps no connection open.
  await closeDatabase();

  const slots = new Map<Worker, number>();
  const restarts: number[] = [];
  let stopping = false;
  let exitCode = 0;

  const fork = (slot: number) => slots.set(cluster.fork({ [SERVER_PROCESS_VARIABLE]: String(slot) }), slot);
  const stopAll = (code: number) => {
    exitCode = Math.max(exitCode, code);
    if (stopping) {
      // A second signal: no more waiting.
      for (const worker of slots.keys()) worker.process.kill('SIGKILL');
      process.exit(exitCode || 1);
    }
    stopping = true;
    if (slots.size === 0) process.exit(exitCode);
    for (const worker of slots.keys()) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of slots.keys()) worker.process.kill('SIGKILL');
      process.exit(exitCode || 1);
    }, STOP_TIMEOUT_MS).unref();
  };

  cluster.on('exit', (worker, code, signal) => {
    const slot = slots.get(worker)!;
    slots.delete(worker);
    if (stopping) {
      if (slots.size === 0) process.exit(exitCode);
      return;
    }
    if (code === 0 && !signal) {
      // It was stopped on purpose (a signal sent to it alone, or to the whole process group just before ours).
      console.log(`[server] server process ${slot} (pid ${worker.process.pid}) stopped.`);
      if (slots.size === 0) process.exit(0);
      return;
    }
    const now = Date.now();
    while (restarts.length > 0 && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS) {
      console.error(`[server] server process ${slot} died (${signal ?? `exit code ${code}`}) after ${MAX_RESTARTS} restarts within ${RESTART_WINDOW_MS / 1000} s: stopping.`);
      stopAll(1);
      return;
    }
    restarts.push(now);
    console.error(`[server] server process ${slot} (pid ${worker.process.pid}) died (${signal ?? `exit code ${code}`}); restarting it.`);
    setTimeout(() => {
      if (!stopping) fork(slot);
    }, RESTART_DELAY_MS);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(0));

  console.log(`License Desk: ${processes} server processes (WEB_CONCURRENCY) on http://${hostname}:${port}`);
  for (let slot = 1; slot <= processes; slot++) fork(slot);
}

function serverProcesses(): number {
  try {
    return env().WEB_CONCURRENCY;
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main() {
  if (cluster.isWorker) return serve(Number(process.env[SERVER_PROCESS_VARIABLE]));
  const processes = serverProcesses();
  if (processes === 1) return serve(null);
  await supervise(processes);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
