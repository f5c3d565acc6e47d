/**
 * Configuration: every environment variable the application reads, parsed
 * once with zod. A bad value stops the start with a message naming the
 * variable (README lists them all).
 */
import { z } from 'zod';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const webUrl = z.url({ protocol: /^https?$/, message: 'must be an absolute https: or http: URL' });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_PATH: z.string().min(1).default('data/license-desk.db'),
  /** 1: a production start may create a new, empty database at DATABASE_PATH (otherwise it refuses a missing one). */
  DATABASE_CREATE: z
    .enum(['0', '1'], { message: 'must be 1 (create a missing database) or 0' })
    .default('0')
    .transform((value) => value === '1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (generate one with: openssl rand -base64 32)').optional(),
  APP_URL: z.url({ message: 'must be an absolute URL such as https://licenses.example.com' }).optional(),
  APP_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/Paris'),
  // Shown as links: web addresses only, never javascript: or data:.
  DEV_SUBSCRIPTIONS_PORTAL_URL: webUrl.default('https://my.visualstudio.com/subscriptions'),
  AZURE_PORTAL_URL: webUrl.default('https://portal.azure.com/#blade/Microsoft_Azure_Billing/ModernBillingMenuBlade'),
  /** Test-only: the date the application takes as "today" (YYYY-MM-DD). */
  LICENSE_DESK_TEST_TODAY: z.string().regex(isoDate, 'must be a date as YYYY-MM-DD').optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export class ConfigurationError extends Error {}

/** Parses process.env; throws a ConfigurationError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigurationError(`Invalid configuration in environment variables:\n${problems}`);
  }
  return result.data;
}

export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
