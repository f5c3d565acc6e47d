import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { ConfigurationError, MAX_WEB_CONCURRENCY, parseDuration, parseEnv, parseWebConcurrency } from './env';

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    const env = parseEnv({ NODE_ENV: 'production' });
    expect(env).toMatchObject({ DATABASE_PATH: 'data/license-desk.db', PORT: 3000, APP_TIME_ZONE: 'UTC' });
    expect(env.AUTH_SECRET).toBeUndefined();
  });

  it('names every bad variable', () => {
    const attempt = () => parseEnv({ PORT: 'eighty', APP_TIME_ZONE: 'Mars/Olympus', AUTH_SECRET: 'short', APP_URL: 'not a url', LICENSE_DESK_TEST_TODAY: '24/11/2026' });
    expect(attempt).toThrow(ConfigurationError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'APP_TIME_ZONE', 'AUTH_SECRET', 'APP_URL', 'LICENSE_DESK_TEST_TODAY']) expect(message).toContain(`${name}:`);
      expect(message).toContain('IANA time zone');
    }
  });

  it('refuses portal links that are not web addresses', () => {
    expect(() => parseEnv({ AZURE_PORTAL_URL: 'javascript:alert(1)' })).toThrow(/AZURE_PORTAL_URL: must be an absolute https: or http: URL/);
    expect(() => parseEnv({ DEV_SUBSCRIPTIONS_PORTAL_URL: 'data:text/html,x' })).toThrow(/DEV_SUBSCRIPTIONS_PORTAL_URL/);
  });

  it('reads DATABASE_CREATE as 1 or 0', () => {
    expect(parseEnv({}).DATABASE_CREATE).toBe(false);
    expect(parseEnv({ DATABASE_CREATE: '1' }).DATABASE_CREATE).toBe(true);
    expect(() => parseEnv({ DATABASE_CREATE: 'yes' })).toThrow(/DATABASE_CREATE/);
  });
});

describe('WEB_CONCURRENCY', () => {
  it('is one server process per core when unset', () => {
    expect(parseEnv({}).WEB_CONCURRENCY).toBe(availableParallelism());
    expect(parseWebConcurrency(undefined, 2)).toBe(2);
    expect(parseWebConcurrency(undefined, 1)).toBe(1);
    // A machine with more cores than the bound gets the bound.
    expect(parseWebConcurrency(undefined, 256)).toBe(MAX_WEB_CONCURRENCY);
  });

  it('takes a whole number from 1 to the bound', () => {
    expect(parseEnv({ WEB_CONCURRENCY: '1' }).WEB_CONCURRENCY).toBe(1);
    expect(parseEnv({ WEB_CONCURRENCY: '4' }).WEB_CONCURRENCY).toBe(4);
    expect(parseEnv({ WEB_CONCURRENCY: ' 2 ' }).WEB_CONCURRENCY).toBe(2);
    expect(parseEnv({ WEB_CONCURRENCY: String(MAX_WEB_CONCURRENCY) }).WEB_CONCURRENCY).toBe(MAX_WEB_CONCURRENCY);
  });

  it('refuses anything else with a message naming the variable', () => {
    for (const value of ['0', '-1', '1.5', 'two', 'auto', '', '2x', String(MAX_WEB_CONCURRENCY + 1), '1e3']) {
      expect(parseWebConcurrency(value, 2)).toBeNull();
      expect(() => parseEnv({ WEB_CONCURRENCY: value })).toThrow(/WEB_CONCURRENCY: must be a whole number of server processes from 1 to 64/);
    }
  });
});

describe('sessions, proxies and sign-in limits', () => {
  it('parses durations and applies the documented defaults', () => {
    const env = parseEnv({});
    expect(env.SESSION_IDLE_TIMEOUT).toBe(12 * 3_600_000);
    expect(env.SESSION_MAX_AGE).toBe(7 * 86_400_000);
    expect(env.SIGN_IN_LIMIT_PER_ADDRESS).toBe(20);
    expect(env.SIGN_IN_LIMIT_PER_ACCOUNT).toBe(10);
    expect(env.PASSWORD_RESET_LIMIT_PER_ADDRESS).toBe(5);
    expect(env.PASSWORD_RESET_LIMIT_PER_EMAIL).toBe(5);
    expect(env.LINK_LIMIT_PER_ADDRESS).toBe(10);
    expect(parseEnv({ SESSION_IDLE_TIMEOUT: '30m', SESSION_MAX_AGE: '86400' })).toMatchObject({ SESSION_IDLE_TIMEOUT: 1_800_000, SESSION_MAX_AGE: 86_400_000 });
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('0h')).toBeNull();
    expect(parseDuration('12 hours')).toBeNull();
  });

  it('names bad durations, an idle timeout longer than the lifetime, bad proxies and limits', () => {
    for (const [variables, name] of [
      [{ SESSION_IDLE_TIMEOUT: 'forever' }, 'SESSION_IDLE_TIMEOUT'],
      [{ SESSION_MAX_AGE: '-1d' }, 'SESSION_MAX_AGE'],
      [{ SESSION_IDLE_TIMEOUT: '8d' }, 'SESSION_IDLE_TIMEOUT'],
      [{ SESSION_IDLE_TIMEOUT: '59s' }, 'SESSION_IDLE_TIMEOUT'],
      [{ TRUSTED_PROXIES: '10.0.0.1, proxy.internal' }, 'TRUSTED_PROXIES'],
      [{ SIGN_IN_LIMIT_PER_ADDRESS: '0' }, 'SIGN_IN_LIMIT_PER_ADDRESS'],
    ] as const) {
      expect(() => parseEnv(variables)).toThrow(`${name}:`);
    }
    expect(() => parseEnv({ TRUSTED_PROXIES: '10.0.0.1, proxy.internal' })).toThrow('"proxy.internal" is not an IP address');
    expect(parseEnv({ TRUSTED_PROXIES: '10.0.0.1, fd00::/8' }).TRUSTED_PROXIES).toBe('10.0.0.1, fd00::/8');
  });
});
