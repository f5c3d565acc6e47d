/**
 * The forms of a server-rendered page, read from its HTML, and submitted the
 * way a browser without JavaScript does (multipart, with the hidden fields
 * through which Next.js names the server action). Used by tests and the load
 * script to drive server actions over plain HTTP.
 */

export type HtmlForm = { action: string; method: string; fields: [string, string][]; html: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return match ? decodeEntities(match[1] ?? match[2] ?? '') : undefined;
}

/** Every <form> of the page with its named inputs (hidden ones included) and, for buttons, their name/value. */
export function readForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)) {
    const formHtml = match[0];
    const open = /<form\b[^>]*>/i.exec(formHtml)![0];
    const fields: [string, string][] = [];
    for (const input of formHtml.matchAll(/<input\b[^>]*>/gi)) {
      const name = attribute(input[0], 'name');
      const type = (attribute(input[0], 'type') ?? 'text').toLowerCase();
      if (!name || type === 'submit' || ((type === 'checkbox' || type === 'radio') && !/\schecked/i.test(input[0]))) continue;
      fields.push([name, attribute(input[0], 'value') ?? '']);
    }
    for (const select of formHtml.matchAll(/<select\b[^>]*>[\s\S]*?<\/select>/gi)) {
      const name = attribute(select[0], 'name');
      const selected = /<option\b[^>]*\sselected[^>]*>/i.exec(select[0]) ?? /<option\b[^>]*>/i.exec(select[0]);
      if (name) fields.push([name, selected ? (attribute(selected[0], 'value') ?? '') : '']);
    }
    forms.push({ action: attribute(open, 'action') ?? '', method: (attribute(open, 'method') ?? 'GET').toUpperCase(), fields, html: formHtml });
  }
  return forms;
}

/** The form whose HTML contains `marker` (an input name, a button value, a text). */
export function findForm(html: string, marker: string | RegExp): HtmlForm {
  const form = readForms(html).find((candidate) => (typeof marker === 'string' ? candidate.html.includes(marker) : marker.test(candidate.html)));
  if (!form) throw new Error(`no form matching ${String(marker)}`);
  return form;
}

/** The multipart body a browser sends for the form, with `overrides` replacing (or adding) fields. */
export function formBody(form: HtmlForm, overrides: Record<string, string> = {}): FormData {
  const body = new FormData();
  const seen = new Set<string>();
  for (const [name, value] of form.fields) {
    if (name in overrides) {
      if (!seen.has(name)) body.append(name, overrides[name]!);
      seen.add(name);
    } else body.append(name, value);
  }
  for (const [name, value] of Object.entries(overrides)) if (!seen.has(name)) body.append(name, value);
  return body;
}
