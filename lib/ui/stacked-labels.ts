/**
 * A list's cell labels while its rows are stacked cards on a phone
 * (app/globals.css, `.data-table.stacked`): a class named after the set of
 * headings, and the rules that put each heading before its column's cells.
 * The first cell names the row (the card's title) and gets no label.
 */

/** Under this width rows are cards (Tailwind's `sm`, as in app/globals.css). */
const PHONE = '(max-width: 639.98px)';

/** A short, stable class name for a set of headings (FNV-1a), so that tables with the same headings share one sheet. */
export function stackedClassOf(body: readonly string[], footer: readonly string[] = []): string {
  let hash = 0x811c9dc5;
  for (const char of [...body, '\u0002', ...footer].join('\u0001')) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `st-${hash.toString(36)}`;
}

/** Where the sheet of a set of headings is served (app/(portal)/table-labels.css/route.ts). */
export function stackedLabelsHref(className: string, body: readonly string[], footer: readonly string[] = []): string {
  const search = new URLSearchParams([['c', className], ...body.map((label) => ['b', label]), ...footer.map((label) => ['f', label])]);
  return `/table-labels.css?${search}`;
}

/** The sheet: `.st-x>tbody>tr>:nth-child(2)::before{content:"VERSION"}`…; the totals row's first cell is its own label. */
export function stackedLabelsCss(className: string, body: readonly string[], footer: readonly string[] = []): string {
  const rule = (part: 'tbody' | 'tfoot', index: number, label: string) => `.${className}>${part}>tr>:nth-child(${index})::before{content:${cssString(label)}}`;
  const rules = [...body.slice(1).map((label, index) => rule('tbody', index + 2, label)), ...footer.map((label, index) => rule('tfoot', index + 2, label))];
  return `@media ${PHONE}{${rules.join('')}}\n`;
}

/** A CSS string: every character that could end it or the rule (quote, backslash, line break, angle bracket) escaped as a code point. */
export function cssString(text: string): string {
  return `"${text.replace(/["\\\n\r\f<>{}]/g, (char) => `\\${char.codePointAt(0)!.toString(16)} `)}"`;
}
