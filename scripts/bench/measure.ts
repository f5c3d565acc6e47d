/**
 * How the bench measures one page: autocannon for a bounded time at a number
 * of connections (every answer's latency kept, so p50/p95/p99 are exact), and
 * the bytes a browser gets — the HTML, raw and gzip'd, and the JavaScript
 * files its <script src> elements name, gzip'd.
 */
import autocannon from 'autocannon';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { gzipSync } from 'node:zlib';

export interface Run {
  connections: number;
  /** Seconds asked for, and as measured. */
  seconds: number;
  elapsed: number;
  requests: number;
  /** Answers per second. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Network errors and time-outs, and answers that were not 2xx. */
  errors: number;
  non2xx: number;
  /** CPU time the server's processes spent per answer (ms): steadier than latency on a shared machine. */
  cpuMs?: number;
}

/**
 * CPU seconds (user + system) used so far by the processes of a process
 * group (Linux /proc; clock ticks of 1/100 s). NaN elsewhere.
 */
export function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    return NaN;
  }
  return ticks / 100;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Loads `url` with `connections` keep-alive connections for `seconds` seconds (every connection sends the next request as soon as it has its answer). */
export async function load(url: string, { connections, seconds, cookie, cpu }: { connections: number; seconds: number; cookie?: string; cpu?: () => number }): Promise<Run> {
  const latencies: number[] = [];
  const cpuBefore = cpu?.();
  const started = performance.now();
  const instance = autocannon({ url, connections, duration: seconds, timeout: 30, headers: cookie ? { cookie } : {} });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result = await instance;
  const elapsed = (performance.now() - started) / 1000;
  const cpuSeconds = cpu && cpuBefore !== undefined ? cpu() - cpuBefore : NaN;
  latencies.sort((a, b) => a - b);
  return {
    connections,
    seconds,
    elapsed: round(elapsed),
    requests: latencies.length,
    rps: round(latencies.length / elapsed, 1),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1) ?? NaN),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    ...(Number.isFinite(cpuSeconds) && latencies.length > 0 ? { cpuMs: round((cpuSeconds * 1000) / latencies.length) } : {}),
  };
}

export interface Bytes {
  status: number;
  html: number;
  htmlGzip: number;
  /** What the HTML carries besides its markup: the contents of its inline <script> elements (Next's RSC payload), raw. */
  inlineScripts: number;
  /** The visible text (tags, scripts and styles removed, white space collapsed): to check that the floor shows as much. */
  text: number;
  /** The <script src> files of the page (same origin), their count and total size gzip'd and raw. */
  scripts: number;
  js: number;
  jsGzip: number;
}

const scriptSizes = new Map<string, { raw: number; gzip: number }>();

/** The page's HTML and the JavaScript it makes a browser download, as a browser asks for them (gzip'd sizes computed here at level 6). */
export async function bytesOf(base: string, path: string, cookie?: string): Promise<Bytes & { body: string }> {
  const response = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  const body = Buffer.from(await response.arrayBuffer());
  const html = body.toString('utf8');
  const sources = [...new Set([...html.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/gi)].map((match) => match[1]!.replace(/&amp;/g, '&')))];
  let js = 0;
  let jsGzip = 0;
  for (const source of sources) {
    const address = new URL(source, base);
    let size = scriptSizes.get(address.pathname);
    if (!size) {
      const script = Buffer.from(await (await fetch(address)).arrayBuffer());
      size = { raw: script.length, gzip: gzipSync(script).length };
      scriptSizes.set(address.pathname, size);
    }
    js += size.raw;
    jsGzip += size.gzip;
  }
  const inlineScripts = [...html.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].reduce((sum, match) => sum + Buffer.byteLength(match[1]!), 0);
  const text = html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
  return { status: response.status, html: body.length, htmlGzip: gzipSync(body).length, inlineScripts, text: Buffer.byteLength(text), scripts: sources.length, js, jsGzip, body: html };
}

/** One server of an interleaved run: the page's address there, the cookie, and its processes' CPU time. */
export interface Target {
  url: string;
  cookie?: string;
  cpu?: () => number;
}

/**
 * One connection per server, one request at a time, taking turns (A, B, A,
 * B …) for at least `seconds` per server and until each has `minAnswers`
 * answers (at most `maxSeconds` in all): two servers compared this way share
 * every moment of the machine's load, where runs taken one after the other
 * (even seconds apart) do not — on a shared machine a page's p50 moved by a
 * third from one minute to the next.
 */
export async function interleaved(targets: Target[], { seconds, minAnswers, maxSeconds }: { seconds: number; minAnswers: number; maxSeconds: number }): Promise<Run[]> {
  const latencies = targets.map((): number[] => []);
  const busy = targets.map(() => 0);
  const failures = targets.map(() => ({ errors: 0, non2xx: 0 }));
  // node:http on one kept-alive socket per server: fetch() added several milliseconds of its own to every request.
  const agents = targets.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  const cpuBefore = targets.map((target) => target.cpu?.());
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  while (elapsed() < maxSeconds && (elapsed() < seconds * targets.length || latencies.some((list) => list.length < minAnswers))) {
    for (const [index, target] of targets.entries()) {
      const sent = performance.now();
      try {
        const status = await get(target.url, target.cookie, agents[index]!);
        if (status < 200 || status > 299) failures[index]!.non2xx++;
      } catch {
        failures[index]!.errors++;
      }
      const ms = performance.now() - sent;
      latencies[index]!.push(ms);
      busy[index]! += ms / 1000;
    }
  }
  for (const agent of agents) agent.destroy();
  return targets.map((target, index) => {
    const sorted = latencies[index]!.sort((a, b) => a - b);
    const before = cpuBefore[index];
    const cpuSeconds = target.cpu && before !== undefined ? target.cpu() - before : NaN;
    return {
      connections: 1,
      seconds,
      // The time this server was being asked: its share of the run.
      elapsed: round(busy[index]!),
      requests: sorted.length,
      rps: round(sorted.length / busy[index]!, 1),
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted.at(-1) ?? NaN),
      ...failures[index]!,
      ...(Number.isFinite(cpuSeconds) && sorted.length > 0 ? { cpuMs: round((cpuSeconds * 1000) / sorted.length) } : {}),
    };
  });
}

/** One GET with its body read to the end: the answer's status. */
function get(url: string, cookie: string | undefined, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { agent, headers: cookie ? { cookie } : {} }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.setTimeout(30_000, () => request.destroy(new Error('timed out')));
    request.on('error', reject);
  });
}
