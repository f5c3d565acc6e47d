/**
 * The demo keeps a generated AUTH_SECRET under data/ so that sessions survive
 * a restart. A production start must be given AUTH_SECRET explicitly.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const DEMO_SECRET_PATH = 'data/auth-secret';

export function ensureDemoSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (!existsSync(DEMO_SECRET_PATH)) {
    mkdirSync(dirname(DEMO_SECRET_PATH), { recursive: true });
    writeFileSync(DEMO_SECRET_PATH, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(DEMO_SECRET_PATH, 'utf8').trim();
}
