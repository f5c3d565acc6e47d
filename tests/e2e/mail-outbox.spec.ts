/**
 * No request waits for SMTP: with an SMTP server that takes 300 ms to accept
 * each message, "Mot de passe oublié ?" answers a known address as fast as
 * an unknown one (the reset link is queued in the mail outbox, and the
 * server's outbox worker sends it afterwards) — the medians of 50 requests
 * each differ by less than 5 ms — and the known address still gets its mail.
 *
 * A server of its own (one process, so that its worker sends from the very
 * process that answers), pointed at a slow SMTP server started here.
 */
import { expect, test } from '@playwright/test';
import { performance } from 'node:perf_hooks';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { AUX_PORT, startAuxServer, type AuxServer } from './aux-server';
import { actionFormFields } from './forms';

test.describe.configure({ mode: 'serial' });

const KNOWN = 'camille.martin@fabrikam.example';
const UNKNOWN = 'nobody.here@fabrikam.example';
let smtp: TestSmtpServer;
let server: AuxServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  smtp = await startSmtpServer({ port: AUX_PORT + 20, acceptDelayMs: 300 });
  server = await startAuxServer('mail-outbox', 9, {
    SMTP_URL: smtp.url,
    // The measure sends 110 requests from one address: the limits are not what is measured here.
    SIGN_IN_LIMIT_PER_ADDRESS: '10000',
    SIGN_IN_LIMIT_PER_ACCOUNT: '10000',
    PASSWORD_RESET_LIMIT_PER_ADDRESS: '10000',
    PASSWORD_RESET_LIMIT_PER_EMAIL: '10000',
  });
});

test.afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
};

test('the forgotten-password answer takes as long for a known address as for an unknown one, with a slow SMTP server', async ({ playwright }) => {
  test.setTimeout(180_000);
  const request = await playwright.request.newContext({ baseURL: server.baseURL });
  const fields = await actionFormFields(request, '/forgot-password', 'email');
  const ask = async (email: string) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('email', email);
    const started = performance.now();
    const response = await fetch(`${server.baseURL}/forgot-password`, { method: 'POST', body: form, headers: { origin: server.baseURL, accept: 'text/html' }, redirect: 'manual' });
    const body = await response.text();
    const elapsed = performance.now() - started;
    expect(response.status).toBe(200);
    expect(body).toContain('data-testid="reset-sent"');
    return elapsed;
  };
  // Warm-up (first renders, connections), then 50 of each, alternated so that both meet the same load.
  for (let index = 0; index < 5; index++) {
    await ask(KNOWN);
    await ask(UNKNOWN);
  }
  const known: number[] = [];
  const unknown: number[] = [];
  for (let index = 0; index < 50; index++) {
    // Each pair in turn the other way round, so that a drift of the machine's load weighs on both alike.
    if (index % 2 === 0) {
      known.push(await ask(KNOWN));
      unknown.push(await ask(UNKNOWN));
    } else {
      unknown.push(await ask(UNKNOWN));
      known.push(await ask(KNOWN));
    }
  }
  // The systematic difference: the median of the differences within each pair (a pair meets one moment's load, so the machine's noise cancels out
  // within it), rather than the difference of two medians, which on a busy machine moves by tens of milliseconds either way.
  const difference = Math.abs(median(known.map((time, index) => time - unknown[index]!)));
  console.log(`forgotten password with a 300 ms SMTP server: p50 known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms, paired difference ${difference.toFixed(1)} ms`);
  expect(difference).toBeLessThan(5);
  // Far below one SMTP hand-off: the answer did not wait for it.
  expect(median(known)).toBeLessThan(300);

  // The mail still leaves, afterwards, through the slow server: to the known address only.
  await expect.poll(() => smtp.received.length, { timeout: 60_000 }).toBeGreaterThan(0);
  expect(new Set(smtp.received.flatMap((message) => message.to))).toEqual(new Set([KNOWN]));
  expect(smtp.received[0]!.mail.text).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}/);
  await request.dispose();
});

test('invitation and reset links are looked up at most 10 times a minute from one address (LINK_LIMIT_PER_ADDRESS)', async () => {
  const answers: string[] = [];
  for (let attempt = 0; attempt < 12; attempt++) {
    const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    const path = attempt % 2 === 0 ? `/reset-password/${token}` : `/invitation/${token}`;
    const html = await (await fetch(`${server.baseURL}${path}`, { headers: { 'accept-language': 'en' } })).text();
    answers.push(/Too many requests from your address|Trop de demandes/.test(html) ? 'too many' : /data-testid="link-state"/.test(html) ? 'unknown' : 'other');
  }
  expect(answers).toEqual([...Array(10).fill('unknown'), 'too many', 'too many']);
});
