/**
 * Database faults reach the person as "service unavailable": HTTP 503 with
 * Retry-After and a short page in both languages, whether the fault happened
 * in a page, a route handler (the CSV exports) or a server action.
 *
 * Next.js has no way for application code to answer 503 from a page or an
 * action: an uncaught error becomes a 500 rendered by the error boundary,
 * which itself needs the database (the locale comes from the viewer). So the
 * decision is split in two:
 *
 * 1. instrumentation.ts `onRequestError` (Next calls it for every error a
 *    page, route handler or action lets escape) calls recordRequestError()
 *    (lib/http/request-faults.ts), which marks the current request when the error is a database fault
 *    (db/errors.ts).
 * 2. The production server (scripts/serve.ts) runs each request inside
 *    answerDatabaseFaults(): when the response is about to go out as a 5xx
 *    and the request was marked, the status and body are replaced by the 503
 *    page below. The page is built from the message catalogues without the
 *    database, so it can always be shown.
 *
 * The request is known across both through lib/http/request-faults.ts.
 *
 * A fault after the first byte of a streamed response cannot change its
 * status any more; the portal's pages render fully before they are sent, so
 * this does not arise today.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { databaseFault } from '../../db/errors';
import { runRecordingFaults, type RequestFaults } from './request-faults';
import { staticPageHtml, type StaticPageSection } from './static-page';
import enCommon from '../i18n/messages/en/common.json';
import frCommon from '../i18n/messages/fr/common.json';

/** Seconds a client should wait before trying again. */
export const RETRY_AFTER_SECONDS = 30;

/** fr first unless the person prefers English (locale cookie, then Accept-Language); both are always shown. */
function prefersEnglish(request: IncomingMessage): boolean {
  const cookie = /(?:^|;\s*)license-desk-locale=(fr|en)\b/.exec(request.headers.cookie ?? '')?.[1];
  if (cookie) return cookie === 'en';
  const first = (request.headers['accept-language'] ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en');
}

/** The 503 page: both languages, no script, no database. */
export function unavailablePage(request: IncomingMessage): string {
  const retry = request.method === 'GET' || request.method === 'HEAD' ? (request.url ?? '/') : '/';
  const section = (lang: 'fr' | 'en', text: typeof frCommon.errors): StaticPageSection => ({
    lang,
    title: text.unavailableTitle,
    body: text.unavailableBody,
    link: { href: retry, text: text.unavailableRetry },
  });
  const sections = [section('fr', frCommon.errors), section('en', enCommon.errors)];
  if (prefersEnglish(request)) sections.reverse();
  return staticPageHtml(sections.map((section) => section.title).join(' · '), sections);
}

/** First line of the text/plain answer to a server action called by JavaScript (app/error.tsx looks for it). */
export const UNAVAILABLE_STATUS_LINE = '503 Service Unavailable';

export function unavailableText(): string {
  return [UNAVAILABLE_STATUS_LINE, frCommon.errors.unavailableBody, enCommon.errors.unavailableBody].join('\n\n');
}

type Chunk = { data: unknown; encoding?: unknown };

function toBuffer(chunk: Chunk): Buffer {
  if (Buffer.isBuffer(chunk.data)) return chunk.data;
  if (typeof chunk.data === 'string') return Buffer.from(chunk.data, (chunk.encoding as BufferEncoding | undefined) ?? 'utf8');
  return Buffer.from(chunk.data as Uint8Array);
}

/**
 * Next's serialisation of notFound() in an RSC payload. Next answers a client
 * navigation to a missing page with 200 and this inside (it has begun
 * streaming by then); held back, the status can still say 404. The unescaped
 * quotes cannot come from page text, which the payload holds JSON-escaped.
 */
const NOT_FOUND_IN_PAYLOAD = ':E{"digest":"NEXT_HTTP_ERROR_FALLBACK;404"}';

/** The body as Next wrote it, before the server's compression (which sits between Next and this wrapper). */
function decoded(body: Buffer, encoding: unknown): Buffer {
  try {
    if (encoding === 'gzip') return gunzipSync(body);
    if (encoding === 'br') return brotliDecompressSync(body);
    if (encoding === 'deflate') return inflateSync(body);
  } catch {
    // Not what the header says: look at it as it is.
  }
  return body;
}

export function isNotFoundPayload(body: Buffer): boolean {
  return body.includes(NOT_FOUND_IN_PAYLOAD);
}

function callbackOf(args: unknown[]): (() => void) | undefined {
  return args.find((arg) => typeof arg === 'function') as (() => void) | undefined;
}

/**
 * Runs Next's handling of one request (scripts/serve.ts) so that a database
 * fault recorded while it ran turns the answer into the 503 page.
 *
 * A page answers 500 after an error, before anything is sent. A client
 * navigation or a server action called by JavaScript (RSC) answers 200 and
 * streams the error inside its payload, after the first bytes: those answers
 * are held back until they end (they are small, and the portal's pages have
 * no streamed parts) so that a fault can still change them. Held back, a
 * client navigation to a page that is not found also gets the 404 status a
 * page request gets (what is not yours answers 404, whichever way it is
 * asked), and the browser then loads the not-found page itself.
 */
export function answerDatabaseFaults(request: IncomingMessage, response: ServerResponse, handle: () => Promise<void>): Promise<void> {
  const faults: RequestFaults = {};
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  const flushHeaders = response.flushHeaders.bind(response);
  const fromScript = request.headers['next-action'] !== undefined;
  const holdBack = request.headers.rsc !== undefined || fromScript;
  let head: unknown[] | undefined;
  const held: Chunk[] = [];
  let replaced = false;
  /** Set while held-back output goes out: Node's own write then calls writeHead, which must pass. */
  let flushing = false;

  function headersOf(args: unknown[] | undefined): unknown {
    return args?.slice(1).find((arg) => typeof arg === 'object' && arg !== null);
  }

  /** True once the answer is (now or already) the 503 page. */
  function replaceIfFaulted(statusCode: number, headers?: unknown): boolean {
    if (replaced) return true;
    if (faults.databaseFault === undefined || response.headersSent) return false;
    if (statusCode < 500 && !holdBack) return false;
    replaced = true;
    // Next logs the error itself (with its stack); this line says what the person was answered.
    console.error(`[server] 503 for ${request.method} ${request.url}: database unavailable (${databaseFault(faults.databaseFault)?.code})`);
    // Headers handed to writeHead directly (rather than set one by one) count as set, so cookies survive.
    if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) response.setHeader(name, value as string | string[]);
    }
    // A server action called by JavaScript reads a text/plain error message and throws it to the
    // error boundary (app/error.tsx), which recognises the status line and shows the same message.
    // A client navigation that gets HTML instead of its payload loads the address as a page: the 503 page.
    const page = Buffer.from(request.method === 'HEAD' ? '' : fromScript ? unavailableText() : unavailablePage(request));
    for (const header of response.getHeaderNames()) {
      // Keep cookies and security headers; drop what described Next's own body.
      if (/^(content-|etag$|vary$|x-nextjs|cache-control$|link$)/.test(header)) response.removeHeader(header);
    }
    writeHead(503, {
      'Content-Type': fromScript ? 'text/plain' : 'text/html; charset=utf-8',
      'Content-Length': String(page.length),
      'Cache-Control': 'no-store',
      'Retry-After': String(RETRY_AFTER_SECONDS),
    });
    end(page);
    return true;
  }

  response.writeHead = function (statusCode: number, ...rest: unknown[]) {
    if (flushing) return writeHead(statusCode, ...rest);
    if (replaceIfFaulted(statusCode, headersOf([statusCode, ...rest]))) return response;
    if (holdBack) {
      head = [statusCode, ...rest];
      response.statusCode = statusCode;
      return response;
    }
    return writeHead(statusCode, ...rest);
  } as ServerResponse['writeHead'];

  response.flushHeaders = function () {
    if (!holdBack && !replaced) flushHeaders();
  };

  response.write = function (...args: unknown[]) {
    const callback = callbackOf(args);
    if (!replaceIfFaulted(response.statusCode, headersOf(head))) {
      if (!holdBack) return write(...args);
      held.push({ data: args[0], encoding: typeof args[1] === 'string' ? args[1] : undefined });
    }
    if (callback) process.nextTick(callback);
    return true;
  } as ServerResponse['write'];

  response.end = function (...args: unknown[]) {
    const callback = callbackOf(args);
    if (!replaceIfFaulted(response.statusCode, headersOf(head))) {
      if (!holdBack) return end(...args);
      if (args[0] !== undefined && typeof args[0] !== 'function') held.push({ data: args[0], encoding: typeof args[1] === 'string' ? args[1] : undefined });
      flushing = true;
      const body = Buffer.concat(held.map(toBuffer));
      held.length = 0;
      // Not yours = not found (a 404 exactly as for what does not exist), for client navigations too.
      if (!fromScript && isNotFoundPayload(decoded(body, response.getHeader('content-encoding')))) {
        if (head) head[0] = 404;
        else response.statusCode = 404;
      }
      if (head) writeHead(...head);
      end(body);
    }
    if (callback) process.nextTick(callback);
    return response;
  } as ServerResponse['end'];

  return runRecordingFaults(faults, handle);
}
