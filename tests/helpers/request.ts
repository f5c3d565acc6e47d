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
import type { Translate } from '@/components/columns';
import type { Locale } from '@/db/schema';
import type { Viewer } from '@/lib/auth/scope';
import { messages } from '@/lib/i18n/messages';

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

/** The body of a CSV export as bytes decode, BOM kept (Response.text() would drop it). */
export async function csvBody(response: Response): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
}

/** The header row of a CSV export: its first record, quoted cells read back (RFC 4180). */
export async function csvHeader(response: Response, locale: Locale): Promise<string[]> {
  const body = await csvBody(response);
  if (!body.startsWith('\uFEFF')) throw new Error('a CSV export starts with a BOM');
  const separator = locale === 'fr' ? ';' : ',';
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else if (c === '\r') break;
    else cell += c;
  }
  return [...cells, cell];
}
