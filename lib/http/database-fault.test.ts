/**
 * The 503 answer to a database fault at the level of the
 * HTTP server: a handler that records a database fault and then answers 500
 * (what Next does after calling onRequestError) reaches the client as 503
 * with Retry-After and the page in both languages; other errors stay 500.
 * The end-to-end proof against the real server is tests/e2e/faults.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import en from '@/lib/i18n/messages/en/common.json';
import fr from '@/lib/i18n/messages/fr/common.json';
import { answerDatabaseFaults, isNotFoundPayload, UNAVAILABLE_STATUS_LINE } from './database-fault';
import { recordRequestError } from './request-faults';

const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
const wrapped = Object.assign(new Error('Failed query: update users ...'), { cause: busy });

/** Stands in for Next: reports the error the way onRequestError would, then answers 500 in one of Next's ways. */
async function nextLike(request: IncomingMessage, response: ServerResponse) {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const url = new URL(request.url!, 'http://x');
  const error = url.pathname.startsWith('/fault') ? wrapped : new Error('a bug');
  if (url.pathname !== '/fine' && url.pathname !== '/missing' && !request.headers.rsc) recordRequestError(error);
  if (request.headers.rsc && url.pathname === '/missing') {
    response.setHeader('content-type', 'text/x-component');
    const payload = '0:["layout"]\nc:E{"digest":"NEXT_HTTP_ERROR_FALLBACK;404"}\n';
    if (url.searchParams.has('gzip')) {
      response.setHeader('content-encoding', 'gzip');
      response.end(gzipSync(payload));
    } else {
      response.write(payload.slice(0, 13));
      response.end(payload.slice(13));
    }
    return;
  }
  if (request.headers.rsc) {
    // A client navigation: 200 and the payload streamed, the error inside it.
    response.setHeader('content-type', 'text/x-component');
    response.write('0:["layout"]\n');
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (url.pathname !== '/fine') recordRequestError(error);
    response.end('1:E{"digest":"1"}\n');
    return;
  }
  if (url.pathname === '/fine') {
    response.setHeader('content-type', 'text/html');
    response.end('<p>fine</p>');
  } else if (url.searchParams.has('stream')) {
    response.statusCode = 500;
    response.setHeader('content-type', 'text/html');
    response.setHeader('content-length', '11');
    response.write('<p>err');
    response.end('or</p>');
  } else {
    response.writeHead(500, { 'content-type': 'text/x-component', 'set-cookie': 'kept=1' });
    response.end('digest');
  }
}

let base: string;
const server = createServer((request, response) => void answerDatabaseFaults(request, response, () => nextLike(request, response)));

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('answerDatabaseFaults', () => {
  it('turns a 5xx caused by a database fault into 503 with Retry-After and the page in both languages', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const path of ['/fault', '/fault?stream=1']) {
      const response = await fetch(`${base}${path}`);
      const html = await response.text();
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('30');
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(html).toContain(fr.errors.unavailableTitle);
      expect(html).toContain(en.errors.unavailableTitle);
      expect(html).not.toContain('digest');
    }
    expect(spy).toHaveBeenCalledTimes(2);
    expect(String(spy.mock.calls[0]![0])).toContain('SQLITE_BUSY');
  });

  it('keeps the cookies Next set, and puts the preferred language first', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await fetch(`${base}/fault`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    const html = await response.text();
    expect(response.headers.get('set-cookie')).toBe('kept=1');
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(html.indexOf(en.errors.unavailableTitle)).toBeLessThan(html.indexOf(fr.errors.unavailableTitle));
  });

  it('never echoes the address unescaped', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const html = await (await fetch(`${base}/fault?q="><img src=x onerror=alert(1)>`)).text();
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"><img');
  });

  it('answers a server action called by JavaScript with the text app/error.tsx recognises', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await fetch(`${base}/fault`, { method: 'POST', headers: { 'next-action': 'abc' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('text/plain');
    const text = await response.text();
    expect(text.startsWith(UNAVAILABLE_STATUS_LINE)).toBe(true);
    expect(text).toContain(en.errors.unavailableBody);
    expect(readFileSync('app/error.tsx', 'utf8')).toContain(`'${UNAVAILABLE_STATUS_LINE}'`);
  });

  it('turns a client navigation (RSC) that streamed its first bytes before the fault into the 503 page', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await fetch(`${base}/fault`, { headers: { rsc: '1' } });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain(en.errors.unavailableTitle);
    const fine = await fetch(`${base}/fine`, { headers: { rsc: '1' } });
    expect(fine.status).toBe(200);
    expect(fine.headers.get('content-type')).toBe('text/x-component');
    expect(await fine.text()).toBe('0:["layout"]\n1:E{"digest":"1"}\n');
  });

  it('gives a client navigation to a page that is not found the 404 status of the page itself', async () => {
    const response = await fetch(`${base}/missing`, { headers: { rsc: '1' } });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('NEXT_HTTP_ERROR_FALLBACK;404');
    // Compressed by the server on its way out, as Next's compression does.
    expect((await fetch(`${base}/missing?gzip=1`, { headers: { rsc: '1' } })).status).toBe(404);
    // Page text that merely mentions it is JSON-escaped inside the payload, and changes nothing.
    expect(isNotFoundPayload(Buffer.from('5:["$","p",null,{"children":"c:E{\\"digest\\":\\"NEXT_HTTP_ERROR_FALLBACK;404\\"}"}]'))).toBe(false);
  });

  it('leaves other errors and good answers alone', async () => {
    const bug = await fetch(`${base}/bug`);
    expect(bug.status).toBe(500);
    expect(await bug.text()).toBe('digest');
    const fine = await fetch(`${base}/fine`);
    expect(fine.status).toBe(200);
    expect(await fine.text()).toBe('<p>fine</p>');
  });
});
