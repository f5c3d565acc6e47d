/**
 * The request context of a page or route handler, stood in for under vitest:
 * the reader's language and catalogues (next-intl/server) and the signed-in
 * viewer (@/lib/auth/viewer). A test file replaces both modules with this one
 *
 *   vi.mock('next-intl/server', () => import('@/tests/helpers/request'));
 *   vi.mock('@/lib/auth/viewer', () => import('@/tests/helpers/request'));
 *
 * and says who is asking with setRequestContext({ locale, viewer }).
 */
import { createTranslator } from 'next-intl';
import { beforeEach } from 'vitest';
import type { Translate } from '@/components/columns';
import { setDb, type Db } from '@/db/client';
import type { Locale } from '@/db/schema';
import type { Viewer } from '@/lib/auth/scope';
import { messages } from '@/lib/i18n/messages';
import { createTestDb } from './db';
import { loadFixtures } from './fixtures';

const context: { locale: Locale; viewer: Viewer | null } = { locale: 'fr', viewer: null };

export function setRequestContext(next: Partial<typeof context>): void {
  Object.assign(context, next);
}

/** The catalogue of one namespace in a language, as the pages read it. */
export function translatorOf(locale: Locale, namespace: string): Translate {
  return createTranslator({ locale, messages: messages[locale] as Record<string, unknown>, namespace }) as unknown as Translate;
}

// next-intl/server
export async function getLocale(): Promise<Locale> {
  return context.locale;
}

export async function getTranslations(namespace: string): Promise<Translate> {
  return translatorOf(context.locale, namespace);
}

// @/lib/auth/viewer
export async function requireCustomerViewer(): Promise<Viewer> {
  if (!context.viewer) throw new Error('setRequestContext({ viewer }) first');
  return context.viewer;
}

/**
 * The header line of a route's CSV export (with its BOM and line break), asked
 * for by `viewer` in `locale`: compare it with toCsv(locale, headings, []).
 */
export async function exportedHeader(GET: (request: Request) => Promise<Response>, path: string, asker: { locale: Locale; viewer: Viewer }): Promise<string> {
  setRequestContext(asker);
  const response = await GET(new Request(`http://localhost${path}`));
  // Decoded by hand: Response.text() would drop the BOM.
  const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  return body.slice(0, body.indexOf('\r\n') + 2);
}

/** A migrated database with the fixtures, fresh for each test of the file, on the vitest project's engine. */
export function fixturesForEachTest(): () => Db {
  let db: Db | undefined;
  beforeEach(async () => {
    db = await createTestDb();
    await loadFixtures(db);
    setDb(db);
  });
  return () => db!;
}
