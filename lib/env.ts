/**
 * Configuration: every environment variable the application reads, parsed
 * once with zod. A bad value stops the start with a message naming the
 * variable (README lists them all).
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { calendarDate } from './calendar-date';
import { parseTrustedProxies } from './http/client-address';

const webUrl = z.url({ protocol: /^https?$/, message: 'must be an absolute https: or http: URL' });

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration such as `12h`, `30m`, `7d` or `90s` (a bare number is seconds), in milliseconds. */
export function parseDuration(value: string): number | null {
  const match = value.trim().match(/^(\d+)\s*([smhd]?)$/);
  if (!match) return null;
  const amount = Number(match[1]) * UNIT_MS[(match[2] || 's') as keyof typeof UNIT_MS];
  return amount > 0 ? amount : null;
}

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, context) => {
      const ms = parseDuration(value);
      if (ms === null) {
        context.addIssue({ code: 'custom', message: 'must be a duration such as 30m, 12h or 7d' });
        return z.NEVER;
      }
      return ms;
    });

/**
 * The shortest SESSION_IDLE_TIMEOUT accepted: a minute. Sessions write their
 * last-seen time every 5 s at most (lib/auth/sessions.ts), so the idle limit
 * holds to within those 5 s; below a minute that would be a tenth of it.
 */
export const MIN_IDLE_TIMEOUT_MS = 60_000;

/** The most server processes WEB_CONCURRENCY may ask for (each one holds a whole Next.js server in memory). */
export const MAX_WEB_CONCURRENCY = 64;

/**
 * WEB_CONCURRENCY: how many server processes scripts/serve.ts runs. Absent,
 * one per core (`cores`, os.availableParallelism()); otherwise a whole number
 * from 1 to MAX_WEB_CONCURRENCY. Returns null for anything else.
 */
export function parseWebConcurrency(value: string | undefined, cores = availableParallelism()): number | null {
  if (value === undefined) return Math.min(Math.max(1, cores), MAX_WEB_CONCURRENCY);
  if (!/^\s*\d+\s*$/.test(value)) return null;
  const processes = Number(value);
  return processes >= 1 && processes <= MAX_WEB_CONCURRENCY ? processes : null;
}

const perMinute = (fallback: number) => z.coerce.number().int().min(1, 'must be a whole number of attempts per minute, at least 1').default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_PATH: z.string().min(1).default('data/license-desk.db'),
  /** 1: a production start may create a new, empty database at DATABASE_PATH (otherwise it refuses a missing one). */
  DATABASE_CREATE: z
    .enum(['0', '1'], { message: 'must be 1 (create a missing database) or 0' })
    .default('0')
    .transform((value) => value === '1'),
  /**
   * postgres://user:password@host:5432/database: the portal runs on this
   * PostgreSQL database instead of SQLite at DATABASE_PATH (several servers
   * may share it).
   */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()))
    .refine((value) => value === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
      message: 'must be a PostgreSQL connection string such as postgres://user:password@db.example.com:5432/license_desk (leave it unset for SQLite at DATABASE_PATH)',
    }),
  /** Connections of each server process to PostgreSQL (DATABASE_URL only). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1, 'must be a whole number of connections from 1 to 100').max(100, 'must be a whole number of connections from 1 to 100').default(10),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Server processes of scripts/serve.ts (one per core by default; 1: a single process). */
  WEB_CONCURRENCY: z
    .string()
    .optional()
    .transform((value, context) => {
      const processes = parseWebConcurrency(value);
      if (processes === null) {
        context.addIssue({
          code: 'custom',
          message: `must be a whole number of server processes from 1 to ${MAX_WEB_CONCURRENCY}, such as 2 (leave it unset for one per core: ${availableParallelism()} here)`,
        });
        return z.NEVER;
      }
      return processes;
    }),
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
  /** A session ends after this long without a request (SESSION_IDLE_TIMEOUT, in ms once parsed). */
  SESSION_IDLE_TIMEOUT: duration('12h'),
  /** A session ends this long after sign-in, however active (SESSION_MAX_AGE, in ms once parsed). */
  SESSION_MAX_AGE: duration('7d'),
  /** Proxies whose X-Forwarded-For is believed (lib/http/client-address.ts); empty: none. */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((value, context) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: `${(error as Error).message}; expected comma-separated IP addresses or CIDR ranges such as 10.0.0.1, 10.1.0.0/16, fd00::/8` });
      }
    }),
  /** Sign-in attempts allowed per minute from one client address, and for one account (from any address). */
  SIGN_IN_LIMIT_PER_ADDRESS: perMinute(20),
  SIGN_IN_LIMIT_PER_ACCOUNT: perMinute(10),
  /** "Mot de passe oublié ?" requests per minute from one client address, and per hour for one e-mail typed. */
  PASSWORD_RESET_LIMIT_PER_ADDRESS: perMinute(5),
  PASSWORD_RESET_LIMIT_PER_EMAIL: z.coerce.number().int().min(1, 'must be a whole number of requests per hour, at least 1').default(5),
  /** Invitation and reset links opened or posted per minute from one client address. */
  LINK_LIMIT_PER_ADDRESS: perMinute(10),
  /** Expiry notices (lib/notices/): days before an expiration at which a notice is e-mailed, e.g. `90,30`. */
  NOTICE_THRESHOLDS: z
    .string()
    .default('90,30')
    .transform((value, context) => {
      const days = value.split(',').map((part) => part.trim());
      if (days.some((day) => !/^\d{1,3}$/.test(day) || Number(day) < 1 || Number(day) > 366)) {
        context.addIssue({ code: 'custom', message: 'must be whole numbers of days from 1 to 366 separated by commas, such as 90,30' });
        return z.NEVER;
      }
      return [...new Set(days.map(Number))].sort((a, b) => b - a);
    }),
  /** SMTP server of the notices, e.g. smtps://user:password@mail.example.com:465; absent: messages go to OUTBOX_DIR as .eml files. */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL such as smtps://user:password@mail.example.com:465' })
    .optional(),
  /** The From of the notices. */
  MAIL_FROM: z.string().min(3).default('License Desk <no-reply@license-desk.invalid>'),
  /** Where messages are written as .eml files when SMTP_URL is not set (the demo). */
  OUTBOX_DIR: z.string().min(1).default('data/outbox'),
  /** HH:MM in APP_TIME_ZONE: the server runs the notices itself once a day at that time; absent: never (use a scheduler). */
  NOTICES_DAILY_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM, such as 06:30')
    .optional(),
  /**
   * Bench-only: 1 serves /bench/minimal, the framework's minimal signed-in page (the shell and a heading) that
   * `npm run bench` subtracts from every page to tell a page's own cost. Otherwise that address is a 404.
   */
  LICENSE_DESK_BENCH: z
    .enum(['0', '1'], { message: 'must be 1 (serve the bench’s minimal page) or 0' })
    .default('0')
    .transform((value) => value === '1'),
  /** Test-only: the date the application takes as "today" (YYYY-MM-DD). */
  LICENSE_DESK_TEST_TODAY: calendarDate('must be a real date written YYYY-MM-DD').optional(),
});

const checkedSchema = envSchema.superRefine((config, context) => {
  if (config.SESSION_IDLE_TIMEOUT < MIN_IDLE_TIMEOUT_MS) {
    context.addIssue({ code: 'custom', path: ['SESSION_IDLE_TIMEOUT'], message: 'must be at least 60s (a minute)' });
  }
  if (config.SESSION_IDLE_TIMEOUT > config.SESSION_MAX_AGE) {
    context.addIssue({ code: 'custom', path: ['SESSION_IDLE_TIMEOUT'], message: 'must not be longer than SESSION_MAX_AGE' });
  }
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export class ConfigurationError extends Error {}

/** Parses process.env; throws a ConfigurationError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = checkedSchema.safeParse(source);
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
