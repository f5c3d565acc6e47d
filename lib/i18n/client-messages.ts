/**
 * The part of the catalogues a page's client components need. next-intl's
 * client provider otherwise serialises every catalogue into every page (about
 * 48 KB of text in the RSC payload); server components translate on the
 * server and need none of it in the browser.
 */

type Catalogue = { [key: string]: string | string[] | Catalogue };

/** Only the namespaces named (dotted paths, e.g. `orders.record`), with their parents kept so paths still resolve. */
export function pickMessages(messages: Catalogue, namespaces: readonly string[]): Catalogue {
  const picked: Catalogue = {};
  for (const namespace of namespaces) {
    const path = namespace.split('.');
    let source: string | string[] | Catalogue | undefined = messages;
    let target = picked;
    path.forEach((key, index) => {
      source = typeof source === 'object' && !Array.isArray(source) ? source[key] : undefined;
      if (source === undefined) throw new Error(`no catalogue namespace ${namespace}`);
      if (index === path.length - 1) target[key] = source;
      else target = (target[key] ??= {}) as Catalogue;
    });
  }
  return picked;
}
