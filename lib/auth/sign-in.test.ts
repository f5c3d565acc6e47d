/**
 * Checking credentials against a migrated database: the lockout counts the
 * connection's address (never a client's X-Forwarded-For), floods are
 * refused without hashing, and database faults are told as such.
 */
import { AuthError } from 'next-auth';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { CLIENT_ADDRESS_HEADER, clientAddress } from '@/lib/http/request-headers';
import { all, createTestDb, one, onPostgres } from '@/tests/helpers/db';
import { FIXTURE_PASSWORD, FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { holdSqliteWriteLock, readOnlyHandle, unreachableHandle } from '@/tests/helpers/connections';
import { BoundedQueue } from './bounded-queue';
import { MAX_FAILURES } from './lockout';
import * as password from './password';
import { authorizeCredentials, signInRefusal, type SignInContext } from './sign-in';
import { takeLinkAllowance, takeResetAllowance, takeSignInAllowance } from './throttle';

let db: Db;

beforeEach(async () => {
  db = await createTestDb();
  await loadFixtures(db);
});

function context(overrides: Partial<SignInContext> = {}): SignInContext {
  return { db, address: '198.51.100.7', now: Date.now(), limits: { perAddress: 1000, perAccount: 1000 }, refusalDelayMs: 0, ...overrides };
}

/** What the code resolves from a request made straight to the server (no trusted proxy). */
function addressOf(socket: string, forwardedFor?: string): string {
  const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: socket });
  if (forwardedFor) headers.set('x-forwarded-for', forwardedFor);
  return clientAddress(headers);
}

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'signed-in',
    (error: { code?: string }) => error.code ?? String(error),
  );

describe('authorizeCredentials', () => {
  it('accepts the right password and refuses a wrong one or an unknown e-mail alike', async () => {
    await expect(authorizeCredentials({ email: U.alphaAdmin.toUpperCase(), password: FIXTURE_PASSWORD }, context())).resolves.toMatchObject({ sessionVersion: 1 });
    expect(await code(authorizeCredentials({ email: U.alphaAdmin, password: 'wrong' }, context()))).toBe('invalid');
    expect(await code(authorizeCredentials({ email: 'nobody@alpha.example', password: FIXTURE_PASSWORD }, context()))).toBe('invalid');
    expect(await code(authorizeCredentials({ email: U.inactive, password: FIXTURE_PASSWORD }, context()))).toBe('invalid');
  });

  it('writes each sign-in and each refusal to the audit log, under the user’s customer when the e-mail is known', async () => {
    await authorizeCredentials({ email: U.alphaAdmin, password: FIXTURE_PASSWORD }, context());
    await code(authorizeCredentials({ email: U.alphaAdmin, password: 'wrong' }, context()));
    await code(authorizeCredentials({ email: 'nobody@alpha.example', password: 'wrong' }, context()));
    const alpha = (await one<{ id: number }>(db, "select id from customers where number = '2000001'")).id;
    expect(await all(db, 'select action, entity_id, customer_id, address, details from audit_log order by id')).toEqual([
      { action: 'sign_in', entity_id: U.alphaAdmin, customer_id: alpha, address: '198.51.100.7', details: null },
      { action: 'sign_in_failed', entity_id: U.alphaAdmin, customer_id: alpha, address: '198.51.100.7', details: null },
      // An unknown e-mail belongs to nobody's log.
      { action: 'sign_in_failed', entity_id: 'nobody@alpha.example', customer_id: null, address: '198.51.100.7', details: null },
    ]);
  });

  it('a direct client cannot dodge the lockout with a new X-Forwarded-For on each attempt', async () => {
    for (let attempt = 0; attempt < MAX_FAILURES; attempt += 1) {
      const address = addressOf('198.51.100.7', `203.0.113.${attempt}`);
      expect(await code(authorizeCredentials({ email: U.alphaViewer, password: `wrong-${attempt}` }, context({ address })))).toBe('invalid');
    }
    const address = addressOf('198.51.100.7', '203.0.113.200');
    expect(await code(authorizeCredentials({ email: U.alphaViewer, password: FIXTURE_PASSWORD }, context({ address })))).toBe('locked');
  });

  it('a direct client cannot lock a victim out by sending the victim’s address', async () => {
    const victim = addressOf('192.0.2.10');
    for (let attempt = 0; attempt < MAX_FAILURES + 2; attempt += 1) {
      const attacker = addressOf('198.51.100.66', '192.0.2.10');
      expect(attacker).toBe('198.51.100.66');
      await code(authorizeCredentials({ email: U.betaViewer, password: `wrong-${attempt}` }, context({ address: attacker })));
    }
    expect(await code(authorizeCredentials({ email: U.betaViewer, password: FIXTURE_PASSWORD }, context({ address: victim })))).toBe('signed-in');
  });

  it('refuses attempts over the per-address limit without hashing, while other addresses go on', async () => {
    const verify = vi.spyOn(password, 'verifyPassword');
    const limits = { perAddress: 3, perAccount: 1000 };
    for (let attempt = 0; attempt < 3; attempt += 1) expect(await code(authorizeCredentials({ email: `flood${attempt}@x.example`, password: 'x' }, context({ limits, address: '203.0.113.9' })))).toBe('invalid');
    expect(verify).toHaveBeenCalledTimes(3);
    expect(await code(authorizeCredentials({ email: U.alphaAdmin, password: FIXTURE_PASSWORD }, context({ limits, address: '203.0.113.9' })))).toBe('throttled');
    expect(verify).toHaveBeenCalledTimes(3);
    expect(await code(authorizeCredentials({ email: U.alphaAdmin, password: FIXTURE_PASSWORD }, context({ limits, address: '203.0.113.10' })))).toBe('signed-in');
  });

  it('stays open to the right person during a flood of failures from many addresses: no limit for everyone together', async () => {
    const limits = { perAddress: 20, perAccount: 10 };
    // 200 failed sign-ins from 100 addresses, for 100 different accounts (known and unknown); wrong passwords
    // are told at once here (the hashing's own bound is the next test).
    const verify = vi.spyOn(password, 'verifyPassword').mockResolvedValue(false);
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const email = attempt % 10 === 0 ? U.betaViewer : `flood${attempt % 100}@x.example`;
      const result = await code(authorizeCredentials({ email, password: 'wrong' }, context({ limits, address: `203.0.113.${attempt % 100}` })));
      expect(['invalid', 'throttled']).toContain(result);
    }
    verify.mockRestore();
    // A correct sign-in from a fresh address is not refused.
    expect(await code(authorizeCredentials({ email: U.alphaAdmin, password: FIXTURE_PASSWORD }, context({ limits, address: '192.0.2.200' })))).toBe('signed-in');
  });

  it('limits attempts per account, from any address', async () => {
    const limits = { perAddress: 1000, perAccount: 3 };
    for (let attempt = 0; attempt < 3; attempt += 1) expect(await code(authorizeCredentials({ email: U.alphaViewer, password: 'wrong' }, context({ limits, address: `203.0.113.${attempt}` })))).toBe('invalid');
    const verify = vi.spyOn(password, 'verifyPassword');
    expect(await code(authorizeCredentials({ email: ` ${U.alphaViewer.toUpperCase()}`, password: FIXTURE_PASSWORD }, context({ limits, address: '203.0.113.50' })))).toBe('throttled');
    expect(verify).not.toHaveBeenCalled();
    // Other accounts go on.
    expect(await code(authorizeCredentials({ email: U.alphaAdmin, password: FIXTURE_PASSWORD }, context({ limits, address: '203.0.113.50' })))).toBe('signed-in');
  });

  it('bounds the cost of password checks: one address cannot take the whole hashing line', async () => {
    const queue = new BoundedQueue(1, 4, 2);
    const releases: (() => void)[] = [];
    const hold = (key: string) => queue.run(() => new Promise<void>((resolve) => releases.push(resolve)), key).catch(() => 'refused');
    const flood = [hold('203.0.113.9'), hold('203.0.113.9')];
    // A third from the same address is refused at once; another address still gets a place.
    expect(await hold('203.0.113.9')).toBe('refused');
    const fresh = authorizeCredentials({ email: U.alphaAdmin, password: FIXTURE_PASSWORD }, context({ hashQueue: queue, address: '192.0.2.201' }));
    const settled = Promise.all(flood);
    let done = false;
    void settled.then(() => (done = true));
    while (!done) {
      releases.splice(0).forEach((release) => release());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await code(fresh)).toBe('signed-in');
  });

  it('answers "too many attempts" at once, without hashing, when the hashing line is full', async () => {
    const queue = new BoundedQueue(1, 1);
    let release!: () => void;
    const busy = queue.run(() => new Promise<void>((resolve) => (release = resolve)));
    const waiting = queue.run(async () => undefined);
    const verify = vi.spyOn(password, 'verifyPassword');
    expect(await code(authorizeCredentials({ email: U.alphaAdmin, password: FIXTURE_PASSWORD }, context({ hashQueue: queue })))).toBe('throttled');
    expect(verify).not.toHaveBeenCalled();
    release();
    await Promise.all([busy, waiting]);
    expect(await code(authorizeCredentials({ email: U.alphaAdmin, password: FIXTURE_PASSWORD }, context({ hashQueue: queue })))).toBe('signed-in');
  });
});

describe('the limits of the forgotten password and of the links', () => {
  it('"Mot de passe oublié ?" has its own counters: per address, and per e-mail typed (known or not alike)', async () => {
    const limits = { perAddress: 3, perEmail: 2 };
    // Sign-in attempts do not use it up.
    for (let attempt = 0; attempt < 5; attempt += 1) await takeSignInAllowance(db, '203.0.113.1', `x${attempt}@x.example`, { perAddress: 1000, perAccount: 1000 });
    expect(await takeResetAllowance(db, '203.0.113.1', 'a@x.example', limits)).toEqual({ allowed: true });
    expect(await takeResetAllowance(db, '203.0.113.1', 'b@x.example', limits)).toEqual({ allowed: true });
    expect(await takeResetAllowance(db, '203.0.113.1', 'c@x.example', limits)).toEqual({ allowed: true });
    expect(await takeResetAllowance(db, '203.0.113.1', 'd@x.example', limits)).toMatchObject({ allowed: false });
    // Per e-mail, from any address, for an unknown address as for a known one.
    for (const email of ['nobody@x.example', U.alphaAdmin]) {
      expect(await takeResetAllowance(db, '198.51.100.1', email, limits)).toEqual({ allowed: true });
      expect(await takeResetAllowance(db, '198.51.100.2', ` ${email.toUpperCase()}`, limits)).toEqual({ allowed: true });
      expect(await takeResetAllowance(db, '198.51.100.3', email, limits)).toMatchObject({ allowed: false, retryAfterMs: expect.any(Number) });
    }
    // Sign-in from that address is not affected.
    expect(await takeSignInAllowance(db, '203.0.113.1', U.alphaAdmin, { perAddress: 1000, perAccount: 1000 })).toEqual({ allowed: true });
  });

  it('invitation and reset links are looked up at most LINK_LIMIT_PER_ADDRESS times a minute from one address', async () => {
    for (let attempt = 0; attempt < 10; attempt += 1) expect(await takeLinkAllowance(db, '203.0.113.77', 10)).toEqual({ allowed: true });
    expect(await takeLinkAllowance(db, '203.0.113.77', 10)).toMatchObject({ allowed: false });
    expect(await takeLinkAllowance(db, '203.0.113.78', 10)).toEqual({ allowed: true });
  });
});

// SQLite only: a read-only file and a second connection holding SQLite's one write lock (their PostgreSQL counterparts follow).
describe.skipIf(onPostgres())('a database fault during sign-in (SQLite)', () => {
  it('with the database read-only, the right password is answered "unavailable", not "incorrect", and logged', async () => {
    const readOnly = await readOnlyHandle(db);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await code(authorizeCredentials({ email: U.alphaAdmin, password: FIXTURE_PASSWORD }, context({ db: readOnly })))).toBe('unavailable');
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('[auth]'), expect.anything());
  });

  it('with the write lock held by another connection, the right password is answered "unavailable"', async () => {
    const lock = await holdSqliteWriteLock(db, 50);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await code(authorizeCredentials({ email: U.alphaAdmin, password: FIXTURE_PASSWORD }, context()))).toBe('unavailable');
      expect(logged).toHaveBeenCalled();
    } finally {
      await lock.release();
    }
    expect(await code(authorizeCredentials({ email: U.alphaAdmin, password: FIXTURE_PASSWORD }, context()))).toBe('signed-in');
  });
});

describe.skipIf(!onPostgres())('a database fault during sign-in (PostgreSQL)', () => {
  it('with the database closed to writes, the right password is answered "unavailable", not "incorrect", and logged', async () => {
    const readOnly = await readOnlyHandle(db);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await code(authorizeCredentials({ email: U.alphaAdmin, password: FIXTURE_PASSWORD }, context({ db: readOnly })))).toBe('unavailable');
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('[auth]'), expect.anything());
  });

  it('with the server out of reach, the right password is answered "unavailable"', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await code(authorizeCredentials({ email: U.alphaAdmin, password: FIXTURE_PASSWORD }, context({ db: unreachableHandle(db) })))).toBe('unavailable');
    expect(logged).toHaveBeenCalled();
  });
});

describe('signInRefusal', () => {
  it('tells a database fault wrapped by Auth.js from a wrong password', () => {
    const sqlite = Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
    const wrapped = Object.assign(new AuthError('Read more at https://errors.authjs.dev#callbackrouteerror'), { cause: { err: sqlite } });
    expect(signInRefusal(wrapped)).toBe('unavailable');
    expect(signInRefusal(new AuthError('other'))).toBeNull();
    expect(signInRefusal(new Error('NEXT_REDIRECT'))).toBeNull();
  });
});
