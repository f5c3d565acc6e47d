/**
 * The few pages the server writes itself, before or around Next (a refused
 * request, a database fault): plain HTML in French and English, since the
 * request may never reach the code that knows the reader's language. No
 * script, no outside resource, texts from the catalogues.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export interface StaticPageSection {
  lang: 'fr' | 'en';
  title: string;
  body: string;
  link: { href: string; text: string };
}

/** One page holding each section in its language, the first one's language being the page's. */
export function staticPageHtml(title: string, sections: StaticPageSection[]): string {
  const body = sections
    .map(
      ({ lang, title: heading, body: text, link }) =>
        `<section lang="${lang}"><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p><p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p></section>`,
    )
    .join('');
  return `<!DOCTYPE html><html lang="${sections[0]?.lang ?? 'fr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#0f172a}section+section{border-top:1px solid #cbd5e1;margin-top:2rem;padding-top:1rem}a{color:#1d4ed8}</style></head><body><main id="main">${body}</main></body></html>`;
}
