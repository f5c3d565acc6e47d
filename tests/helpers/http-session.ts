/**
 * A signed-in session over plain HTTP: the sign-in form posted as a browser
 * without JavaScript posts it, the session cookie kept. For tests and the
 * load script, which talk to the server without a browser.
 */
import { findForm, formBody } from './html-forms';

export type HttpSession = { base: string; cookie: string };

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(';')[0]!);
}

export async function signInOverHttp(base: string, email: string, password: string): Promise<HttpSession> {
  const page = await fetch(`${base}/sign-in`);
  const form = findForm(await page.text(), 'name="password"');
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    body: formBody(form, { email, password }),
    headers: { origin: base, cookie: cookiesOf(page).join('; ') },
    redirect: 'manual',
  });
  const cookie = cookiesOf(response).filter((pair) => pair.includes('session-token')).join('; ');
  if (!cookie) throw new Error(`sign-in of ${email} failed: HTTP ${response.status}`);
  return { base, cookie };
}
