/**
 * What a server action called from JavaScript (a POST with a `Next-Action`
 * header) must carry: its form data. Every action of the portal takes a
 * FormData (a form's, optionally after the form's previous state), which
 * React's client always sends as `multipart/form-data` whose root part `0`
 * is the JSON list of arguments ending with a reference to that form data
 * (`"$K<id>"`). Anything else — JSON, a list without form data, text, a
 * broken multipart body — would reach the action without its form data and
 * end in an exception (a 500 with a stack trace); scripts/serve.ts answers it
 * 400 before Next sees it.
 *
 * An action that reads none of its arguments (signing out) is sent without
 * them: the first byte of its id says which arguments it uses (Next's server
 * reference info), and for one that uses none the body only has to be an
 * empty list of arguments.
 */

/** Whether the action `id` reads none of its arguments (its info byte's argument mask and rest bit are 0). */
export function usesNoArguments(id: string): boolean {
  if (!/^[0-9a-f]{2}/.test(id)) return false;
  return (parseInt(id.slice(0, 2), 16) & 0x7f) === 0;
}

/** Whether `body` is what an action `id` may receive: its form data, or no arguments for one that reads none. */
export async function isActionBody(id: string, contentType: string | undefined, body: Uint8Array): Promise<boolean> {
  if (usesNoArguments(id) && !/^multipart\//i.test(contentType ?? '')) return new TextDecoder().decode(body).trim() === '[]';
  return carriesFormData(contentType, body);
}

/** Whether `body` (sent with `contentType`) is the arguments of an action whose last argument is its form data. */
export async function carriesFormData(contentType: string | undefined, body: Uint8Array): Promise<boolean> {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return false;
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return false;
  }
  const root = form.get('0');
  if (typeof root !== 'string') return false;
  let args: unknown;
  try {
    args = JSON.parse(root);
  } catch {
    return false;
  }
  if (!Array.isArray(args) || args.length === 0 || args.length > 2) return false;
  const last = args[args.length - 1];
  return typeof last === 'string' && /^\$K[0-9a-f]+$/.test(last);
}
