import { describe, expect, it } from 'vitest';
import { ConfigurationError, parseEnv } from './env';

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
