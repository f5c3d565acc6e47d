/**
 * The sign-in form as a browser without JavaScript posts it: the hidden
 * fields React renders for the server action (read from the page's HTML) plus
 * e-mail and password. Lets request-level tests send what a real form sends,
 * with the headers they choose.
 */
import type { APIRequestContext } from '@playwright/test';

function decodeEntities(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The hidden fields of the sign-in form on the sign-in page. */
export async function signInFormFields(request: APIRequestContext, path = '/sign-in'): Promise<Record<string, string>> {
  const html = await (await request.get(path)).text();
  const form = html.match(/<form[^>]*>(?:(?!<\/form>)[\s\S])*name="callbackUrl"[\s\S]*?<\/form>/)?.[0];
  if (!form) throw new Error('no sign-in form on the page');
  const fields: Record<string, string> = {};
  for (const input of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)) fields[decodeEntities(input[1]!)] = decodeEntities(input[2] ?? '');
  return fields;
}

/** The hidden fields React renders for the server action of the form on `path` that has a field named `field`. */
export async function actionFormFields(request: APIRequestContext, path: string, field: string): Promise<Record<string, string>> {
  const html = await (await request.get(path)).text();
  const form = [...html.matchAll(/<form[^>]*>(?:(?!<\/form>)[\s\S])*<\/form>/g)].map((match) => match[0]).find((candidate) => candidate.includes(`name="${field}"`));
  if (!form) throw new Error(`no form with a field ${field} on ${path}`);
  const fields: Record<string, string> = {};
  for (const input of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)) fields[decodeEntities(input[1]!)] = decodeEntities(input[2] ?? '');
  return fields;
}

/** Posts the sign-in form; `headers` replace what a browser would send (Playwright sends no Origin of its own). */
export async function postSignInForm(request: APIRequestContext, credentials: { email: string; password: string }, headers: Record<string, string>) {
  const fields = await signInFormFields(request);
  return request.post('/sign-in', {
    multipart: { ...fields, email: credentials.email, password: credentials.password },
    headers: { accept: 'text/html', ...headers },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
}

/** The text of the form's alert in an HTML answer (what a no-JS browser shows), or null. */
export function alertText(html: string): string | null {
  const match = html.match(/<p role="alert"[^>]*>([^<]*)<\/p>/);
  return match ? decodeEntities(match[1]!) : null;
}
